import { parseLookback, previewDigest } from "../digest/preview-digest.js";
import { type CliCommand, UsageError } from "./command.js";
import { parseCommandArgs } from "./parse-args.js";
import { checkTopic, withServices } from "./with-services.js";

/** `trade-news digest`: a digest on demand, as text or as the Block Kit JSON that would be posted. */
export const digestCommand: CliCommand = {
  name: "digest",
  summary: "Print a digest of recent articles (text, or the Block Kit JSON Slack would get)",
  usage:
    "  trade-news digest [--topics T,T] [--since 24h] [--format text|blocks]   (since: 90m, 24h, 2d, 1w)",
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      topics: { type: "string" },
      since: { type: "string" },
      format: { type: "string" },
      json: { type: "boolean" },
    });
    const format = values.json ? "blocks" : (values.format ?? "text");
    if (format !== "text" && format !== "blocks")
      throw new UsageError(`--format is text or blocks, not "${format}".`);
    const lookback = parseLookback(values.since ?? "24h");
    if (lookback === null)
      throw new UsageError(`--since takes a duration such as 90m, 24h, 2d or 1w, not "${values.since}".`);
    return withServices(ctx, async (services) => {
      const topics = values.topics
        ? values.topics.split(",").map((t) => checkTopic(services, t.trim()) as string)
        : [...services.classifier.topicNames];
      const now = services.clock.now();
      const preview = await previewDigest(
        services.store,
        { topics, since: now - lookback, now, timeZone: services.config.defaultTimeZone },
        services.previewSettings,
      );
      ctx.stdout(format === "blocks" ? `${JSON.stringify(preview.message, null, 2)}\n` : `${preview.text}\n`);
      return 0;
    });
  },
};
