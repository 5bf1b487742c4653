import { expect, it } from "vitest";
import type { ArticleDraft } from "../../../src/articles/article.js";
import type { Store } from "../../../src/store/store.js";
import { describeEachBackend } from "./backends.js";

/** Many workspaces in the store: installations, and subscriptions, digests and alerts keyed by team. */

const NOW = Date.parse("2026-11-02T09:00:00Z");
const HOUR = 3_600_000;
/** Past any lease: a "posting" alert this old is unfinished on every backend. */
const LATER = NOW + 24 * HOUR;

const subscribe = (store: Store, channelId: string, teamId?: string) =>
  store.subscriptions.subscribe({
    channelId,
    topics: ["tariffs"],
    localTime: "08:00",
    timeZone: "UTC",
    subscribedBy: "U1",
    now: NOW,
    ...(teamId === undefined ? {} : { teamId }),
  });

async function storeArticle(store: Store, n: number): Promise<number> {
  const draft: ArticleDraft = {
    title: `Tariff story ${n}`,
    body: "Duties on steel doubled.",
    url: `https://news.example/${n}`,
    guid: null,
    source: "S",
    publishedAt: NOW,
    feedId: null,
  };
  const stored = await store.articles.insert(draft, [{ topic: "tariffs", score: 0.9, evidence: [] }], NOW);
  if (stored.status !== "new") throw new Error("the article was not stored");
  return stored.id;
}

const emptyDigest = (store: Store, channelId: string, teamId?: string) =>
  store.digests.recordEmpty({
    channelId,
    ...(teamId === undefined ? {} : { teamId }),
    localDate: "2026-11-02",
    scheduledAt: NOW,
    window: { since: 0, until: NOW },
    now: NOW,
  });

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

describeEachBackend("installation store", ({ store }) => {
  it("stores one installation per workspace; a reinstall replaces the token and keeps the first install time", async () => {
    const installations = store().installations;
    await installations.save(install, NOW);
    await installations.save({ ...install, botToken: "xoxb-two-again", installedBy: "U0OTHER" }, NOW + 1_000);
    expect(await installations.find("T0TWO")).toEqual({
      ...install,
      botToken: "xoxb-two-again",
      installedBy: "U0OTHER",
      installedAt: NOW,
      updatedAt: NOW + 1_000,
    });
    await installations.save(
      { ...install, teamId: "T0ONE", teamName: null, appId: null, botScopes: [] },
      NOW,
    );
    expect(await installations.list()).toMatchObject([
      { teamId: "T0ONE", teamName: null, appId: null, botScopes: [] },
      { teamId: "T0TWO", botToken: "xoxb-two-again" },
    ]);
  });

  it("forgets a workspace's token, saying whether it had one, and leaves the others", async () => {
    const installations = store().installations;
    await installations.save(install, NOW);
    await installations.save({ ...install, teamId: "T0ONE", botToken: "xoxb-one" }, NOW);
    expect(await installations.remove("T0TWO")).toBe(true);
    expect(await installations.remove("T0TWO")).toBe(false);
    expect(await installations.find("T0TWO")).toBeUndefined();
    expect((await installations.find("T0ONE"))?.botToken).toBe("xoxb-one");
  });
});

