import type { CliCommand } from "./command.js";
import { parseCommandArgs, parsePositiveInt } from "./parse-args.js";
import { checkTopic, isoTime, withServices } from "./with-services.js";

/** `trade-news latest`: stored articles, newest first. */
export const latestCommand: CliCommand = {
  name: "latest",
  summary: "Stored articles, newest first, optionally for one topic",
  usage: "  trade-news latest [--topic TOPIC] [--limit N] [--json]   (default limit 20)",
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      topic: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean" },
    });
    const limit = parsePositiveInt(values.limit, "limit", 20);
    return withServices(ctx, async (services) => {
      const topic = checkTopic(services, values.topic);
      const articles = await services.articles.latest({ topic, limit });
      const rows = articles.map((a) => ({
        id: a.id,
        title: a.title,
        url: a.url,
        source: a.source,
        publishedAt: isoTime(a.publishedAt),
        topics: a.topics.map((t) => t.topic),
      }));
      if (values.json) {
        ctx.stdout(`${JSON.stringify(rows)}\n`);
      } else if (rows.length === 0) {
        ctx.stdout(`No articles${topic ? ` on ${topic}` : ""} yet. Run "trade-news ingest" first.\n`);
      } else {
        for (const r of rows) {
          ctx.stdout(
            `${r.publishedAt.slice(0, 16).replace("T", " ")}  ${r.title}\n    ${r.source}${r.url ? ` · ${r.url}` : ""} · ${r.topics.join(", ") || "no topic"}\n`,
          );
        }
      }
      return 0;
    });
  },
};
