import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "../src/log.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe("logger", () => {
  it("writes JSON lines when not on a terminal", () => {
    const { lines, stream } = capture();
    createLogger({ level: "info", destination: stream }).info(
      { feed: "https://a.example/rss" },
      "Feed polled",
    );
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: 30,
      feed: "https://a.example/rss",
      msg: "Feed polled",
    });
  });

  it("redacts token fields and token-shaped strings anywhere in a line", () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: "info", destination: stream });
    log.info(
      { token: "xoxb-1-2-3", nested: { note: "used xapp-1-A-B" }, err: new Error("auth xoxb-9-9 failed") },
      "with xoxp-5-5",
    );
    const line = lines.join("");
    expect(line).not.toMatch(/xox[bp]-|xapp-/);
    expect(line).toContain("[redacted]");
  });

  it("honours the level", () => {
    const { lines, stream } = capture();
    createLogger({ level: "warn", destination: stream }).info("hidden");
    expect(lines).toEqual([]);
  });

  it("scrubs every Slack token shape", () => {
    expect(scrubSecrets("a xoxb-1-b xoxa-2 xoxr-3 xapp-1-X c")).toBe(
      "a [redacted] [redacted] [redacted] [redacted] c",
    );
  });
});
