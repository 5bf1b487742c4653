/**
 * `npm run bench -- ingest`: 20 generated feeds (10,000 items) through the whole pipeline —
 * decode, parse, normalise, classify (the real classifier), store into a temp SQLite file — and,
 * in the same run, the same XML through rss-parser's parseString alone. Prints medians of the
 * runs, their ratio (goal: the pipeline keeps at least half of raw parse throughput), the longest
 * event-loop stall during the pipeline, and peak RSS (goal: under 300 MB).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import Parser from "rss-parser";
import { createClassifier, toTopicMatches } from "../src/classify/classifier.js";
import { builtInTopics } from "../src/classify/topics.js";
import { createManualClock } from "../src/clock.js";
import { decodeBody } from "../src/ingest/decode-body.js";
import { ingestFeedItems } from "../src/ingest/ingest-articles.js";
import { normaliseItem } from "../src/ingest/normalise-item.js";
import { type FeedItem, parseFeed } from "../src/ingest/parse-feed.js";
import { createArticleRepository } from "../src/store/article-repository.js";
import { createFeedRepository } from "../src/store/feed-repository.js";
import { openDatabase } from "../src/store/open-database.js";
import { createRandom } from "./support-random.js";

const FEEDS = 20;
const ITEMS_PER_FEED = 500;
const RUNS = 5;
const BREAKDOWN_RUNS = 3;
const NOW = Date.parse("2024-06-01T12:00:00Z");

const SENTENCES = [
  "Washington raised tariffs on $200 billion of Chinese goods to 25% on Friday.",
  "Beijing said it would retaliate with duties on American soybeans, pork and corn.",
  "Huawei said the entity list restrictions would hurt U.S. suppliers more than the company itself.",
  "The Commerce Department granted a limited number of licences to sell components to Huawei.",
  "Farmers in Iowa and Illinois said the trade war had cut their export income sharply.",
  "Negotiators from both sides are expected to meet again in Geneva next month.",
  "Analysts expect the truce to hold at least until the end of the year.",
  "Shares of chipmakers rose after the announcement, while soybean futures slipped.",
  "The U.S. Trade Representative said talks had made progress on intellectual property.",
  "Retailers warned that consumers would pay more for electronics and clothing.",
  "China's purchases of American farm goods rebounded in the second quarter.",
  "The agreement does not cover state subsidies, a long-standing American complaint.",
  "Local officials said the new port facilities would open in the spring.",
  "The central bank left interest rates unchanged, citing steady growth.",
];

function paragraph(next: () => number): string {
  const count = 2 + Math.floor(next() * 3);
  return Array.from({ length: count }, () => SENTENCES[Math.floor(next() * SENTENCES.length)]).join(" ");
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function generateFeed(index: number): string {
  const next = createRandom(index + 1);
  const host = `feed${index}.example.com`;
  const items: string[] = [];
  for (let i = 0; i < ITEMS_PER_FEED; i++) {
    const title = `${SENTENCES[Math.floor(next() * SENTENCES.length)]?.replace(/\.$/, "")} (${index}-${i})`;
    const body = Array.from({ length: 4 }, () => `<p>${paragraph(next)}</p>`).join("");
    const date = new Date(NOW - (index * ITEMS_PER_FEED + i) * 60_000).toUTCString();
    items.push(`<item>
  <title>${escapeXml(title)}</title>
  <link>https://${host}/news/${i}?utm_source=rss&amp;utm_medium=feed</link>
  <guid isPermaLink="false">${index}-${i}</guid>
  <pubDate>${date}</pubDate>
  <description>${escapeXml(paragraph(next))}</description>
  <content:encoded><![CDATA[${body}<script>track(${i})</script>]]></content:encoded>
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Bench feed ${index}</title><link>https://${host}/</link><description>generated</description>
${items.join("\n")}
</channel></rss>`;
}

const feedsXml = Array.from({ length: FEEDS }, (_, i) => ({
  url: `https://feed${i}.example.com/rss`,
  xml: generateFeed(i),
}));
const feedsBytes = feedsXml.map((f) => ({ url: f.url, bytes: Buffer.from(f.xml, "utf8") }));
const totalItems = FEEDS * ITEMS_PER_FEED;
const totalMb = feedsBytes.reduce((sum, f) => sum + f.bytes.length, 0) / (1024 * 1024);

const classifier = createClassifier(builtInTopics);
const classify = (input: { title: string; body: string }) => toTopicMatches(classifier.classify(input));

async function rawParse(): Promise<number> {
  const parser = new Parser();
  const started = performance.now();
  let items = 0;
  for (const feed of feedsXml) items += (await parser.parseString(feed.xml)).items.length;
  if (items !== totalItems) throw new Error(`raw parse saw ${items} items, expected ${totalItems}`);
  return performance.now() - started;
}

async function pipeline(dir: string, run: number): Promise<{ ms: number; stallMs: number }> {
  const db = openDatabase(join(dir, `bench-${run}.db`));
  const feeds = createFeedRepository(db);
  const deps = { articles: createArticleRepository(db), classify, clock: createManualClock(NOW) };
  const ids = feedsBytes.map(
    (f) => feeds.add({ url: f.url, origin: "config", trusted: true, addedAt: NOW }).feed.id,
  );
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const started = performance.now();
  let stored = 0;
  for (const [i, feed] of feedsBytes.entries()) {
    const parsed = await parseFeed(decodeBody(feed.bytes, "application/rss+xml").text, feed.url);
    if (!parsed.ok) throw new Error(parsed.reason);
    const summary = await ingestFeedItems(deps, parsed.items, {
      id: ids[i] ?? null,
      url: feed.url,
      title: parsed.title,
    });
    stored += summary.new;
  }
  const ms = performance.now() - started;
  stalls.disable();
  db.close();
  if (stored !== totalItems) throw new Error(`pipeline stored ${stored} articles, expected ${totalItems}`);
  return { ms, stallMs: stalls.max / 1e6 };
}

/** The pipeline's stages one at a time over all feeds, to show where the time goes. */
async function stages(dir: string, run: number): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    times[stage] = performance.now() - started;
    return result;
  };
  const parsed = await time("decode + parse", async () => {
    const out: { url: string; items: FeedItem[] }[] = [];
    for (const feed of feedsBytes) {
      const result = await parseFeed(decodeBody(feed.bytes, "application/rss+xml").text, feed.url);
      if (result.ok) out.push({ url: feed.url, items: result.items });
    }
    return out;
  });
  const drafts = await time("normalise", () =>
    parsed.flatMap(({ url, items }) =>
      items.flatMap((item) => {
        const n = normaliseItem(item, { feedId: null, feedUrl: url, source: "bench", now: NOW });
        return n.ok ? [n.draft] : [];
      }),
    ),
  );
  const classified = await time("classify", () =>
    drafts.map((draft) => ({ draft, topics: classify(draft) })),
  );
  const db = openDatabase(join(dir, `stages-${run}.db`));
  const articles = createArticleRepository(db);
  await time("store (insertMany, 200 per transaction)", () => {
    for (let i = 0; i < classified.length; i += 200) articles.insertMany(classified.slice(i, i + 200), NOW);
  });
  db.close();
  return times;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const dir = mkdtempSync(join(tmpdir(), "trade-news-bench-"));
