import { describe, expect, it } from "vitest";
import { isBareSubscribe, parseTradeCommand } from "../../src/slack/parse-command.js";

const options = { topicNames: ["huawei", "tariffs", "agriculture"], defaultTimeZone: "UTC" };
const parse = (text: string) => parseTradeCommand(text, options);

describe("/trade subscribe keyword filters", () => {
  it('reads +word, +"phrase" and -word as include and exclude keywords, lower-cased', () => {
    expect(parse('subscribe tariffs +Soybean +"phase  one" -pork')).toMatchObject({
      ok: true,
      command: {
        topics: ["tariffs"],
        filters: { include: ["soybean", "phase one"], exclude: ["pork"] },
      },
    });
  });

  it("accepts the curly quotes Slack clients type and Slack's escaped ampersand", () => {
    expect(parse("subscribe +“rare earths” +AT&amp;T")).toMatchObject({
      command: { filters: { include: ["rare earths", "at&t"], exclude: [] } },
    });
  });

  it("clears both lists with `no filters`", () => {
    expect(parse("subscribe tariffs no filters")).toMatchObject({
      command: { filters: { include: [], exclude: [] } },
    });
  });

  it("keeps UTC offsets as time zones, not keywords", () => {
    const parsed = parse("subscribe tariffs -pork +05:30");
    expect(parsed).toMatchObject({ ok: false, problem: expect.stringContaining("time zone") });
  });

  it("refuses a quoted phrase without + or -, and a keyword without letters", () => {
    expect(parse('subscribe "phase one"')).toMatchObject({
      ok: false,
      problem: expect.stringContaining("Put + before a keyword"),
    });
    expect(parse("subscribe +!!!")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("no letters or digits"),
    });
  });

  it("refuses more than 20 keywords in a list", () => {
    const many = Array.from({ length: 21 }, (_, i) => `+word${i}`).join(" ");
    expect(parse(`subscribe ${many}`)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("at most 20"),
    });
  });
});

describe("/trade subscribe weekdays and alerts", () => {
  it("reads `on weekdays`, `on mon,wed,fri`, ranges and `every day`", () => {
    expect(parse("subscribe tariffs at 08:00 on weekdays")).toMatchObject({
      command: { weekdays: [1, 2, 3, 4, 5], localTime: "08:00" },
    });
    expect(parse("subscribe on mon,wed,fri Europe/London")).toMatchObject({
      command: { weekdays: [1, 3, 5], timeZone: "Europe/London" },
    });
    expect(parse("subscribe on Friday-Mon")).toMatchObject({ command: { weekdays: [1, 5, 6, 7] } });
    expect(parse("subscribe on every day")).toMatchObject({ command: { weekdays: [1, 2, 3, 4, 5, 6, 7] } });
  });

  it("says what days look like when `on` is followed by none", () => {
    expect(parse("subscribe tariffs on")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("on weekdays"),
    });
    expect(parse("subscribe on someday")).toMatchObject({
      ok: false,
      problem: expect.stringContaining('got "someday"'),
    });
  });

  it("switches instant alerts with `with alerts` and `without alerts`", () => {
    expect(parse("subscribe huawei with alerts")).toMatchObject({ command: { alertMode: "alerts" } });
    expect(parse("subscribe without alerts")).toMatchObject({ command: { alertMode: "digest" } });
  });

  it("tells a bare subscribe (the modal in Slack) from one that names anything", () => {
    const bare = parse("subscribe");
    const named = parse("subscribe on weekdays");
    expect(bare.ok && isBareSubscribe(bare.command)).toBe(true);
    expect(named.ok && isBareSubscribe(named.command)).toBe(false);
  });
});
