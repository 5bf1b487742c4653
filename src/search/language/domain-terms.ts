/**
 * The small domain map: trade-news abbreviations and names that WordNet does not know (USTR,
 * MOFCOM, Section 301, Entity List, "us" for the United States…), kept as data in
 * domain-terms.json and checked by zod when loaded.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const DomainTermsFile = z.object({
  terms: z.record(
    z.string().regex(/^[a-z0-9.]+(?: [a-z0-9.]+)*$/, "keys are lower-case words"),
    z.array(z.string().min(1)).min(1),
  ),
});

/** Typed words (one or more, joined by a space) → wordings that mean the same, as word lists. */
export type DomainTerms = ReadonlyMap<string, readonly (readonly string[])[]>;

/** Reads the domain map shipped beside this module (or another file of the same shape). */
export function loadDomainTerms(path = new URL("./domain-terms.json", import.meta.url)): DomainTerms {
  const parsed = DomainTermsFile.parse(JSON.parse(readFileSync(path, "utf8")));
  return new Map(
    Object.entries(parsed.terms).map(([key, wordings]) => [key, wordings.map((w) => w.split(" "))]),
  );
}
