import { parseFeedUrl, withoutCredentials } from "../ingest/feed-list.js";
import { ingestArticleFiles } from "../ingest/ingest-article-files.js";
import { ingestFeedItems } from "../ingest/ingest-articles.js";
import type { Services } from "../services.js";
import type { CliCommand } from "./command.js";
import { parseCommandArgs } from "./parse-args.js";
import { withServices } from "./with-services.js";

interface SourceReport {
  source: string;
  kind: "file" | "dir" | "feed";
  new: number;
  duplicates: number;
  failed: number;
  /** Why the source (or, for a folder, its files) could not be read. */
  errors: string[];
}

async function ingestFiles(services: Services, source: string, kind: "file" | "dir"): Promise<SourceReport> {
  const summary = await ingestArticleFiles(services.ingestDeps, source);
  return {
    source,
    kind,
    new: summary.new,
    duplicates: summary.duplicates,
    failed: summary.failed,
    errors: summary.files.flatMap((f) => (f.status === "failed" ? [`${f.path}: ${f.reason}`] : [])),
  };
}

/** One fetch of a feed the operator named (trusted: no private-address guard), stored like a poll. */
async function ingestFeed(services: Services, given: string): Promise<SourceReport> {
  const failed = (reason: string): SourceReport => ({
    source: withoutCredentials(given),
    kind: "feed",
    new: 0,
    duplicates: 0,
    failed: 1,
    errors: [reason],
  });
  const valid = parseFeedUrl(given);
  if (!valid.ok) return failed(valid.reason);
  const url = valid.url;
  const result = await services.poller.pollFeedNow(url, { trusted: true });
  if (!result.ok) return { ...failed(result.reason), source: url };
  const stored = await ingestFeedItems(services.ingestDeps, result.items, {
    id: (await services.feeds.findByUrl(url))?.id ?? null,
    url,
    title: result.feedTitle,
  });
  return {
    source: url,
    kind: "feed",
    new: stored.new,
    duplicates: stored.duplicates,
    failed: 0,
    errors: stored.rejections.map((r) => `item ${r.item}: ${r.reason}`),
  };
}

function formatReport(r: SourceReport): string {
  const head = `${r.source}: ${r.new} new, ${r.duplicates} duplicates${r.failed > 0 ? `, ${r.failed} failed` : ""}`;
  return [head, ...r.errors.map((e) => `  ! ${e}`)].join("\n");
}

/** `trade-news ingest`: reads article files, folders and feeds once into the database. */
export const ingestCommand: CliCommand = {
  name: "ingest",
  summary: "Store article files, folders and feeds once (no sources: ARTICLES_DIR and configured feeds)",
  usage:
    "  trade-news ingest [--file PATH]... [--dir DIR]... [--feed URL]... [--json]\n  Exit 0 when every source was read, 1 when any failed.",
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      file: { type: "string", multiple: true },
      dir: { type: "string", multiple: true },
      feed: { type: "string", multiple: true },
      json: { type: "boolean" },
    });
    return withServices(ctx, async (services) => {
      const files = values.file ?? [];
      const dirs = values.dir ?? [];
      let feeds = values.feed ?? [];
      if (files.length + dirs.length + feeds.length === 0) {
        if (services.config.articlesDir) dirs.push(services.config.articlesDir);
        feeds = services.config.feeds;
      }
      const reports: SourceReport[] = [];
      for (const file of files) reports.push(await ingestFiles(services, file, "file"));
      for (const dir of dirs) reports.push(await ingestFiles(services, dir, "dir"));
      for (const url of feeds) reports.push(await ingestFeed(services, url));
      const total = (key: "new" | "duplicates" | "failed") => reports.reduce((n, r) => n + r[key], 0);
      if (values.json) {
        ctx.stdout(
          `${JSON.stringify({ sources: reports, new: total("new"), duplicates: total("duplicates"), failed: total("failed") })}\n`,
        );
      } else {
        ctx.stdout(
          `${reports.map(formatReport).join("\n")}\nTotal: ${total("new")} new, ${total("duplicates")} duplicates, ${total("failed")} failed.\n`,
        );
      }
      return total("failed") > 0 ? 1 : 0;
    });
  },
};
