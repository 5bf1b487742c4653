/**
 * Generated RSS 2.0 feeds for the ingest benchmarks: deterministic (seeded), trade-news sentences
 * in HTML bodies with tracking links and a script tag, as feeds really send them. Written to
 * files and read one at a time, so the benchmark's peak RSS is the pipeline's, not its fixtures'.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRandom } from "./support-random.js";

export const BENCH_NOW = Date.parse("2024-06-01T12:00:00Z");

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

function generateFeed(index: number, itemsPerFeed: number): string {
  const next = createRandom(index + 1);
  const host = `feed${index}.example.com`;
  const items: string[] = [];
  for (let i = 0; i < itemsPerFeed; i++) {
    const title = `${SENTENCES[Math.floor(next() * SENTENCES.length)]?.replace(/\.$/, "")} (${index}-${i})`;
    const body = Array.from({ length: 4 }, () => `<p>${paragraph(next)}</p>`).join("");
    const date = new Date(BENCH_NOW - (index * itemsPerFeed + i) * 60_000).toUTCString();
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

export interface BenchFeed {
  url: string;
  /** The feed's XML file: read when needed, as a fetch would bring it, so memory holds one feed at a time. */
  path: string;
  size: number;
}

/**
 * Writes `feeds` feeds of `itemsPerFeed` items each (every item distinct, no duplicates to skip)
 * into `dir`, one file each.
 */
export function writeFeeds(dir: string, feeds: number, itemsPerFeed: number): BenchFeed[] {
  return Array.from({ length: feeds }, (_, i) => {
    const path = join(dir, `feed-${i}.xml`);
    const bytes = Buffer.from(generateFeed(i, itemsPerFeed), "utf8");
    writeFileSync(path, bytes);
    return { url: `https://feed${i}.example.com/rss`, path, size: bytes.length };
  });
}

/** The feed's bytes, as they would arrive from the network. */
export function readFeed(feed: BenchFeed): Buffer {
  return readFileSync(feed.path);
}