const rawMs: number[] = [];
const pipelineMs: number[] = [];
const stallMs: number[] = [];
const stageMs: Record<string, number[]> = {};
let peakRssMb = 0;
try {
  await rawParse();
  for (let run = 0; run < RUNS; run++) {
    rawMs.push(await rawParse());
    const result = await pipeline(dir, run);
    pipelineMs.push(result.ms);
    stallMs.push(result.stallMs);
  }
  peakRssMb = process.resourceUsage().maxRSS / 1024;
  for (let run = 0; run < BREAKDOWN_RUNS; run++) {
    for (const [stage, ms] of Object.entries(await stages(dir, run)))
      stageMs[stage] = [...(stageMs[stage] ?? []), ms];
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const rawRate = totalItems / (median(rawMs) / 1000);
const pipelineRate = totalItems / (median(pipelineMs) / 1000);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

console.log(
  `${FEEDS} feeds, ${fmt(totalItems)} items, ${totalMb.toFixed(1)} MB of XML; median of ${RUNS} runs`,
);
console.log(`  rss-parser parseString alone : ${fmt(rawRate)} items/s (${median(rawMs).toFixed(0)} ms)`);
console.log(
  `  whole pipeline (temp SQLite) : ${fmt(pipelineRate)} items/s (${median(pipelineMs).toFixed(0)} ms)`,
);
console.log(`  ratio pipeline / raw parse   : ${(pipelineRate / rawRate).toFixed(2)} (goal >= 0.50)`);
console.log(`  longest event-loop stall     : ${median(stallMs).toFixed(0)} ms`);
console.log(`  peak RSS                     : ${peakRssMb.toFixed(0)} MB (goal < 300 MB)`);
console.log(`where the time goes (each stage alone over all items, median of ${BREAKDOWN_RUNS}):`);
const stageTotal = Object.values(stageMs).reduce((sum, list) => sum + median(list), 0);
for (const [stage, list] of Object.entries(stageMs)) {
  const ms = median(list);
  console.log(
    `  ${stage.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / stageTotal).toFixed(0).padStart(3)}%`,
  );
}
