import { describe, expect, it } from "vitest";
import { readTimeHint } from "../../src/search/time-hints.js";

const NOW = Date.UTC(2019, 11, 21, 12, 0);
const DAY = 86_400_000;

describe("readTimeHint", () => {
  it("reads 'today' as since local midnight", () => {
    const hint = readTimeHint(["any", "news", "today"], NOW, "UTC");
    expect(hint.window).toEqual({ since: Date.UTC(2019, 11, 21), until: null });
    expect(hint.consumed).toEqual([2]);
  });

  it("follows the time zone's calendar for 'today'", () => {
    const hint = readTimeHint(["today"], NOW, "America/New_York");
    expect(hint.window?.since).toBe(Date.UTC(2019, 11, 21, 5, 0));
  });

  it("reads 'yesterday' as the whole previous local day", () => {
    const hint = readTimeHint(["tariffs", "yesterday"], NOW, "UTC");
    expect(hint.window).toEqual({ since: Date.UTC(2019, 11, 20), until: Date.UTC(2019, 11, 21) });
  });

  it("reads 'this week' and 'this month' as the last 7 and 31 days", () => {
    expect(readTimeHint(["this", "week"], NOW, "UTC").window).toEqual({ since: NOW - 7 * DAY, until: null });
    expect(readTimeHint(["past", "month"], NOW, "UTC").window).toEqual({
      since: NOW - 31 * DAY,
      until: null,
    });
  });

  it("reads 'latest' and 'recent' as a preference for newer articles, not a window", () => {
    const hint = readTimeHint(["latest", "on", "soybeans"], NOW, "UTC");
    expect(hint).toEqual({ window: null, prefersRecent: true, consumed: [0] });
  });

  it("finds nothing in a question without time words", () => {
    expect(readTimeHint(["what", "did", "the", "ceos", "request"], NOW, "UTC")).toEqual({
      window: null,
      prefersRecent: false,
      consumed: [],
    });
  });
});
