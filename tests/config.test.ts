import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, envSchema, loadConfig } from "../src/config.js";

describe("loadConfig", () => {
  it("runs in local mode with documented defaults when the environment is empty", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      logLevel: "info",
      databasePath: "./data/trade-news.db",
      database: { kind: "sqlite", path: "./data/trade-news.db" },
      articlesDir: "./seeds",
      feeds: [],
      pollIntervalSeconds: 600,
      feedAllowPrivate: false,
      slack: null,
      defaultTimeZone: "UTC",
      digestMaxPerTopic: 5,
      digestSkipEmpty: false,
      slackMaxPostsPerSecond: 1,
      schedulerTickSeconds: 30,
      alertMinScore: 0.85,
      alertMaxPerHour: 4,
      replicaLeaseSeconds: 300,
    });
  });

  it("reads the replicas' claim lease and refuses one too short to post a digest in", () => {
    expect(loadConfig({ REPLICA_LEASE_SECONDS: "20" }).replicaLeaseSeconds).toBe(20);
    expect(() => loadConfig({ REPLICA_LEASE_SECONDS: "1" })).toThrow(
      /REPLICA_LEASE_SECONDS: expected at least 5 seconds/,
    );
  });

  it("selects PostgreSQL with DATABASE_URL and refuses a URL that is not postgres://", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://bot:pw@db.example:5432/trade" }).database).toEqual({
      kind: "postgres",
      url: "postgres://bot:pw@db.example:5432/trade",
    });
    expect(() => loadConfig({ DATABASE_URL: "mysql://db.example/trade" })).toThrow(
      /DATABASE_URL: expected a PostgreSQL URL/,
    );
  });

  it("reads the instant-alert settings and refuses a score outside (0, 1] or a cap of 0", () => {
    expect(loadConfig({ ALERT_MIN_SCORE: "0.7", ALERT_MAX_PER_HOUR: "10" })).toMatchObject({
      alertMinScore: 0.7,
      alertMaxPerHour: 10,
    });
    expect(() => loadConfig({ ALERT_MIN_SCORE: "1.5", ALERT_MAX_PER_HOUR: "0" })).toThrow(
      /ALERT_MIN_SCORE: expected a topic score above 0 and at most 1[\s\S]*ALERT_MAX_PER_HOUR: expected at least 1/,
    );
  });

  it("splits FEEDS on commas and whitespace", () => {
    const config = loadConfig({
      FEEDS: "https://a.example/rss, https://b.example/atom\nhttp://c.example/feed",
    });
    expect(config.feeds).toEqual([
      "https://a.example/rss",
      "https://b.example/atom",
      "http://c.example/feed",
    ]);
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ LOG_LEVEL: "", SLACK_BOT_TOKEN: " ", PORT: "" })).toMatchObject({
      logLevel: "info",
      slack: null,
    });
  });

  it("lists every invalid variable with what it expects in one error", () => {
    let error: unknown;
    try {
      loadConfig({
        LOG_LEVEL: "loud",
        POLL_INTERVAL_SECONDS: "soon",
        DEFAULT_TIMEZONE: "Mars/Base",
        FEEDS: "ftp://x.example",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/LOG_LEVEL: expected one of/);
    expect(problems.join("\n")).toMatch(/POLL_INTERVAL_SECONDS: expected a whole number/);
    expect(problems.join("\n")).toMatch(/DEFAULT_TIMEZONE: expected an IANA time zone/);
    expect(problems.join("\n")).toMatch(/FEEDS: "ftp:\/\/x.example" is not an http\(s\) URL/);
  });

  it("refuses a feed URL with a password without repeating it", () => {
    let error: unknown;
    try {
      loadConfig({ FEEDS: "https://reader:hunter2@feeds.example.com/rss" });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(
      /FEEDS: "https:\/\/feeds.example.com\/rss" was given with a user name or password/,
    );
    expect(problems).not.toContain("hunter2");
  });

  it("requires Socket Mode or HTTP credentials next to a bot token", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2" })).toThrow(
      /SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET/,
    );
  });

  it("builds the Slack settings when a bot token and signing secret are set", () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2",
      SLACK_SIGNING_SECRET: "s3cret",
      ADMIN_USER_IDS: "U012AB,W0XY9",
    });
    expect(config.slack).toMatchObject({
      botToken: "xoxb-1-2",
      appToken: undefined,
      port: 3000,
      adminUserIds: ["U012AB", "W0XY9"],
    });
  });

  describe("installs in many workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)", () => {
    const oauth = {
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "a-state-secret-of-32-characters!",
      SLACK_SIGNING_SECRET: "s3cret",
    };

    it("turns on the Slack app without a bot token, in HTTP mode", () => {
      expect(loadConfig(oauth).slack).toMatchObject({
        botToken: undefined,
        appToken: undefined,
        oauth: {
          clientId: "1111.2222",
          clientSecret: "client-secret",
          stateSecret: "a-state-secret-of-32-characters!",
        },
      });
    });

    it("keeps single-workspace mode (no OAuth) when none of the three is set", () => {
      expect(
        loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_SIGNING_SECRET: "s" }).slack?.oauth,
      ).toBeUndefined();
    });

    it("names each missing one when only some are set", () => {
      let error: ConfigError | undefined;
      try {
        loadConfig({ SLACK_CLIENT_ID: "1111.2222", SLACK_SIGNING_SECRET: "s" });
      } catch (e) {
        error = e as ConfigError;
      }
      expect(error?.problems).toEqual([
        "SLACK_CLIENT_SECRET: SLACK_CLIENT_ID is set, so installs in many workspaces are on: set SLACK_CLIENT_SECRET too (all three, or none)",
        "SLACK_STATE_SECRET: SLACK_CLIENT_ID is set, so installs in many workspaces are on: set SLACK_STATE_SECRET too (all three, or none)",
      ]);
    });

    it("refuses Socket Mode, since Slack sends the installer back to /slack/oauth_redirect over HTTP", () => {
      expect(() => loadConfig({ ...oauth, SLACK_APP_TOKEN: "xapp-1-x" })).toThrow(
        /SLACK_APP_TOKEN: installs in many workspaces .* need HTTP mode/,
      );
    });

    it("needs the signing secret, and a state secret long enough to sign with", () => {
      expect(() => loadConfig({ ...oauth, SLACK_SIGNING_SECRET: "" })).toThrow(
        /SLACK_SIGNING_SECRET: installs in many workspaces .* run in HTTP mode/,
      );
      expect(() => loadConfig({ ...oauth, SLACK_STATE_SECRET: "short" })).toThrow(
        /SLACK_STATE_SECRET: expected a random secret of at least 16 characters/,
      );
    });
  });

  it("refuses a token of the wrong kind", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxp-user", SLACK_SIGNING_SECRET: "s" })).toThrow(
      /SLACK_BOT_TOKEN: expected a bot token/,
    );
  });

  it("disables the article folder with ARTICLES_DIR=none", () => {
    expect(loadConfig({ ARTICLES_DIR: "none" }).articlesDir).toBeNull();
  });

  it("accepts boolean spellings for flags", () => {
    expect(loadConfig({ FEED_ALLOW_PRIVATE: "yes", DIGEST_SKIP_EMPTY: "1" })).toMatchObject({
      feedAllowPrivate: true,
      digestSkipEmpty: true,
    });
  });
});

describe(".env.example", () => {
  const documented = new Map(
    readFileSync(".env.example", "utf8")
      .split("\n")
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] as string, m[2] as string]),
  );

  it("documents every variable the configuration reads, and nothing else", () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("shows each variable's default as its value", () => {
    expect(loadConfig(Object.fromEntries(documented))).toEqual(loadConfig({}));
  });
});
