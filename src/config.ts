import { z } from "zod";
import { parseFeedUrl } from "./ingest/feed-list.js";
import { isValidTimeZone } from "./time-zone.js";

/**
 * Every setting the bot reads from the environment. This module is the only reader of
 * process.env; the parsed Config is passed down to everything else.
 */

const emptyAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const flag = (fallback: boolean) =>
  z.preprocess(
    emptyAsUnset,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { error: "expected true or false" })
      .default(fallback ? "true" : "false")
      .transform((v) => v === "true" || v === "1" || v === "yes"),
  );

const wholeNumber = (fallback: number, min: number, max: number, unit: string) =>
  z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: `expected a whole number of ${unit}` })
      .int({ error: `expected a whole number of ${unit}` })
      .min(min, { error: `expected at least ${min} ${unit}` })
      .max(max, { error: `expected at most ${max} ${unit}` })
      .default(fallback),
  );

const optionalText = z.preprocess(emptyAsUnset, z.string().trim().optional());

const httpUrl = z.string().refine(
  (value) => {
    try {
      const protocol = new URL(value).protocol;
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  },
  { error: (issue) => `expected an http(s) URL, got "${String(issue.input)}"` },
);

/** A feed URL as parseFeedUrl accepts it; the message never repeats a password. */
const feedUrl = z.string().superRefine((value, ctx) => {
  const checked = parseFeedUrl(value);
  if (!checked.ok) ctx.addIssue({ code: "custom", message: checked.reason });
});

export const envSchema = z
  .object({
    LOG_LEVEL: z.preprocess(
      emptyAsUnset,
      z
        .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
          error: "expected one of fatal, error, warn, info, debug, trace, silent",
        })
        .default("info"),
    ),
    DATABASE_PATH: z.preprocess(emptyAsUnset, z.string().default("./data/trade-news.db")),
    DATABASE_URL: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
          error: "expected a PostgreSQL URL such as postgres://user:password@host:5432/trade_news",
        })
        .optional(),
    ),
    ARTICLES_DIR: z.preprocess(emptyAsUnset, z.string().default("./seeds")),
    FEEDS: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .default("")
        .transform((v) => v.split(/[\s,]+/).filter((u) => u.length > 0))
        .pipe(z.array(feedUrl)),
    ),
    FEEDS_FILE: optionalText,
    POLL_INTERVAL_SECONDS: wholeNumber(600, 10, 86_400, "seconds (10 to 86400)"),
    FEED_ALLOW_PRIVATE: flag(false),
    TOPICS_FILE: optionalText,
    SLACK_BOT_TOKEN: z.preprocess(
      emptyAsUnset,
      z.string().startsWith("xoxb-", { error: "expected a bot token starting with xoxb-" }).optional(),
    ),
    SLACK_APP_TOKEN: z.preprocess(
      emptyAsUnset,
      z.string().startsWith("xapp-", { error: "expected an app-level token starting with xapp-" }).optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: z.preprocess(
      emptyAsUnset,
      z.string().min(16, { error: "expected a random secret of at least 16 characters" }).optional(),
    ),
    SLACK_API_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
    PORT: wholeNumber(3000, 0, 65_535, "(a TCP port, 0 to 65535)"),
    HEALTH_PORT: z.preprocess(
      emptyAsUnset,
      z.coerce
        .number({ error: "expected a TCP port" })
        .int({ error: "expected a TCP port" })
        .min(0)
        .max(65_535, { error: "expected a TCP port (0 to 65535)" })
        .optional(),
    ),
    DEFAULT_TIMEZONE: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .default("UTC")
        .refine(isValidTimeZone, {
          error: (issue) => `expected an IANA time zone such as Europe/London, got "${String(issue.input)}"`,
        }),
    ),
    ADMIN_USER_IDS: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .default("")
        .transform((v) => v.split(/[\s,]+/).filter((id) => id.length > 0))
        .pipe(
          z.array(
            z.string().regex(/^[UW][A-Z0-9]{2,}$/, { error: "expected Slack user IDs such as U012ABCDEF" }),
          ),
        ),
    ),
    DIGEST_MAX_PER_TOPIC: wholeNumber(5, 1, 20, "articles (1 to 20)"),
    DIGEST_SKIP_EMPTY: flag(false),
    SLACK_MAX_POSTS_PER_SECOND: z.preprocess(
      emptyAsUnset,
      z.coerce
        .number({ error: "expected a number of posts per second" })
        .positive({ error: "expected a positive number of posts per second" })
        .max(50, { error: "expected at most 50 posts per second" })
        .default(1),
    ),
    SCHEDULER_TICK_SECONDS: wholeNumber(30, 1, 30, "seconds (1 to 30)"),
    ALERT_MIN_SCORE: z.preprocess(
      emptyAsUnset,
      z.coerce
        .number({ error: "expected a topic score between 0 and 1, e.g. 0.85" })
        .gt(0, { error: "expected a topic score above 0 and at most 1" })
        .max(1, { error: "expected a topic score above 0 and at most 1" })
        .default(0.85),
    ),
    ALERT_MAX_PER_HOUR: wholeNumber(4, 1, 60, "alerts per hour (1 to 60)"),
    REPLICA_LEASE_SECONDS: wholeNumber(300, 5, 3_600, "seconds (5 to 3600)"),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_APP_TOKEN"],
        message:
          "SLACK_BOT_TOKEN is set, so set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) too",
      });
    }
    const oauth = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;
    const set = oauth.filter((name) => env[name] !== undefined);
    if (set.length === 0) return;
    for (const name of oauth.filter((n) => env[n] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `${set.join(" and ")} ${set.length === 1 ? "is" : "are"} set, so installs in many workspaces are on: set ${name} too (all three, or none)`,
      });
    }
    if (env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_APP_TOKEN"],
        message:
          "installs in many workspaces (SLACK_CLIENT_ID…) need HTTP mode, where Slack sends the installer's browser back to /slack/oauth_redirect: unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET",
      });
    } else if (!env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "installs in many workspaces (SLACK_CLIENT_ID…) run in HTTP mode: set SLACK_SIGNING_SECRET",
      });
    }
  });

