import { createHash } from "node:crypto";

/**
 * Identity of an article's text: the same title and body, ignoring case, punctuation and spacing,
 * give the same hash, so a story re-published under another URL is stored once. A title alone
 * says too little ("Market update" every day): an item without body text is told apart by its
 * link (or feed GUID) as well.
 */
export function contentHash(title: string, body: string, link: string | null = null): string {
  const normalise = (text: string) =>
    text
      .toLowerCase()
      .normalize("NFKC")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const text = normalise(body);
  const hash = createHash("sha256").update(normalise(title)).update("\n").update(text);
  if (text === "" && link) hash.update("\n").update(link);
  return hash.digest("hex");
}
