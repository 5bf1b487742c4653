import { describe, expect, it } from "vitest";
import { checkViewLimits } from "../../src/slack/view-limits.js";
import {
  readModalMetadata,
  readSubscribeSubmission,
} from "../../src/slack/views/read-subscribe-submission.js";
import { FIELD, renderSubscribeModal } from "../../src/slack/views/subscribe-modal.js";
import type { Subscription } from "../../src/store/subscription-repository.js";

const TOPICS = ["huawei", "tariffs", "agriculture"];
const current: Subscription = {
  channelId: "C0DESK",
  teamId: "T0TEST",
  topics: ["tariffs"],
  localTime: "07:15",
  timeZone: "Europe/London",
  subscribedBy: "U1",
  subscribedAt: 0,
  updatedAt: 0,
  active: true,
  pausedReason: null,
  pausedAt: null,
  includeKeywords: ["soybean", "phase one"],
  excludeKeywords: ["pork"],
  weekdays: [1, 3, 5],
  alertMode: "alerts",
  alertsSince: 0,
};

type Values = Record<string, Record<string, Record<string, unknown>>>;
/** A submission as Slack sends view.state.values, with every field valid unless overridden. */
function values(overrides: Partial<Record<string, Record<string, unknown>>> = {}): Values {
  const field: Record<string, Record<string, unknown>> = {
    [FIELD.topics]: { type: "checkboxes", selected_options: [{ value: "tariffs" }, { value: "huawei" }] },
    [FIELD.time]: { type: "timepicker", selected_time: "08:30" },
    [FIELD.zone]: { type: "external_select", selected_option: { value: "America/New_York" } },
    [FIELD.weekdays]: { type: "checkboxes", selected_options: [{ value: "1" }, { value: "5" }] },
    [FIELD.include]: { type: "plain_text_input", value: 'soybean, "phase one"' },
    [FIELD.exclude]: { type: "plain_text_input", value: null },
    [FIELD.alerts]: { type: "radio_buttons", selected_option: { value: "alerts" } },
    ...overrides,
  };
  return Object.fromEntries(Object.entries(field).map(([id, v]) => [id, { [id]: v }]));
}

describe("the subscribe modal", () => {
  it("is prefilled with the channel's settings and within Slack's view limits", () => {
    const view = renderSubscribeModal({
      channelId: "C0DESK",
      userId: "U0PAT",
      current,
      topicNames: TOPICS,
      defaultTimeZone: "UTC",
    });
    expect(checkViewLimits(view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain('"initial_time":"07:15"');
    expect(json).toContain('"initial_value":"soybean, \\"phase one\\""');
    expect(json).toContain('"value":"Europe/London"');
    expect(readModalMetadata(view.private_metadata)).toEqual({ channelId: "C0DESK", userId: "U0PAT" });
    expect(view.title.text).toBe("Edit subscription");
  });

  it("offers every topic as a multi-select when there are more than Slack's 10 checkboxes", () => {
    const many = Array.from({ length: 14 }, (_, i) => `topic-${i}`);
    const view = renderSubscribeModal({
      channelId: "C0DESK",
      userId: "U0PAT",
      current: undefined,
      topicNames: many,
      defaultTimeZone: "Asia/Tokyo",
    });
    expect(checkViewLimits(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain("multi_static_select");
  });

  it("reads a valid submission into settings", () => {
    expect(readSubscribeSubmission(values(), TOPICS)).toEqual({
      ok: true,
      settings: {
        topics: ["huawei", "tariffs"],
        localTime: "08:30",
        timeZone: "America/New_York",
        weekdays: [1, 5],
        includeKeywords: ["soybean", "phase one"],
        excludeKeywords: [],
        alertMode: "alerts",
      },
    });
  });

  it("names every bad field under its block", () => {
    const result = readSubscribeSubmission(
      values({
        [FIELD.topics]: { type: "checkboxes", selected_options: [] },
        [FIELD.zone]: { type: "external_select", selected_option: { value: "Mars/Olympus" } },
        [FIELD.weekdays]: { type: "checkboxes", selected_options: [] },
        [FIELD.exclude]: { type: "plain_text_input", value: "!!!" },
      }),
      TOPICS,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        [FIELD.topics]: "Pick at least one topic.",
        [FIELD.zone]: 'Unknown time zone "Mars/Olympus".',
        [FIELD.weekdays]: "Pick at least one day.",
        [FIELD.exclude]: expect.stringContaining("no letters or digits"),
      },
    });
  });

  it("refuses a topic it does not know and metadata that names no channel", () => {
    const bad = values({ [FIELD.topics]: { type: "checkboxes", selected_options: [{ value: "bananas" }] } });
    expect(readSubscribeSubmission(bad, TOPICS)).toMatchObject({
      ok: false,
      errors: { [FIELD.topics]: expect.any(String) },
    });
    expect(readModalMetadata('{"channelId":"not a channel","userId":"U1"}')).toBeNull();
    expect(readModalMetadata("{")).toBeNull();
  });
});

describe("view limits", () => {
  it("refuses a view over 100 blocks, a long title and oversized private_metadata", () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: "divider" }));
    const problems = checkViewLimits({
      type: "modal",
      title: { type: "plain_text", text: "A title longer than twenty-four" },
      private_metadata: "x".repeat(3_001),
      blocks,
    });
    expect(problems.join("\n")).toMatch(/101 blocks/);
    expect(problems.join("\n")).toMatch(/title/);
    expect(problems.join("\n")).toMatch(/private_metadata/);
  });
});
