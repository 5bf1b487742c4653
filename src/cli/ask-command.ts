import { toAskJson } from "../search/ask-result.js";
import { type CliCommand, UsageError } from "./command.js";
import { parseCommandArgs } from "./parse-args.js";
import { isoTime, withServices } from "./with-services.js";

/** `trade-news ask`: the sentence from stored articles that answers a question. */
export const askCommand: CliCommand = {
  name: "ask",
  summary: "Answer a question from stored articles, quoting the sentence that answers it",
  usage: '  trade-news ask [--json] "QUESTION"',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, true);
    const question = positionals.join(" ").trim();
    if (!question)
      throw new UsageError('Give a question, e.g. trade-news ask "when do the new tariffs start?"');
    return withServices(ctx, async (services) => {
      const result = await services.search.ask(question);
      if (values.json) {
        ctx.stdout(`${JSON.stringify(toAskJson(result))}\n`);
        return 0;
      }
      const lines: string[] = [];
      if (result.kind === "answer") {
        const a = result.answer;
        lines.push(
          `“${a.text}”`,
          `  — ${a.title} (${a.source}, ${isoTime(a.publishedAt).slice(0, 10)})${a.url ? ` ${a.url}` : ""}`,
        );
        if (result.alternatives.length > 0) lines.push("", "Also possibly:");
        for (const alt of result.alternatives) {
          lines.push(
            `  “${alt.text}”`,
            `    — ${alt.title} (${alt.source}, ${isoTime(alt.publishedAt).slice(0, 10)})${alt.url ? ` ${alt.url}` : ""}`,
          );
        }
      } else if (result.kind === "no_answer") {
        lines.push("Nothing I have answers that.");
      } else {
        lines.push(`Newest articles${result.topic ? ` on ${result.topic}` : ""}:`);
      }
      if (result.articles.length > 0) {
        if (result.kind !== "latest")
          lines.push("", result.kind === "answer" ? "Related:" : "Closest articles:");
        for (const r of result.articles)
          lines.push(
            `  • ${r.title} (${r.source}, ${isoTime(r.publishedAt).slice(0, 10)})${r.url ? ` ${r.url}` : ""}`,
          );
      }
      ctx.stdout(`${lines.join("\n")}\n`);
      return 0;
    });
  },
};
