import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/command.js";
import { runCli } from "../../src/cli.js";
import { createManualClock } from "../../src/clock.js";

const SEED = "seeds/big-tech-meeting-us-china-talks.txt";
const dir = mkdtempSync(join(tmpdir(), "classify-command-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) {
  let stdout = "";
  let stderr = "";
  const ctx: CliContext = {
    env: options.env ?? {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: Readable.from([options.stdin ?? ""]),
    interactive: false,
    clock: createManualClock(0),
    waitForStop: () => new Promise(() => {}),
  };
  const code = await runCli(["classify", ...args], ctx);
  return { code, stdout, stderr };
}

const tariffArticle =
  "CHINA SLAPS TARIFFS ON SOYBEANS\n\nBeijing put 25% tariffs on American soybeans. Farmers lost sales.\n";

describe("trade-news classify", () => {
  it("prints one JSON line per file with topics, scores and evidence", async () => {
    const { code, stdout } = await run(["--json", SEED]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? "");
    expect(Object.keys(result)).toEqual(["file", "topics", "scores", "evidence"]);
    expect(result.file).toBe(SEED);
    expect(result.topics).toEqual(["huawei"]);
    expect(Object.keys(result.scores)).toEqual(["huawei", "tariffs", "agriculture"]);
    expect(result.evidence.huawei).toContain("Huawei");
  });

  it("reads standard input when no file is given and names it '-'", async () => {
    const { code, stdout } = await run(["--json"], { stdin: tariffArticle });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      file: "-",
      topics: ["tariffs", "agriculture"],
      evidence: { tariffs: ["25% tariffs"] },
    });
  });

  it("prints one readable line per file with topics, scores and evidence", async () => {
    const { stdout } = await run([file("t.txt", tariffArticle)]);
    expect(stdout).toMatch(
      /^\S+t\.txt: tariffs \(0\.\d\d\): "25% tariffs"; agriculture \(0\.\d\d\): "SOYBEANS", "Farmers"\n$/,
    );
  });

  it("says 'no topics' and the highest score for an article without topics", async () => {
    const { stdout } = await run([file("n.txt", "Chip Sales Rise\n\nDemand from Huawei helped.\n")]);
    expect(stdout).toBe(`${join(dir, "n.txt")}: no topics (highest: huawei 0.40)\n`);
  });

  it("reports an unreadable file on stderr, classifies the others and exits 1", async () => {
    const missing = join(dir, "missing.txt");
    const { code, stdout, stderr } = await run(["--json", missing, SEED]);
    expect(code).toBe(1);
    expect(stderr).toBe(`${missing}: cannot read it: no such file\n`);
    expect(JSON.parse(stdout).file).toBe(SEED);
  });

  it("reports an empty file on stderr and exits 1", async () => {
    const empty = file("empty.txt", "\n\n");
    const { code, stdout, stderr } = await run([empty]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${empty}: empty file: expected a title on the first line\n`);
  });

  it("uses the topics of TOPICS_FILE", async () => {
    const topics = file(
      "topics.json",
      JSON.stringify({ topics: [{ name: "rare-earths", terms: ["rare earth"] }] }),
    );
    const article = file("r.txt", "Rare Earth Exports Curbed\n\nChina limits rare earth shipments.\n");
    const { code, stdout } = await run(["--json", article], { env: { TOPICS_FILE: topics } });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).topics).toEqual(["rare-earths"]);
  });

  it("exits 2 listing the problems of an invalid TOPICS_FILE", async () => {
    const topics = file("bad-topics.json", JSON.stringify({ topics: [{ name: "Bad Name", terms: ["x"] }] }));
    const { code, stdout, stderr } = await run([SEED], { env: { TOPICS_FILE: topics } });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("topics[0].name: expected a lowercase slug");
  });

  it("exits 2 with the usage for an unknown option", async () => {
    const { code, stderr } = await run(["--yaml", SEED]);
    expect(code).toBe(2);
    expect(stderr).toContain("trade-news classify [--json] [FILE...]");
  });
});
