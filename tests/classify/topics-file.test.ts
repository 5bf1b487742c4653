import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createClassifier } from "../../src/classify/classifier.js";
import {
  builtInTopics,
  loadTopicDefinitions,
  parseTopicDefinitions,
  TopicsFileError,
  topicDefinitionSchema,
} from "../../src/classify/topics.js";

const dir = mkdtempSync(join(tmpdir(), "topics-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeTopics(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

function problemsOf(content: unknown): string[] {
  const result = parseTopicDefinitions(content, builtInTopics);
  return "problems" in result ? result.problems : [];
}

describe("built-in topics", () => {
  it("are huawei, tariffs and agriculture, in that order", () => {
    expect(builtInTopics.map((t) => t.name)).toEqual(["huawei", "tariffs", "agriculture"]);
  });

  it("each pass the topic schema unchanged", () => {
    for (const topic of builtInTopics) expect(topicDefinitionSchema.parse(topic)).toEqual(topic);
  });
});

describe("loadTopicDefinitions", () => {
  it("loads examples/topics.example.json and appends its topics to the built-ins", () => {
    const topics = loadTopicDefinitions("examples/topics.example.json");
    expect(topics.map((t) => t.name)).toEqual([
      "huawei",
      "tariffs",
      "agriculture",
      "rare-earths",
      "semiconductors",
    ]);
  });

  it("classifies with a topic from the example file", () => {
    const classifier = createClassifier(loadTopicDefinitions("examples/topics.example.json"));
    const c = classifier.classify({
      title: "China Curbs Rare Earth Exports",
      body: "Exporters of rare-earth magnets will need licences. Lynas said demand had jumped.",
    });
    expect(c.topics).toEqual(["rare-earths"]);
  });

  it("replaces a built-in topic of the same name in place", () => {
    const path = writeTopics("replace.json", { topics: [{ name: "tariffs", terms: ["customs duty"] }] });
    const topics = loadTopicDefinitions(path);
    expect(topics.map((t) => t.name)).toEqual(["huawei", "tariffs", "agriculture"]);
    expect(topics[1]?.terms.map((t) => t.phrase)).toEqual(["customs duty"]);
  });

  it("fills in defaults for omitted fields", () => {
    const path = writeTopics("defaults.json", { topics: [{ name: "rare-earths", terms: ["rare earth"] }] });
    const topic = loadTopicDefinitions(path, []).at(0);
    expect(topic).toEqual({
      name: "rare-earths",
      threshold: 0.5,
      terms: [{ phrase: "rare earth", weight: 1, forms: "plural" }],
      aliases: [],
      descriptions: [],
      otherNames: [],
      negatives: [],
    });
  });

  it("throws TopicsFileError for a missing file", () => {
    expect(() => loadTopicDefinitions(join(dir, "missing.json"))).toThrow(TopicsFileError);
  });

  it("names the reason when the file is not JSON", () => {
    const path = writeTopics("broken.json", "{ topics: [");
    try {
      loadTopicDefinitions(path);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TopicsFileError);
      expect((error as TopicsFileError).problems[0]).toMatch(/^not valid JSON/);
    }
  });

  it("puts the file path and every problem in the error message", () => {
    const path = writeTopics("bad.json", { topics: [{ name: "X" }] });
    expect(() => loadTopicDefinitions(path)).toThrow(new RegExp(`${path}[\\s\\S]*topics\\[0\\]\\.name`));
  });
});

describe("TOPICS_FILE validation problems", () => {
  it("requires a top-level topics array", () => {
    expect(problemsOf([{ name: "x" }])).toEqual([
      '(top level): expected an object such as { "topics": [ ... ] }',
    ]);
    expect(problemsOf({ topic: [] })).toEqual([
      'topics: expected "topics": an array of topic definitions',
      '(top level): Unrecognized key: "topic"',
    ]);
  });

  it("names the path of a topic name that is not a lowercase slug", () => {
    expect(problemsOf({ topics: [{ name: "Rare Earths", terms: ["x"] }] })).toEqual([
      'topics[0].name: expected a lowercase slug of 2 to 31 characters (a-z, 0-9, "-", starting with a letter), got "Rare Earths"',
    ]);
  });

  it("names the path of an out-of-range weight", () => {
    expect(problemsOf({ topics: [{ name: "ok", terms: ["a", { phrase: "b", weight: 7 }] }] })).toEqual([
      "topics[0].terms[1].weight: expected a weight of at most 3",
    ]);
  });

  it("names the path of an out-of-range threshold", () => {
    expect(problemsOf({ topics: [{ name: "ok", threshold: 0, terms: ["a"] }] })).toEqual([
      "topics[0].threshold: expected a threshold above 0",
    ]);
  });

  it("reports a misspelt field instead of ignoring it", () => {
    expect(problemsOf({ topics: [{ name: "ok", terms: ["a"], treshold: 0.4 }] })).toEqual([
      'topics[0]: Unrecognized key: "treshold"',
    ]);
  });

  it("requires at least one term or alias", () => {
    expect(problemsOf({ topics: [{ name: "empty" }] })).toEqual([
      "topics[0].terms: expected at least one term or alias",
    ]);
  });

  it("rejects a wildcard outside negatives and at the edge of a negative", () => {
    expect(problemsOf({ topics: [{ name: "ok", terms: ["a * b"], negatives: ["* c"] }] })).toEqual([
      'topics[0].terms[0].phrase: expected words; the "*" wildcard is only allowed in negatives',
      'topics[0].negatives[0].phrase: expected words, with "*" (up to three words) only between two words',
    ]);
  });

  it("rejects a topic defined twice", () => {
    expect(
      problemsOf({
        topics: [
          { name: "dup", terms: ["a"] },
          { name: "dup", terms: ["b"] },
        ],
      }),
    ).toEqual(['topics[1].name: "dup" is already defined by topics[0]']);
  });

  it("lists every problem across topics, not just the first", () => {
    expect(
      problemsOf({
        topics: [
          { name: "A", terms: ["a"] },
          { name: "ok", terms: [""], negatives: [{ phrase: "x", window: 11 }] },
        ],
      }),
    ).toHaveLength(3);
  });
});
