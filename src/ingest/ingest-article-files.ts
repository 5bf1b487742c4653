import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { TextDecoder } from "node:util";
import type { ArticleDraft } from "../articles/article.js";
import { cleanPlainText } from "../articles/html-to-text.js";
import { parseArticleText } from "../articles/parse-article-file.js";
import { remapWindows1252 } from "./decode-body.js";
import { type IngestDeps, ingestDrafts } from "./ingest-articles.js";

/**
 * Article files in the seed format (first non-empty line the title, the rest the body) into the
 * same pipeline as feed items. Each file is stored once: re-ingesting a folder finds the same
 * text and reports it as a duplicate.
 */

/** Extensions read when a folder is given. */
export const ARTICLE_FILE_EXTENSIONS = [".txt", ".text", ".md"];
/** Larger files are refused: an article is a few kilobytes. */
export const MAX_ARTICLE_FILE_BYTES = 1024 * 1024;

export type ArticleFileResult =
  | { path: string; status: "new"; id: number }
  | { path: string; status: "duplicate"; id: number; matchedBy: "url" | "guid" | "content" }
  | { path: string; status: "failed"; reason: string };

export interface ArticleFilesSummary {
  files: ArticleFileResult[];
  new: number;
  duplicates: number;
  failed: number;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return error instanceof Error ? error.message : String(error);
}

async function expand(
  source: string | readonly string[],
): Promise<{ files: string[]; failures: ArticleFileResult[] }> {
  const files: string[] = [];
  const failures: ArticleFileResult[] = [];
  for (const path of typeof source === "string" ? [source] : source) {
    try {
      if (!(await stat(path)).isDirectory()) {
        files.push(path);
        continue;
      }
      const entries = await readdir(path, { withFileTypes: true });
      files.push(
        ...entries
          .filter(
            (e) => e.isFile() && !e.name.startsWith(".") && ARTICLE_FILE_EXTENSIONS.includes(extname(e.name)),
          )
          .map((e) => join(path, e.name))
          .sort(),
      );
    } catch (error) {
      failures.push({ path, status: "failed", reason: describeFsError(error) });
    }
  }
  return { files, failures };
}

/** UTF-8 (with or without BOM); text that is not valid UTF-8 is read as windows-1252. */
function decodeFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return remapWindows1252(new TextDecoder("windows-1252").decode(bytes));
  }
}

async function readDraft(path: string, now: number): Promise<ArticleDraft | { reason: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { reason: "not a regular file" };
    if (info.size > MAX_ARTICLE_FILE_BYTES) return { reason: "file larger than 1 MB" };
    const parsed = parseArticleText(decodeFile(await readFile(path)));
    if ("error" in parsed) return { reason: parsed.error };
    return {
      title: cleanPlainText(parsed.title),
      body: cleanPlainText(parsed.body),
      url: null,
      guid: null,
      source: `file:${basename(path)}`,
      publishedAt: Math.min(Math.round(info.mtimeMs), now),
      feedId: null,
    };
  } catch (error) {
    return { reason: describeFsError(error) };
  }
}

/**
 * Ingests article files: a folder (its .txt/.text/.md files, not recursive), one file, or a list
 * of either. An article's publication time is the file's modification time (clamped to now);
 * its source is "file:NAME". Returns, per file, new / duplicate (of which article) / failed (why).
 */
export async function ingestArticleFiles(
  deps: IngestDeps,
  source: string | readonly string[],
): Promise<ArticleFilesSummary> {
  const { files: paths, failures } = await expand(source);
  const now = deps.clock.now();
  const results: ArticleFileResult[] = [...failures];
  const drafts: ArticleDraft[] = [];
  const draftPaths: string[] = [];
  for (const path of paths) {
    const draft = await readDraft(path, now);
    if ("reason" in draft) {
      results.push({ path, status: "failed", reason: draft.reason });
    } else {
      drafts.push(draft);
      draftPaths.push(path);
    }
  }
  const stored = await ingestDrafts(deps, drafts);
  stored.results.forEach((result, i) => {
    const path = draftPaths[i] ?? "";
    results.push(
      result.status === "new"
        ? { path, status: "new", id: result.id }
        : { path, status: "duplicate", id: result.id, matchedBy: result.matchedBy },
    );
  });
  const count = (status: ArticleFileResult["status"]) => results.filter((r) => r.status === status).length;
  return { files: results, new: count("new"), duplicates: count("duplicate"), failed: count("failed") };
}
