/**
 * Loads the quality-gate corpus (the seeds plus tests/fixtures/ask/articles) into a real SQLite
 * database, with the dates and sources listed in tests/fixtures/ask/manifest.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ArticleDraft } from "../../../src/articles/article.js";
import { parseArticleText } from "../../../src/articles/parse-article-file.js";
import { createManualClock } from "../../../src/clock.js";
import type { ChooseOptions } from "../../../src/search/choose-answer.js";
import { createSearch, type Search } from "../../../src/search/create-search.js";
import { createArticleRepository } from "../../../src/store/article-repository.js";
import { type Database, openDatabase } from "../../../src/store/open-database.js";
import { keywordTopicHints, keywordTopicNames, keywordTopicsOf } from "./keyword-topics.js";

const ROOT = join(import.meta.dirname, "../../..");

interface ManifestEntry {
  file: string;
  source: string;
  url: string | null;
  publishedAt: string;
}

interface Manifest {
  clock: string;
  articles: ManifestEntry[];
}

export interface AskCorpus {
  db: Database;
  search: Search;
  now: number;
}

/** Title and body of a seed-format file, as the ingest path reads them. */
export function readArticleFile(path: string): { title: string; body: string } {
  const parsed = parseArticleText(readRepoFile(path));
  if ("error" in parsed) throw new Error(`${path}: ${parsed.error}`);
  return parsed;
}

/** Reads a file relative to the repository root. */
export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

/** Opens an in-memory database holding the whole corpus and a search over it. */
export function loadAskCorpus(answer?: Partial<ChooseOptions>): AskCorpus {
  const manifest = JSON.parse(readRepoFile("tests/fixtures/ask/manifest.json")) as Manifest;
  const now = Date.parse(manifest.clock);
  const db = openDatabase(":memory:");
  const articles = createArticleRepository(db);
  for (const entry of manifest.articles) {
    const { title, body } = readArticleFile(entry.file);
    const draft: ArticleDraft = {
      title,
      body,
      url: entry.url,
      guid: null,
      source: entry.source,
      publishedAt: Date.parse(entry.publishedAt),
      feedId: null,
    };
    articles.insert(draft, keywordTopicsOf(`${title}\n${body}`), now);
  }
  const search = createSearch({
    db,
    articles,
    topicHints: keywordTopicHints,
    topicNames: keywordTopicNames,
    clock: createManualClock(now),
    ...(answer ? { answer } : {}),
  });
  return { db, search, now };
}
