import { expect, it } from "vitest";
import type { ArticleDraft } from "../../../src/articles/article.js";
import type { Store } from "../../../src/store/store.js";
import { describeEachBackend } from "./backends.js";

const NOW = Date.parse("2025-03-01T12:00:00Z");
const HOUR = 3_600_000;
const LATER = NOW + 24 * HOUR;

async function storeArticle(store: Store, n: number, title: string, body: string, publishedAt = NOW) {
  const draft: ArticleDraft = {
    title,
    body,
    url: `https://news.example/${n}`,
    guid: null,
    source: "S",
    publishedAt,
    feedId: null,
  };
  return store.articles.insert(draft, [{ topic: "tariffs", score: 0.9, evidence: [] }], NOW);
}

describeEachBackend("alert store", ({ store }) => {
  it("records posting then sent, once per channel and article, and counts it as delivered", async () => {
    const s = store();
    await storeArticle(s, 1, "Tariffs doubled", "Duties on steel doubled.");
    expect(await s.alerts.latestArticleId()).toBe(1);
    const record = await s.alerts.begin("C1", 1, NOW);
    expect(record).toMatchObject({ id: 1, channelId: "C1", articleId: 1, status: "posting", attempts: 1 });
    await s.alerts.markSent(1, "1.1", NOW + 1);
    expect(await s.alerts.begin("C1", 1, LATER)).toBeNull();
    expect(await s.alerts.delivered("C1", NOW - HOUR)).toEqual([1]);
    expect(await s.alerts.countSince("C1", NOW - HOUR)).toBe(1);
    expect(await s.alerts.considered("C1", NOW - HOUR)).toEqual(new Set([1]));
  });

  it("retries a pending alert when due and takes over one left posting; a capped one is never alerted", async () => {
    const s = store();
    await storeArticle(s, 1, "A", "a");
    await storeArticle(s, 2, "B", "b");
    await storeArticle(s, 3, "C", "c");
    await s.alerts.begin("C1", 1, NOW);
    await s.alerts.markPending(1, "Slack is down", NOW + HOUR, NOW);
    await s.alerts.begin("C1", 2, NOW);
    await s.alerts.recordCapped("C1", 3, NOW);
    expect((await s.alerts.unfinished("C1", LATER)).map((a) => [a.articleId, a.status])).toEqual([
      [1, "pending"],
      [2, "posting"],
    ]);
    expect(await s.alerts.begin("C1", 1, LATER)).toMatchObject({ status: "posting", attempts: 2 });
    expect(await s.alerts.begin("C1", 3, LATER)).toBeNull();
    expect(await s.alerts.countSince("C1", NOW - HOUR)).toBe(2);
    await s.alerts.markFailed(2, "invalid_blocks", NOW);
    expect(await s.alerts.delivered("C1", NOW - HOUR)).toEqual([1]);
  });

  it("settles unfinished alerts of channels that no longer want them as failed", async () => {
    const s = store();
    await storeArticle(s, 1, "A", "a");
    await s.subscriptions.subscribe({
      channelId: "C1",
      topics: ["tariffs"],
      localTime: "09:00",
      timeZone: "UTC",
      subscribedBy: "U1",
      now: NOW,
      alertMode: "digest",
    });
    await s.alerts.begin("C1", 1, NOW);
    expect(await s.alerts.releaseUnwanted(NOW + 1)).toBe(1);
    expect(await s.alerts.delivered("C1", NOW - HOUR)).toEqual([]);
  });
});

describeEachBackend("search store", ({ store }) => {
  it("ranks title matches above body matches, with SQLite's sign: negative, lower is better", async () => {
    const s = store();
    await storeArticle(s, 1, "Farm aid announced", "Soybean growers get payments.");
    await storeArticle(s, 2, "Soybean purchases resume", "China bought cargoes.");
    await storeArticle(s, 3, "Chip rules", "Nothing about farming here.");
    const hits = await s.search.rank('"soybean"', 10);
    expect(hits.map((h) => h.id)).toEqual([2, 1]);
    expect(hits.every((h) => h.bm25 < 0)).toBe(true);
    expect(hits[0]?.bm25).toBeLessThan(hits[1]?.bm25 ?? 0);
  });

  it("reads the query language match-query.ts writes: phrases, AND, OR, parentheses, stems", async () => {
    const s = store();
    await storeArticle(s, 1, "Chief executive resigns", "The ceo of the firm left.");
    await storeArticle(s, 2, "Executive order on tariffs", "Duties rise.");
    await storeArticle(s, 3, "Tariffs raised", "The chief of staff said so.");
    const ids = async (match: string) => (await s.search.rank(match, 10)).map((h) => h.id).sort();
    expect(await ids('"chief executive"')).toEqual([1]);
    expect(await ids('("chief executive" OR "order") AND "tariffs"')).toEqual([2]);
    expect(await ids('"tariff"')).toEqual([2, 3]);
    expect(await ids('"chief ""of"" staff"')).toEqual([3]);
  });

  it("counts matches, finds the newest id and the first id published since an instant", async () => {
    const s = store();
    for (let n = 1; n <= 5; n++) await storeArticle(s, n, `Story ${n}`, "tariffs", NOW - (5 - n) * HOUR);
    expect(await s.search.documentCount()).toBe(5);
    expect(await s.search.estimateMatches('"tariffs"', 5, 3, 100)).toBe(5);
    expect(await s.search.estimateMatches('"story"', 5, 10, 100)).toBe(5);
    expect(await s.search.lastArticleId()).toBe(5);
    expect(await s.search.firstIdPublishedSince(NOW - 2 * HOUR)).toBe(3);
    expect(await s.search.firstIdPublishedSince(NOW + HOUR)).toBeNull();
    expect((await s.search.rank('"tariffs"', 10, 4)).map((h) => h.id).sort()).toEqual([4, 5]);
  });
});
