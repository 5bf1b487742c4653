import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/command.js";
import { runCli } from "../../src/cli.js";
import { createManualClock } from "../../src/clock.js";
import { type FeedServer, startFeedServer } from "../support/feed-server.js";

const dir = mkdtempSync(join(tmpdir(), "feed-commands-"));
const env = { DATABASE_PATH: join(dir, "trade-news.db"), ARTICLES_DIR: join(dir, "none") };
let feeds: FeedServer;

beforeAll(async () => {
  feeds = await startFeedServer({
    "/rss": {
      body: readFileSync("tests/fixtures/feeds/rss2.xml"),
      headers: { "content-type": "application/rss+xml" },
    },
  });
});
afterAll(async () => {
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const ctx: CliContext = {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: Readable.from([""]),
    interactive: false,
    clock: createManualClock(Date.parse("2026-11-20T12:00:00Z")),
    waitForStop: () => new Promise(() => {}),
  };
  const code = await runCli(args, ctx);
  return { code, stdout, stderr };
}

describe("trade-news ingest --feed and trade-news feeds", () => {
  it("ingests a feed once: a second run finds only duplicates", async () => {
    const first = await run(["ingest", "--json", "--feed", feeds.url("/rss")]);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.new).toBeGreaterThan(0);
    expect(report.sources[0]).toMatchObject({ source: feeds.url("/rss"), kind: "feed", failed: 0 });
    const second = JSON.parse((await run(["ingest", "--json", "--feed", feeds.url("/rss")])).stdout);
    expect(second).toMatchObject({ new: 0, duplicates: report.new, failed: 0 });
  });

  it("refuses a feed URL with credentials without printing the password", async () => {
    const url = feeds.url("/rss").replace("http://", "http://reader:hunter2@");
    const result = await run(["ingest", "--feed", url]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("was given with a user name or password");
    expect(result.stdout + result.stderr).not.toContain("hunter2");
    expect(feeds.requests("/rss")).toBe(2);
    const add = await run(["feeds", "add", url]);
    expect(add.code).toBe(1);
    expect(add.stderr).toContain("Could not add http://127.0.0.1");
    expect(add.stdout + add.stderr).not.toContain("hunter2");
  });

  it("adds a feed, lists it, and removes it by another spelling of its URL", async () => {
    const add = await run(["feeds", "add", feeds.url("/rss")]);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^Added http:\/\/127\.0\.0\.1:\d+\/rss: \d+ items, 0 new articles\.\n$/);
    expect((await run(["feeds"])).stdout).toContain(feeds.url("/rss"));
    const remove = await run(["feeds", "remove", `${feeds.url("/rss").replace("http:", "HTTP:")}#top`]);
    expect(remove).toMatchObject({
      code: 0,
      stdout: `Removed ${feeds.url("/rss").replace("http:", "HTTP:")}#top; its articles stay stored.\n`,
    });
    expect((await run(["feeds"])).stdout).toContain("No feeds.");
  });
});
