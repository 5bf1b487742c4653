import { counted } from "../counted.js";
import { removeFeed, withoutCredentials } from "../ingest/feed-list.js";
import type { Feed } from "../store/feed-repository.js";
import { type CliCommand, UsageError } from "./command.js";
import { parseCommandArgs } from "./parse-args.js";
import { isoTime, withServices } from "./with-services.js";

function feedJson(f: Feed) {
  return {
    url: f.url,
    title: f.title,
    origin: f.origin,
    trusted: f.trusted,
    healthy: f.consecutiveFailures === 0,
    lastSuccessAt: f.lastSuccessAt === null ? null : isoTime(f.lastSuccessAt),
    lastError: f.lastError,
    lastErrorAt: f.lastErrorAt === null ? null : isoTime(f.lastErrorAt),
    consecutiveFailures: f.consecutiveFailures,
    itemsSeen: f.itemsSeen,
    itemsStored: f.itemsStored,
    nextPollAt: isoTime(f.nextPollAt),
  };
}

function feedLine(f: Feed): string {
  const state =
    f.consecutiveFailures > 0
      ? `FAILING ×${f.consecutiveFailures}: ${f.lastError ?? "unknown error"} (next try ${isoTime(f.nextPollAt)})`
      : f.lastSuccessAt === null
        ? "not polled yet"
        : `ok at ${isoTime(f.lastSuccessAt)}, ${counted(f.itemsSeen, "item")}, ${f.itemsStored} stored in all`;
  return `${f.url}${f.title ? ` — ${f.title}` : ""} [${f.origin}]\n  ${state}`;
}

/** `trade-news feeds`: every feed with its health; `add`/`remove` manage feeds as the operator. */
export const feedsCommand: CliCommand = {
  name: "feeds",
  summary: "List feeds with their health; add or remove one",
  usage:
    "  trade-news feeds [--json]\n  trade-news feeds add URL     (fetches it once first)\n  trade-news feeds remove URL",
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, true);
    const [action, url, ...extra] = positionals;
    if (
      action !== undefined &&
      (!["add", "remove"].includes(action) || url === undefined || extra.length > 0)
    ) {
      throw new UsageError(`Expected "feeds", "feeds add URL" or "feeds remove URL".`);
    }
    return withServices(ctx, async (services) => {
      if (action === "add" && url) {
        const outcome = await services.addFeed(url, "cli", null);
        if (values.json) ctx.stdout(`${JSON.stringify(outcome)}\n`);
        else if (outcome.ok)
          ctx.stdout(
            `${outcome.created ? "Added" : "Already had"} ${url}: ${counted(outcome.itemsFound, "item")}, ${counted(outcome.newArticles, "new article")}.\n`,
          );
        else ctx.stderr(`Could not add ${withoutCredentials(url)}: ${outcome.reason}\n`);
        return outcome.ok ? 0 : 1;
      }
      if (action === "remove" && url) {
        const removed = await removeFeed(services.feeds, url);
        if (values.json) ctx.stdout(`${JSON.stringify({ removed })}\n`);
        else if (removed) ctx.stdout(`Removed ${url}; its articles stay stored.\n`);
        else ctx.stderr(`No feed with URL ${url}.\n`);
        return removed ? 0 : 1;
      }
      const feeds = await services.feeds.list();
      if (values.json) ctx.stdout(`${JSON.stringify(feeds.map(feedJson))}\n`);
      else
        ctx.stdout(
          feeds.length === 0
            ? "No feeds. Set FEEDS or FEEDS_FILE, or run: trade-news feeds add URL\n"
            : `${feeds.map(feedLine).join("\n")}\n`,
        );
      return 0;
    });
  },
};
