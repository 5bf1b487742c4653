import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/clock.js";
import { ingestArticleFiles } from "../../src/ingest/ingest-article-files.js";
import type { IngestDeps } from "../../src/ingest/ingest-articles.js";
import { createArticleRepository } from "../../src/store/article-repository.js";
import { type Database, openDatabase } from "../../src/store/open-database.js";
import { promised } from "../../src/store/sqlite-store.js";

const NOW = Date.parse("2024-06-01T12:00:00Z");
const SOY =
  "Soybean exports rebound\n\nDepositphotos\n\nU.S. soybean exports to China rose 12% in April.\n\nFarmers welcomed the news.\n";

let dir: string;
let db: Database;
let deps: IngestDeps;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "article-files-"));
  db = openDatabase(":memory:");
  deps = {
    articles: promised(createArticleRepository(db)),
    classify: () => [],
    clock: createManualClock(NOW),
  };
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array, mtime = NOW - 3_600_000): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  utimesSync(path, mtime / 1000, mtime / 1000);
  return path;
}

describe("ingestArticleFiles", () => {
  it("stores a seed-format file with its title, body, source and modification time", async () => {
    const path = write("soy.txt", SOY, Date.parse("2024-05-30T08:00:00Z"));
    const summary = await ingestArticleFiles(deps, path);
    expect(summary).toMatchObject({ new: 1, duplicates: 0, failed: 0 });
    const [article] = createArticleRepository(db).latest({ limit: 1 });
    expect(article).toMatchObject({
      title: "Soybean exports rebound",
      body: "U.S. soybean exports to China rose 12% in April.\n\nFarmers welcomed the news.",
      source: "file:soy.txt",
      url: null,
      guid: null,
      feedId: null,
      publishedAt: Date.parse("2024-05-30T08:00:00Z"),
    });
  });

  it("reads every article file of a folder in name order, skipping other files", async () => {
    write("b.txt", "Second story\n\nBody two.");
    write("a.md", "First story\n\nBody one.");
    write("notes.json", "{}");
    write(".hidden.txt", "Hidden\n\nNot read.");
    mkdirSync(join(dir, "sub"));
    const summary = await ingestArticleFiles(deps, dir);
    expect(summary.files.map((f) => [f.path.slice(dir.length + 1), f.status])).toEqual([
      ["a.md", "new"],
      ["b.txt", "new"],
    ]);
  });

  it("reports every file as a duplicate when the folder is ingested again", async () => {
    write("a.txt", "First story\n\nBody one.");
    write("b.txt", "Second story\n\nBody two.");
    const first = await ingestArticleFiles(deps, dir);
    const second = await ingestArticleFiles(deps, dir);
    expect(second).toMatchObject({ new: 0, duplicates: 2, failed: 0 });
    expect(second.files.map((f) => (f.status === "duplicate" ? f.id : null))).toEqual(
      first.files.map((f) => (f.status === "new" ? f.id : null)),
    );
  });

  it("recognises the same article saved under two names", async () => {
    write("one.txt", SOY);
    write("two.txt", SOY.replace("rebound", "Rebound!"));
    const summary = await ingestArticleFiles(deps, dir);
    expect(summary.files[1]).toMatchObject({ status: "duplicate", matchedBy: "content" });
  });

  it("fails an empty file and a binary file with reasons, and still stores the rest", async () => {
    write("empty.txt", "\n  \n");
    write("image.txt", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    write("good.txt", SOY);
    const summary = await ingestArticleFiles(deps, dir);
    expect(summary.files).toEqual([
      {
        path: join(dir, "empty.txt"),
        status: "failed",
        reason: "empty file: expected a title on the first line",
      },
      { path: join(dir, "image.txt"), status: "failed", reason: "looks like a binary file, not an article" },
      { path: join(dir, "good.txt"), status: "new", id: expect.any(Number) },
    ]);
  });

  it("reports a path that does not exist", async () => {
    const missing = join(dir, "missing.txt");
    const summary = await ingestArticleFiles(deps, [missing, write("good.txt", SOY)]);
    expect(summary.files[0]).toEqual({
      path: missing,
      status: "failed",
      reason: "no such file or directory",
    });
    expect(summary.new).toBe(1);
  });

  it("reads a file that is not UTF-8 as windows-1252", async () => {
    write(
      "latin.txt",
      Uint8Array.from([...Buffer.from("Caf"), 0xe9, ...Buffer.from(" prices\n\n"), 0x93, 0x41, 0x94]),
    );
    await ingestArticleFiles(deps, dir);
    expect(createArticleRepository(db).latest({ limit: 1 })[0]).toMatchObject({
      title: "Café prices",
      body: "“A”",
    });
  });

  it("clamps a modification time in the future to now", async () => {
    write("future.txt", SOY, NOW + 86_400_000);
    await ingestArticleFiles(deps, dir);
    expect(createArticleRepository(db).latest({ limit: 1 })[0]?.publishedAt).toBe(NOW);
  });
});
