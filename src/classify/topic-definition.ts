import { z } from "zod";

/**
 * A topic as data: what counts as evidence for it, what cancels that evidence and how much is
 * enough. Built-in topics and TOPICS_FILE entries share this schema.
 */

const WILDCARD = "*";
const hasWord = (text: string) => /[\p{L}\p{N}]/u.test(text);

const phraseText = z
  .string({ error: "expected a phrase (text)" })
  .trim()
  .min(1, { error: "expected a non-empty phrase", abort: true })
  .max(120, { error: "expected a phrase of at most 120 characters" });

const plainPhrase = phraseText.refine((text) => hasWord(text) && !text.split(/\s+/).includes(WILDCARD), {
  error: 'expected words; the "*" wildcard is only allowed in negatives',
});

const contextPhrase = phraseText.refine(
  (text) => {
    const parts = text.split(/\s+/);
    const first = parts[0] ?? "";
    const last = parts[parts.length - 1] ?? "";
    return hasWord(text) && first !== WILDCARD && last !== WILDCARD;
  },
  { error: 'expected words, with "*" (up to three words) only between two words' },
);

/** Accepts "phrase" as shorthand for { "phrase": "phrase" }. */
const phraseObject = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess((value) => (typeof value === "string" ? { phrase: value } : value), z.strictObject(shape));

const weight = z
  .number({ error: "expected a number" })
  .gt(0, { error: "expected a weight above 0" })
  .max(3, { error: "expected a weight of at most 3" });

const forms = z.enum(["plural", "verb", "exact"], {
  error: 'expected "plural" (singular and plural), "verb" (also -ed, -ing) or "exact"',
});

const weightedPhrase = (defaultWeight: number, defaultForms: "plural" | "exact") =>
  phraseObject({
    phrase: plainPhrase,
    weight: weight.default(defaultWeight),
    forms: forms.default(defaultForms),
  });

const negativeContext = phraseObject({
  phrase: contextPhrase,
  window: z
    .number({ error: "expected a whole number of words" })
    .int({ error: "expected a whole number of words" })
    .min(0, { error: "expected 0 to 10 words" })
    .max(10, { error: "expected 0 to 10 words" })
    .default(0),
});

export const topicDefinitionSchema = z
  .strictObject({
    name: z.string({ error: "expected a topic name" }).regex(/^[a-z][a-z0-9-]{1,30}$/, {
      error: (issue) =>
        `expected a lowercase slug of 2 to 31 characters (a-z, 0-9, "-", starting with a letter), got "${String(issue.input)}"`,
    }),
    label: z.string().trim().min(1).max(60).optional(),
    threshold: z
      .number({ error: "expected a number" })
      .gt(0, { error: "expected a threshold above 0" })
      .max(1, { error: "expected a threshold of at most 1" })
      .default(0.5),
    /** Words and phrases of the subject; singular and plural match unless forms says otherwise. */
    terms: z.array(weightedPhrase(1, "plural")).default([]),
    /** Names of the entity the topic is about; a mention in a long list of names counts little. */
    aliases: z.array(weightedPhrase(1, "exact")).default([]),
    /** Descriptions ("the Shenzhen-based company") that count only when an alias names the entity too. */
    descriptions: z.array(weightedPhrase(0.8, "exact")).default([]),
    /** Other names a description could refer to ("ZTE"): a description next to or after one does not count. */
    otherNames: z.array(plainPhrase).default([]),
    /** Contexts that cancel an overlapping match, or one within `window` words. "*" stands for up to three words. */
    negatives: z.array(negativeContext).default([]),
  })
  .refine((topic) => topic.terms.length + topic.aliases.length > 0, {
    path: ["terms"],
    error: "expected at least one term or alias",
  });

export type TopicDefinition = z.infer<typeof topicDefinitionSchema>;

/** A TOPICS_FILE that cannot be used: every problem, each naming its JSON path. */
export class TopicsFileError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`Invalid topics file ${path}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "TopicsFileError";
  }
}

const topicsFileSchema = z.strictObject(
  { topics: z.array(z.unknown(), { error: 'expected "topics": an array of topic definitions' }) },
  {
    error: (issue) =>
      issue.code === "invalid_type" ? 'expected an object such as { "topics": [ ... ] }' : undefined,
  },
);

/** JSON path such as `topics[0].terms[2].weight` for a zod issue path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : `${out ? "." : ""}${String(part)}`;
  }
  return out || "(top level)";
}

/**
 * Validates parsed TOPICS_FILE JSON and merges it with the built-ins: a topic with a built-in's
 * name replaces it in place, other topics are appended in file order. Returns every problem
 * (with its JSON path) instead of the first.
 */
export function parseTopicDefinitions(
  json: unknown,
  builtIns: readonly TopicDefinition[],
): { topics: TopicDefinition[] } | { problems: string[] } {
  const file = topicsFileSchema.safeParse(json);
  if (!file.success) return { problems: file.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };

  const problems: string[] = [];
  const parsed: TopicDefinition[] = [];
  const seen = new Map<string, number>();
  file.data.topics.forEach((raw, index) => {
    const result = topicDefinitionSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push(`${formatPath(["topics", index, ...issue.path])}: ${issue.message}`);
      }
      return;
    }
    const first = seen.get(result.data.name);
    if (first !== undefined) {
      problems.push(`topics[${index}].name: "${result.data.name}" is already defined by topics[${first}]`);
      return;
    }
    seen.set(result.data.name, index);
    parsed.push(result.data);
  });
  if (problems.length > 0) return { problems };

  const byName = new Map(parsed.map((t) => [t.name, t]));
  const merged = builtIns.map((t) => byName.get(t.name) ?? t);
  const builtInNames = new Set(builtIns.map((t) => t.name));
  return { topics: [...merged, ...parsed.filter((t) => !builtInNames.has(t.name))] };
}
