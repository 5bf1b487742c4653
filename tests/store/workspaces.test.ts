import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createAlertRepository } from "../../src/store/alert-repository.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { createDigestRepository } from "../../src/store/digest-repository.js";
import { createInstallationRepository } from "../../src/store/installation-repository.js";
import { migrate } from "../../src/store/migrate.js";
import { migrations } from "../../src/store/migrations/index.js";
import { openDatabase } from "../../src/store/open-database.js";
import { createSubscriptionRepository } from "../../src/store/subscription-repository.js";
import { createTeamRepository } from "../../src/store/team-repository.js";

const NOW = Date.UTC(2026, 10, 2, 9);
const subscribe = (db: BetterSqlite3.Database, channelId: string, teamId?: string) =>
  createSubscriptionRepository(db).subscribe({
    channelId,
    topics: ["tariffs"],
    localTime: "08:00",
    timeZone: "UTC",
    subscribedBy: "U1",
    now: NOW,
    ...(teamId === undefined ? {} : { teamId }),
  });
const draft = { title: "T", body: "B", url: null, guid: "g", source: "S", publishedAt: NOW, feedId: null };
const teamOf = (db: BetterSqlite3.Database, table: string) =>
  db.prepare(`SELECT team_id FROM ${table}`).pluck().all();

describe("migration 011: rows keyed by team", () => {
  it("gives rows written before it the team '' (SLACK_BOT_TOKEN's workspace, not yet known)", () => {
    const db = new BetterSqlite3(":memory:");
    migrate(
      db,
      migrations.filter((m) => m.version < 11),
    );
    const article = createArticleRepository(db).insert(draft, [], NOW);
    db.exec(`INSERT INTO subscriptions (channel_id, topics, local_time, time_zone, subscribed_by, subscribed_at,
        updated_at) VALUES ('C0OLD', '["tariffs"]', '08:00', 'UTC', 'U1', 0, 0);
      INSERT INTO digests (channel_id, local_date, scheduled_at, status, window_since, window_until, created_at,
        updated_at) VALUES ('C0OLD', '2026-11-02', 0, 'empty', 0, 0, 0, 0);
      INSERT INTO alerts (channel_id, article_id, status, created_at, updated_at)
        VALUES ('C0OLD', ${article.status === "new" ? article.id : 0}, 'capped', 0, 0);`);
    migrate(db, migrations);
    expect(teamOf(db, "subscriptions")).toEqual([""]);
    expect(teamOf(db, "digests")).toEqual([""]);
    expect(teamOf(db, "alerts")).toEqual([""]);
    expect(createSubscriptionRepository(db).get("C0OLD")?.teamId).toBe("");
  });

  it("lets SLACK_BOT_TOKEN's workspace claim the rows without a team, and only those", async () => {
    const db = openDatabase(":memory:");
    subscribe(db, "C0OLD");
    subscribe(db, "C0OTHER", "T0OTHER");
    expect(await createTeamRepository(db).claimUnassigned("T0MAIN")).toBe(1);
    const subscriptions = createSubscriptionRepository(db);
    expect(subscriptions.get("C0OLD")?.teamId).toBe("T0MAIN");
    expect(subscriptions.get("C0OTHER")?.teamId).toBe("T0OTHER");
  });

  it("records the team a subscription came from, and keeps it when a command without one (the CLI) changes it", () => {
    const db = openDatabase(":memory:");
    expect(subscribe(db, "C0DESK", "T0ONE").teamId).toBe("T0ONE");
    expect(subscribe(db, "C0DESK").teamId).toBe("T0ONE");
    expect(subscribe(db, "C0DESK", "T0TWO").teamId).toBe("T0TWO");
  });

  it("writes each digest and alert with the team of the attempt", () => {
    const db = openDatabase(":memory:");
    createDigestRepository(db).recordEmpty({
      channelId: "C0DESK",
      teamId: "T0ONE",
      localDate: "2026-11-02",
      scheduledAt: NOW,
      window: { since: 0, until: NOW },
      now: NOW,
    });
    const article = createArticleRepository(db).insert(draft, [], NOW);
    createAlertRepository(db).begin("C0DESK", article.status === "new" ? article.id : 0, NOW, "T0ONE");
    expect(teamOf(db, "digests")).toEqual(["T0ONE"]);
    expect(teamOf(db, "alerts")).toEqual(["T0ONE"]);
  });
});

describe("pausing and resuming a workspace", () => {
  it("pauses every active, unpaused subscription of the team and no other", async () => {
    const db = openDatabase(":memory:");
    const subscriptions = createSubscriptionRepository(db);
    subscribe(db, "C0A", "T0ONE");
    subscribe(db, "C0B", "T0ONE");
    subscribe(db, "C0GONE", "T0ONE");
    subscriptions.pause("C0GONE", "not in channel", NOW);
    subscribe(db, "C0OTHER", "T0TWO");
    const teams = createTeamRepository(db);
    expect(await teams.pauseTeam("T0ONE", "uninstalled", NOW)).toEqual(["C0A", "C0B"]);
    expect(subscriptions.get("C0GONE")?.pausedReason).toBe("not in channel");
    expect(subscriptions.get("C0OTHER")?.pausedReason).toBeNull();
    // A reinstall clears the uninstall's pauses, not a channel's own.
    expect(await teams.resumeTeam("T0ONE", ["uninstalled"], NOW)).toEqual(["C0A", "C0B"]);
    expect(subscriptions.get("C0A")?.pausedReason).toBeNull();
    expect(subscriptions.get("C0GONE")?.pausedReason).toBe("not in channel");
  });
});

describe("installation repository", () => {
  const install = {
    teamId: "T0TWO",
    teamName: "Two",
    appId: "A0APP",
    botToken: "xoxb-two",
    botId: "BTWO",
    botUserId: "UTWOBOT",
    botScopes: ["commands", "chat:write"],
    installedBy: "U0ADMIN",
  };

  it("stores one installation per workspace; a reinstall replaces the token and keeps the first install time", async () => {
    const repo = createInstallationRepository(openDatabase(":memory:"));
    await repo.save(install, NOW);
    await repo.save({ ...install, botToken: "xoxb-two-again", installedBy: "U0OTHER" }, NOW + 1_000);
    expect(await repo.find("T0TWO")).toEqual({
      ...install,
      botToken: "xoxb-two-again",
      installedBy: "U0OTHER",
      installedAt: NOW,
      updatedAt: NOW + 1_000,
    });
    expect((await repo.list()).map((i) => i.teamId)).toEqual(["T0TWO"]);
  });

  it("forgets a workspace's token, saying whether it had one", async () => {
    const repo = createInstallationRepository(openDatabase(":memory:"));
    await repo.save(install, NOW);
    expect(await repo.remove("T0TWO")).toBe(true);
    expect(await repo.remove("T0TWO")).toBe(false);
    expect(await repo.find("T0TWO")).toBeUndefined();
  });
});
