import { createHash } from "node:crypto";

/**
 * Identity of an article's text: the same title and body, ignoring case, punctuation and spacing,
 * give the same hash, so a story re-published under another URL is stored once.
 */
export function contentHash(title: string, body: string): string {
  const normalise = (text: string) =>
    text
      .toLowerCase()
      .normalize("NFKC")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  return createHash("sha256").update(normalise(title)).update("\n").update(normalise(body)).digest("hex");
}