/** Slack's OAuth v2 install flow (/slack/install): the app can be installed in many workspaces. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the state parameter that ties a browser's install to its redirect. */
  stateSecret: string;
}

export interface SlackConfig {
  /** Single-workspace token; with OAuth on, the token of one workspace that needs no install (optional). */
  botToken: string | undefined;
  /** Set: installs in many workspaces through /slack/install (HTTP mode only). */
  oauth: OAuthConfig | undefined;
  /** Set: Socket Mode. Unset: HTTP receiver verifying signingSecret. */
  appToken: string | undefined;
  signingSecret: string | undefined;
  apiUrl: string | undefined;
  port: number;
  healthPort: number | undefined;
  adminUserIds: string[];
}

/** Where the store lives: SQLite (embedded, the default) or a shared PostgreSQL server. */
export type DatabaseConfig = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

export interface Config {
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  databasePath: string;
  /** DATABASE_URL selects PostgreSQL; otherwise SQLite at DATABASE_PATH. */
  database: DatabaseConfig;
  /** Folder of article files ingested at start-up and on every poll, or null ("none"). */
  articlesDir: string | null;
  feeds: string[];
  feedsFile: string | undefined;
  pollIntervalSeconds: number;
  feedAllowPrivate: boolean;
  topicsFile: string | undefined;
  /** Null: local mode (neither SLACK_BOT_TOKEN nor SLACK_CLIENT_ID…). */
  slack: SlackConfig | null;
  defaultTimeZone: string;
  digestMaxPerTopic: number;
  digestSkipEmpty: boolean;
  slackMaxPostsPerSecond: number;
  schedulerTickSeconds: number;
  /** Topic score an article needs for an instant alert (channels with alerts on). */
  alertMinScore: number;
  /** Instant alerts per channel in any hour; the rest wait for the digest. */
  alertMaxPerHour: number;
  /**
   * PostgreSQL: how long a replica's claim on a feed poll, a digest or an alert post holds before
   * another replica may take it over (the claimer died).
   */
  replicaLeaseSeconds: number;
}

/** A configuration problem: every invalid variable, each with what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; throws ConfigError listing every invalid variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `${name}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = result.data;
  return {
    logLevel: e.LOG_LEVEL,
    databasePath: e.DATABASE_PATH,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "sqlite", path: e.DATABASE_PATH },
    articlesDir: e.ARTICLES_DIR.toLowerCase() === "none" ? null : e.ARTICLES_DIR,
    feeds: e.FEEDS,
    feedsFile: e.FEEDS_FILE,
    pollIntervalSeconds: e.POLL_INTERVAL_SECONDS,
    feedAllowPrivate: e.FEED_ALLOW_PRIVATE,
    topicsFile: e.TOPICS_FILE,
    slack:
      e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            oauth:
              e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
                ? {
                    clientId: e.SLACK_CLIENT_ID,
                    clientSecret: e.SLACK_CLIENT_SECRET,
                    stateSecret: e.SLACK_STATE_SECRET,
                  }
                : undefined,
            appToken: e.SLACK_APP_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            apiUrl: e.SLACK_API_URL,
            port: e.PORT,
            healthPort: e.HEALTH_PORT,
            adminUserIds: e.ADMIN_USER_IDS,
          }
        : null,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    digestMaxPerTopic: e.DIGEST_MAX_PER_TOPIC,
    digestSkipEmpty: e.DIGEST_SKIP_EMPTY,
    slackMaxPostsPerSecond: e.SLACK_MAX_POSTS_PER_SECOND,
    schedulerTickSeconds: e.SCHEDULER_TICK_SECONDS,
    alertMinScore: e.ALERT_MIN_SCORE,
    alertMaxPerHour: e.ALERT_MAX_PER_HOUR,
    replicaLeaseSeconds: e.REPLICA_LEASE_SECONDS,
  };
}