describeEachBackend("rows keyed by team", ({ store }) => {
  it("records the team a subscription came from, and keeps it when a command without one (the CLI) changes it", async () => {
    const s = store();
    expect((await subscribe(s, "C0DESK", "T0ONE")).teamId).toBe("T0ONE");
    expect((await subscribe(s, "C0DESK")).teamId).toBe("T0ONE");
    expect((await subscribe(s, "C0DESK", "T0TWO")).teamId).toBe("T0TWO");
    expect((await subscribe(s, "C0NEW")).teamId).toBe("");
  });

  it("writes each digest and alert, capped ones too, with the team of the attempt", async () => {
    const s = store();
    expect((await emptyDigest(s, "C0DESK", "T0ONE"))?.teamId).toBe("T0ONE");
    expect((await emptyDigest(s, "C0BARE"))?.teamId).toBe("");
    const first = await storeArticle(s, 1);
    const second = await storeArticle(s, 2);
    expect((await s.alerts.begin("C0DESK", first, NOW, "T0ONE"))?.teamId).toBe("T0ONE");
    await s.alerts.recordCapped("C0DESK", second, NOW, "T0ONE");
    // A capped alert is settled: begin takes it no more, and it counts as considered.
    expect(await s.alerts.begin("C0DESK", second, NOW)).toBeNull();
    expect(await s.alerts.considered("C0DESK", NOW)).toEqual(new Set([first, second]));
    expect(await s.alerts.unfinished("C0DESK", LATER)).toMatchObject([{ articleId: first, teamId: "T0ONE" }]);
  });

  it("lets SLACK_BOT_TOKEN's workspace claim the rows without a team, and only those", async () => {
    const s = store();
    await subscribe(s, "C0OLD");
    await subscribe(s, "C0OTHER", "T0OTHER");
    await emptyDigest(s, "C0OLD");
    await emptyDigest(s, "C0OTHER", "T0OTHER");
    const article = await storeArticle(s, 1);
    await s.alerts.begin("C0OLD", article, NOW);
    await s.alerts.begin("C0OTHER", article, NOW, "T0OTHER");

    expect(await s.teams.claimUnassigned("T0MAIN")).toBe(1);
    expect((await s.subscriptions.get("C0OLD"))?.teamId).toBe("T0MAIN");
    expect((await s.subscriptions.get("C0OTHER"))?.teamId).toBe("T0OTHER");
    expect((await s.digests.forDay("C0OLD", "2026-11-02"))?.teamId).toBe("T0MAIN");
    expect((await s.digests.forDay("C0OTHER", "2026-11-02"))?.teamId).toBe("T0OTHER");
    expect((await s.alerts.unfinished("C0OLD", LATER)).map((a) => a.teamId)).toEqual(["T0MAIN"]);
    expect((await s.alerts.unfinished("C0OTHER", LATER)).map((a) => a.teamId)).toEqual(["T0OTHER"]);
    expect(await s.teams.claimUnassigned("T0MAIN")).toBe(0);
  });

  it("pauses every active, unpaused subscription of the team and no other; a reinstall resumes only those", async () => {
    const s = store();
    await subscribe(s, "C0B", "T0ONE");
    await subscribe(s, "C0A", "T0ONE");
    await subscribe(s, "C0GONE", "T0ONE");
    await s.subscriptions.pause("C0GONE", "not in channel", NOW);
    await subscribe(s, "C0LEFT", "T0ONE");
    await s.subscriptions.unsubscribe("C0LEFT", NOW);
    await subscribe(s, "C0OTHER", "T0TWO");

    expect(await s.teams.pauseTeam("T0ONE", "uninstalled", NOW)).toEqual(["C0A", "C0B"]);
    expect(await s.subscriptions.get("C0A")).toMatchObject({ pausedReason: "uninstalled", pausedAt: NOW });
    expect((await s.subscriptions.get("C0GONE"))?.pausedReason).toBe("not in channel");
    expect((await s.subscriptions.get("C0LEFT"))?.pausedReason).toBeNull();
    expect((await s.subscriptions.get("C0OTHER"))?.pausedReason).toBeNull();
    // Paused already: a second uninstall event changes nothing.
    expect(await s.teams.pauseTeam("T0ONE", "revoked", NOW)).toEqual([]);

    expect(await s.teams.resumeTeam("T0TWO", ["uninstalled"], NOW)).toEqual([]);
    expect(await s.teams.resumeTeam("T0ONE", ["revoked", "uninstalled"], NOW + 1)).toEqual(["C0A", "C0B"]);
    expect(await s.subscriptions.get("C0A")).toMatchObject({ pausedReason: null, pausedAt: null });
    expect((await s.subscriptions.get("C0GONE"))?.pausedReason).toBe("not in channel");
    expect(await s.teams.resumeTeam("T0ONE", [], NOW + 2)).toEqual([]);
  });
});
