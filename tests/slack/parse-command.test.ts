import { describe, expect, it } from "vitest";
import { parseTimeOfDay, parseTradeCommand } from "../../src/slack/parse-command.js";

const options = { topicNames: ["huawei", "tariffs", "agriculture"], defaultTimeZone: "UTC" };
const parse = (text: string) => parseTradeCommand(text, options);

describe("parseTradeCommand", () => {
  it("shows help for empty text and for help", () => {
    expect(parse("")).toEqual({ ok: true, command: { kind: "help" } });
    expect(parse("  HELP ")).toEqual({ ok: true, command: { kind: "help" } });
  });

  it("subscribes to named topics at a time in a time zone", () => {
    expect(parse("subscribe huawei tariffs at 08:30 Europe/London")).toEqual({
      ok: true,
      command: {
        kind: "subscribe",
        topics: ["huawei", "tariffs"],
        localTime: "08:30",
        timeZone: "Europe/London",
        filters: null,
        weekdays: null,
        alertMode: null,
      },
    });
  });

  it("leaves out what is not given (the handler applies defaults or keeps current settings)", () => {
    expect(parse("subscribe")).toEqual({
      ok: true,
      command: {
        kind: "subscribe",
        topics: null,
        localTime: null,
        timeZone: null,
        filters: null,
        weekdays: null,
        alertMode: null,
      },
    });
    expect(parse("subscribe all")).toMatchObject({
      command: { topics: ["huawei", "tariffs", "agriculture"] },
    });
  });

  it("accepts a one-digit hour, commas and any letter case", () => {
    expect(parse("subscribe Agriculture,HUAWEI at 7:00")).toMatchObject({
      command: { topics: ["huawei", "agriculture"], localTime: "07:00" },
    });
  });

  it("names an unknown topic and lists the valid ones", () => {
    expect(parse("subscribe bananas")).toEqual({
      ok: false,
      problem: 'Unknown topic "bananas". Choose from huawei, tariffs, agriculture, or all.',
    });
  });

  it("refuses a time that does not exist", () => {
    expect(parse("subscribe at 25:00")).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"25:00" is not a time of day'),
    });
    expect(parse("subscribe at 12:75")).toMatchObject({ ok: false });
    expect(parse("subscribe tariffs at")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("Missing time"),
    });
  });

  it("refuses an unknown time zone and suggests real ones", () => {
    expect(parse("subscribe at 08:00 Mars/Olympus_Mons")).toMatchObject({
      ok: false,
      problem: expect.stringContaining('Unknown time zone "Mars/Olympus_Mons"'),
    });
  });

  it("canonicalises time zone spelling", () => {
    expect(parse("subscribe at 08:00 europe/london")).toMatchObject({
      command: { timeZone: "Europe/London" },
    });
    expect(parse("subscribe at 08:00 utc")).toMatchObject({ command: { timeZone: "UTC" } });
  });

  it("takes a bare country name for an unknown topic, not for the zone it aliases", () => {
    expect(parse("subscribe japan")).toEqual({
      ok: false,
      problem:
        'Unknown topic "japan". Choose from huawei, tariffs, agriculture, or all. For a time zone, use its Area/Location name (e.g. Asia/Tokyo).',
    });
    expect(parse("subscribe tariffs Iran")).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"Iran"'),
    });
    expect(parse("subscribe at 09:00 EST5EDT")).toMatchObject({ command: { timeZone: "America/New_York" } });
  });

  it("reads the entities Slack escapes &, < and > into, in questions and feed URLs", () => {
    expect(parse("ask did AT&amp;T sell to Huawei &lt;2019&gt;?")).toEqual({
      ok: true,
      command: { kind: "ask", question: "did AT&T sell to Huawei <2019>?" },
    });
    expect(parse("feeds add <https://news.example/rss?a=1&amp;b=2>")).toEqual({
      ok: true,
      command: { kind: "feeds_add", url: "https://news.example/rss?a=1&b=2" },
    });
  });

  it("refuses text over 1,000 characters", () => {
    expect(parse(`ask ${"x".repeat(1000)}`)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("at most 1000"),
    });
  });

  it("reads latest with an optional topic and count, capped at 20", () => {
    expect(parse("latest")).toEqual({
      ok: true,
      command: { kind: "latest", topic: null, count: 5, capped: false },
    });
    expect(parse("latest tariffs 10")).toEqual({
      ok: true,
      command: { kind: "latest", topic: "tariffs", count: 10, capped: false },
    });
    expect(parse("latest 50 huawei")).toEqual({
      ok: true,
      command: { kind: "latest", topic: "huawei", count: 20, capped: true },
    });
    expect(parse("latest bananas")).toMatchObject({
      ok: false,
      problem: expect.stringContaining('Unknown topic "bananas"'),
    });
  });

  it("treats ask and any other text as a question", () => {
    expect(parse("ask when do the new tariffs start?")).toEqual({
      ok: true,
      command: { kind: "ask", question: "when do the new tariffs start?" },
    });
    expect(parse("any news on soybean purchases?")).toEqual({
      ok: true,
      command: { kind: "ask", question: "any news on soybean purchases?" },
    });
    expect(parse("ask")).toMatchObject({ ok: false });
  });

  it("reads feed management with Slack's <url> wrapping", () => {
    expect(parse("feeds")).toEqual({ ok: true, command: { kind: "feeds" } });
    expect(parse("feeds add <https://news.example/rss>")).toEqual({
      ok: true,
      command: { kind: "feeds_add", url: "https://news.example/rss" },
    });
    expect(parse("feeds remove https://news.example/rss")).toEqual({
      ok: true,
      command: { kind: "feeds_remove", url: "https://news.example/rss" },
    });
    expect(parse("feeds add javascript:alert(1)")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("Only http and https"),
    });
    expect(parse("feeds add")).toMatchObject({ ok: false });
    expect(parse("feeds purge")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("Unknown feeds action"),
    });
  });
});

describe("parseTimeOfDay", () => {
  it("accepts 24-hour and am/pm times", () => {
    expect(parseTimeOfDay("8:30")).toBe("08:30");
    expect(parseTimeOfDay("23:59")).toBe("23:59");
    expect(parseTimeOfDay("7pm")).toBe("19:00");
    expect(parseTimeOfDay("12am")).toBe("00:00");
  });

  it("refuses impossible times and bare numbers", () => {
    for (const bad of ["24:00", "25:00", "9:60", "13pm", "9", "nine"]) expect(parseTimeOfDay(bad)).toBeNull();
  });
});
