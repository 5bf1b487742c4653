/** Reads seed-format article files of the repository the way the ingest path reads them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArticleText } from "../../../src/articles/parse-article-file.js";

const ROOT = join(import.meta.dirname, "../../..");

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
