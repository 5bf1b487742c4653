/**
 * Words people use for the same thing in trade news. A question word that belongs to a group
 * is searched and matched as any member of the group ("CEOs" finds "chief executives"); a word
 * in two groups ("raise": prices and funding) is matched as any member of either.
 */
import { termsOf } from "./text-terms.js";

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["ceo", "chief executive", "executive", "boss", "top executive"],
  ["buy", "purchase", "order", "book", "acquire", "import", "importer", "buyer"],
  ["tariff", "duties", "duty", "levy", "levies"],
  ["farm", "agricultural", "agriculture", "farmer", "crop", "grower"],
  ["blacklist", "entity list", "blacklisting", "black list"],
  ["ban", "restriction", "restrict", "bar", "curb", "prohibit", "embargo"],
  ["request", "ask", "urge", "seek", "want", "lobby", "press", "call for", "demand"],
  ["start", "begin", "take effect", "kick in", "come into force", "impose", "commence", "put"],
  ["licence", "license", "licensing", "permit", "permission", "approval", "approve", "authorization"],
  ["phone", "smartphone", "handset", "mobile"],
  ["chip", "semiconductor", "chipmaker", "microchip", "processor"],
  ["jet", "plane", "aircraft", "airliner", "airplane"],
  ["tech", "technology"],
  ["company", "firm", "corporation"],
  ["pig", "hog", "pork", "swine"],
  ["aid", "bailout", "subsidy", "payment", "compensation", "help", "support"],
  ["increase", "rise", "hike", "raise", "go up", "climb", "jump", "boost"],
  ["raise", "fund", "funding", "round", "investment", "invest"],
  ["hit", "affect", "cover", "target", "apply to"],
  ["cut", "reduce", "lower", "halve", "slash"],
  [
    "retaliate",
    "retaliation",
    "retaliatory",
    "hit back",
    "respond",
    "response",
    "counter",
    "react",
    "reaction",
  ],
  ["exempt", "exemption", "waive", "waiver", "exclude", "exclusion", "spare", "relief", "carve out"],
  ["currency", "yuan", "renminbi", "rmb"],
  ["say", "tell", "state", "comment", "remark"],
  ["meet", "meeting", "summit", "sit down"],
  ["visit", "trip", "tour", "come", "arrive", "travel"],
  ["benefit", "beneficiary", "gain", "winner"],
  ["qualify", "eligible", "eligibility", "must show", "criteria", "requirement"],
  ["deal", "agreement", "accord", "pact", "truce"],
  ["price", "cost"],
  ["pboc", "people's bank of china", "central bank"],
  ["uk", "britain", "british", "united kingdom"],
  ["fixing", "midpoint", "reference rate", "fix"],
  ["extend", "extension", "prolong", "renew"],
  ["car", "carmaker", "automaker", "auto", "vehicle", "automotive"],
  ["goods", "product", "item", "stuff", "merchandise"],
  ["label", "designate", "designation", "name", "brand"],
  ["fall", "drop", "slide", "decline", "weaken", "slump", "plunge", "tumble", "lose"],
  ["missing", "without", "lack"],
  ["move", "shift", "relocate"],
  ["global", "world", "worldwide"],
  ["output", "production", "produce", "make"],
  ["launch", "unveil", "announce", "introduce", "release", "debut"],
  ["hold off", "suspend", "delay", "postpone", "put off", "shelve"],
  ["united states", "america", "american", "u s"],
  ["china", "chinese"],
  ["asia", "asian"],
  ["europe", "european"],
  ["japan", "japanese"],
  ["germany", "german"],
  ["talks", "negotiation", "negotiate", "negotiator"],
  ["soybean", "soy", "soya"],
  ["shipment", "cargo", "delivery"],
  ["kill", "wipe out", "destroy", "cull"],
  ["big", "large", "biggest", "largest", "huge"],
];

/**
 * Verbs of trade news people ask about ("what did they request?", "when do tariffs start?").
 * Used after an auxiliary ("did", "will"…) such a verb is the question's focus: a sentence about
 * the same people that does not say what they did is not an answer.
 */
export const ACTION_WORDS: ReadonlySet<string> = new Set(
  `request ask urge seek want lobby press demand start begin impose buy purchase order book acquire
  import sell export ship ban restrict bar curb exempt waive exclude spare approve permit grant
  meet visit say tell announce unveil launch introduce release increase rise raise react move shift
  hike climb jump cut reduce lower halve slash fall drop slide decline weaken retaliate respond
  counter extend renew label designate name suspend delay postpone kill destroy pay cost spend agree
  sign plan expect warn threaten lift block allow hit produce resume invest fund offer
  propose reject accept deny confirm promise pledge owe lose win`
    .split(/\s+/)
    .filter(Boolean),
);

export interface SynonymMatch {
  /** The wordings of the group, each as its words. */
  group: readonly (readonly string[])[];
  /** How many question terms the matched wording spans. */
  length: number;
}

interface Entry {
  terms: readonly string[];
  group: (readonly string[])[];
}

/** Builds the lookup once; `match` finds the longest wording of any group starting at a position. */
export function createSynonymLookup(groups: readonly (readonly string[])[] = SYNONYM_GROUPS) {
  const entries: Entry[] = [];
  for (const group of groups) {
    const wordings = group.map((wording) => wording.split(/[\s']+/).filter(Boolean));
    for (const wording of group) {
      const terms = termsOf(wording);
      const key = terms.join(" ");
      const existing = entries.find((e) => e.terms.join(" ") === key);
      if (existing)
        existing.group = [...existing.group, ...wordings.filter((w) => !existing.group.includes(w))];
      else entries.push({ terms, group: wordings });
    }
  }
  entries.sort((a, b) => b.terms.length - a.terms.length);
  return {
    match(terms: readonly string[], at: number): SynonymMatch | null {
      for (const entry of entries) {
        if (entry.terms.every((t, i) => terms[at + i] === t)) {
          return { group: entry.group, length: entry.terms.length };
        }
      }
      return null;
    },
  };
}

export type SynonymLookup = ReturnType<typeof createSynonymLookup>;
