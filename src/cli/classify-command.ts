import { readFile } from "node:fs/promises";
import { parseArticleText } from "../articles/parse-article-file.js";
import { type Classification, createClassifier } from "../classify/classifier.js";
import {
  builtInTopics,
  loadTopicDefinitions,
  type TopicDefinition,
  TopicsFileError,
} from "../classify/topics.js";
import { loadConfig } from "../config.js";
import type { CliCommand, CliContext } from "./command.js";
import { parseCommandArgs } from "./parse-args.js";

const STDIN = "-";

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory, not an article file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/** "huawei (0.80): "Huawei", "HiSilicon"; tariffs (0.62): "25% tariffs"" or the nearest miss. */
export function formatClassification(file: string, c: Classification): string {
  if (c.topics.length === 0) {
    const best = Object.entries(c.scores).sort((a, b) => b[1] - a[1])[0];
    const hint = best && best[1] > 0 ? ` (highest: ${best[0]} ${best[1].toFixed(2)})` : "";
    return `${file}: no topics${hint}\n`;
  }
  const parts = c.topics.map((topic) => {
    const quoted = (c.evidence[topic] ?? []).map((e) => JSON.stringify(e)).join(", ");
    return `${topic} (${(c.scores[topic] ?? 0).toFixed(2)}): ${quoted}`;
  });
  return `${file}: ${parts.join("; ")}\n`;
}

function loadTopics(ctx: CliContext): readonly TopicDefinition[] | null {
  const { topicsFile } = loadConfig(ctx.env);
  if (!topicsFile) return builtInTopics;
  try {
    return loadTopicDefinitions(topicsFile, builtInTopics);
  } catch (error) {
    if (!(error instanceof TopicsFileError)) throw error;
    ctx.stderr(`${error.message}\nFix TOPICS_FILE and run the command again.\n`);
    return null;
  }
}

/** `trade-news classify`: tags article files with topics and shows why, for checking topic rules by hand. */
export const classifyCommand: CliCommand = {
  name: "classify",
  summary: "Tag article files (or standard input) with topics and show the evidence",
  usage: [
    "  trade-news classify [--json] [FILE...]",
    "",
    "  FILE    an article file: first non-empty line is the title, the rest is the body.",
    '          No FILE, or "-": read one article from standard input.',
    "  --json  one JSON object per file: {file, topics, scores, evidence}.",
    "  Uses TOPICS_FILE when set. Exit code 1 when a file cannot be read or parsed.",
  ].join("\n"),
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, true);
    const definitions = loadTopics(ctx);
    if (!definitions) return 2;
    const classifier = createClassifier(definitions);
    let failed = false;
    for (const file of positionals.length > 0 ? positionals : [STDIN]) {
      let text: string;
      try {
        text = file === STDIN ? await readStream(ctx.stdin) : await readFile(file, "utf8");
      } catch (error) {
        ctx.stderr(`${file}: cannot read it: ${describeReadError(error)}\n`);
        failed = true;
        continue;
      }
      const article = parseArticleText(text);
      if ("error" in article) {
        ctx.stderr(`${file}: ${article.error}\n`);
        failed = true;
        continue;
      }
      const c = classifier.classify(article);
      ctx.stdout(
        values.json
          ? `${JSON.stringify({ file, topics: c.topics, scores: c.scores, evidence: c.evidence })}\n`
          : formatClassification(file, c),
      );
    }
    return failed ? 1 : 0;
  },
};
