import { readFileSync } from "node:fs";
import type { Article, ArticleDraft, TopicMatch } from "../../src/articles/article.js";
import type { PostMessage, PostOutcome, SlackMessage } from "../../src/slack/post-message.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import type { Database } from "../../src/store/open-database.js";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const TOPIC_ORDER = ["huawei", "tariffs", "agriculture"] as const;

let nextId = 1;

const VOCABULARY =
  "port freight soybean wafer lithium vessel customs quota ministry envoy summit ledger futures harvest turbine cobalt rail steel solar memory drone cotton barley copper satellite licence ruling tribunal pension vaccine subsidy loan yuan bond index audit merger patent router handset cargo pipeline".split(
    " ",
  );

/** Text that shares no phrase with another seed's text, so unrelated test stories never merge. */
export function distinctText(seed: number, words: number): string {
  let state = (seed * 2_654_435_761) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    out.push(VOCABULARY[state % VOCABULARY.length] ?? "trade");
  }
  return `${out.join(" ")}.`;
}

/** An in-memory Article for pure functions; ids are unique across a test file. */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  const id = overrides.id ?? nextId++;
  return {
    id,
    title: `Story ${id}: ${distinctText(id, 6)}`,
    body: `Officials said ${distinctText(id + 7_919, 30)} Talks on item ${id} resume next week.`,
    url: `https://news.example/story-${id}`,
    guid: null,
    source: "Example News",
    publishedAt: 0,
    fetchedAt: 0,
    feedId: null,
    topics: [{ topic: "tariffs", score: 0.8, evidence: ["tariffs"] }],
    ...overrides,
  };
}

export interface FixtureArticle {
  key: string;
  title: string;
  source: string;
  url: string;
  publishedHoursAgo: number;
  topics: TopicMatch[];
  body: string;
}

/** The articles of tests/fixtures/digest/NAME.json. */
export function readFixture(name: string): FixtureArticle[] {
  const url = new URL(`../fixtures/digest/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { articles: FixtureArticle[] }).articles;
}

/** Stores an article (with its topics) as if ingested at `fetchedAt`; returns its id. */
export function storeArticle(
  db: Database,
  fetchedAt: number,
  draft: Partial<ArticleDraft> & { topics?: TopicMatch[] } = {},
): number {
  const n = nextId++;
  const { topics = [{ topic: "tariffs", score: 0.8, evidence: ["tariffs"] }], ...rest } = draft;
  const result = createArticleRepository(db).insert(
    {
      title: `Stored story ${n}: ${distinctText(n, 6)}`,
      body: `Negotiators said ${distinctText(n + 7_919, 30)} Tariffs on item ${n} could fall by ${n} percent.`,
      url: `https://news.example/stored-${n}`,
      guid: null,
      source: "Example News",
      publishedAt: fetchedAt,
      feedId: null,
      ...rest,
    },
    topics,
    fetchedAt,
  );
  return result.id;
}

export interface PostedMessage {
  channel: string;
  message: SlackMessage;
}

/**
 * A fake chat.postMessage: records what was posted and answers from a script of outcomes per
 * channel (then "ok" with a fresh ts).
 */
export function createFakePoster() {
  const posted: PostedMessage[] = [];
  const attempts: PostedMessage[] = [];
  const scripts = new Map<string, PostOutcome[]>();
  let ts = 1;
  const post: PostMessage = async (channel, message) => {
    attempts.push({ channel, message });
    const next = scripts.get(channel)?.shift();
    if (next && !next.ok) return next;
    posted.push({ channel, message });
    return { ok: true, ts: `1700000000.${String(ts++).padStart(6, "0")}`, channel };
  };
  return {
    post,
    posted,
    attempts,
    /** The next outcomes for a channel, in order. */
    script(channel: string, ...outcomes: PostOutcome[]) {
      scripts.set(channel, [...(scripts.get(channel) ?? []), ...outcomes]);
    },
    postedTo(channel: string): PostedMessage[] {
      return posted.filter((p) => p.channel === channel);
    },
  };
}

/** Every string in a message, blocks included, joined, for looking for article titles. */
export function messageText(message: SlackMessage): string {
  return JSON.stringify(message.blocks ?? []) + message.text;
}
