import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/clock.js";
import { FIELD } from "../../src/slack/views/subscribe-modal.js";
import { type BotHarness, replyText, SIGNING_SECRET, startBotHarness } from "../support/bot-harness.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { sendInteraction, sendSlashCommand } from "../support/slack-request.js";

/**
 * The subscribe modal end to end over signed HTTP: a bare /trade subscribe opens it, the time-zone
 * select asks the options endpoint, a bad submission is answered with errors and saves nothing, a
 * good one is saved and announced, and the filters and weekdays it set decide the next digest.
 */

let offset = 0;
const clock: Clock = { now: () => Date.now() + offset };
const ZONE = "Asia/Tokyo";
const USER = "U0USER0001";
let h: BotHarness;
let articlesDir: string;

const localTime = (instant: number) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
const isoWeekday = (instant: number) => ((new Date(instant + 9 * 3_600_000).getUTCDay() + 6) % 7) + 1;
const postsTo = (calls: RecordedCall[], channel: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);

beforeAll(async () => {
  articlesDir = mkdtempSync(join(tmpdir(), "trade-news-modal-e2e-"));
  cpSync("seeds", articlesDir, { recursive: true });
  h = await startBotHarness({ ARTICLES_DIR: articlesDir, SCHEDULER_TICK_SECONDS: "1" }, { clock });
});

afterAll(async () => {
  await h.close();
  rmSync(articlesDir, { recursive: true, force: true });
});

/** Runs a bare /trade subscribe in `channel` and returns the modal Slack was asked to open. */
async function openModal(channel: string): Promise<Record<string, unknown>> {
  const before = h.slack.callsTo("views.open").length;
  const sent = await sendSlashCommand(h.eventsUrl, SIGNING_SECRET, {
    text: "subscribe",
    channel_id: channel,
    response_url: h.slack.responseUrl(`modal-${channel}`),
    trigger_id: `trigger-${channel}`,
  });
  expect(sent.status).toBe(200);
  await h.slack.waitFor((calls) => calls.filter((c) => c.method === "views.open").length > before);
  const call = h.slack.callsTo("views.open").at(-1) as RecordedCall;
  expect(call.body.trigger_id).toBe(`trigger-${channel}`);
  return call.body.view as Record<string, unknown>;
}

type Field = Record<string, unknown>;
function submission(view: Record<string, unknown>, fields: Partial<Record<string, Field>>) {
  const all: Record<string, Field> = {
    [FIELD.topics]: { type: "checkboxes", selected_options: [{ value: "agriculture" }] },
    [FIELD.time]: { type: "timepicker", selected_time: "09:00" },
    [FIELD.zone]: { type: "external_select", selected_option: { value: ZONE } },
    [FIELD.weekdays]: {
      type: "checkboxes",
      selected_options: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d) })),
    },
    [FIELD.include]: { type: "plain_text_input", value: null },
    [FIELD.exclude]: { type: "plain_text_input", value: null },
    [FIELD.alerts]: { type: "radio_buttons", selected_option: { value: "digest" } },
    ...fields,
  } as Record<string, Field>;
  return {
    type: "view_submission",
    team: { id: "T0TEST", domain: "test" },
    user: { id: USER, name: "pat", team_id: "T0TEST" },
    api_app_id: "A0APP",
    trigger_id: "submit.trigger",
    view: {
      id: "V1",
      type: "modal",
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      hash: "h1",
      state: { values: Object.fromEntries(Object.entries(all).map(([id, v]) => [id, { [id]: v }])) },
    },
  };
}

describe("subscribe modal over signed HTTP", () => {
  const channel = "C0MODAL001";

  it("opens the modal for a bare /trade subscribe, with no reply in the channel", async () => {
    await expect.poll(() => h.bot.services.articles.count(), { timeout: 10_000 }).toBe(11);
    const view = await openModal(channel);
    expect(view).toMatchObject({
      type: "modal",
      callback_id: "subscribe_modal",
      title: { text: "Subscribe channel" },
    });
    await sleep(200);
    expect(h.slack.callsTo(`response:modal-${channel}`)).toHaveLength(0);
  });

  it("suggests time zones as the user types", async () => {
    const res = await sendInteraction(h.eventsUrl, SIGNING_SECRET, {
      type: "block_suggestion",
      user: { id: USER },
      team: { id: "T0TEST" },
      api_app_id: "A0APP",
      action_id: FIELD.zone,
      block_id: FIELD.zone,
      value: "new york",
      view: { id: "V1", type: "modal", callback_id: "subscribe_modal" },
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { options: { value: string }[] };
    expect(body.options[0]?.value).toBe("America/New_York");
    expect(body.options.length).toBeLessThanOrEqual(100);
  });

  it("keeps the modal open with errors under the bad fields, saving nothing", async () => {
    const view = await openModal(channel);
    const res = await sendInteraction(
      h.eventsUrl,
      SIGNING_SECRET,
      submission(view, {
        [FIELD.topics]: { type: "checkboxes", selected_options: [] },
        [FIELD.include]: { type: "plain_text_input", value: '"""' },
      }),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      response_action: "errors",
      errors: { [FIELD.topics]: "Pick at least one topic.", [FIELD.include]: expect.any(String) },
    });
    expect(await h.bot.services.subscriptions.get(channel)).toBeUndefined();
  });

  it("refuses an unsigned or badly signed submission", async () => {
    const view = await openModal(channel);
    const res = await sendInteraction(h.eventsUrl, SIGNING_SECRET, submission(view, {}), { tamper: true });
    expect(res.status).toBe(401);
    expect(await h.bot.services.subscriptions.get(channel)).toBeUndefined();
  });

  it("saves a valid submission, announces it in the channel and shows it in /trade status", async () => {
    const view = await openModal(channel);
    const res = await sendInteraction(
      h.eventsUrl,
      SIGNING_SECRET,
      submission(view, {
        [FIELD.include]: { type: "plain_text_input", value: "soybean" },
        [FIELD.exclude]: { type: "plain_text_input", value: "pork" },
        [FIELD.weekdays]: {
          type: "checkboxes",
          selected_options: [{ value: "1" }, { value: "3" }, { value: "5" }],
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    expect(await h.bot.services.subscriptions.get(channel)).toMatchObject({
      topics: ["agriculture"],
      includeKeywords: ["soybean"],
      excludeKeywords: ["pork"],
      weekdays: [1, 3, 5],
    });
    await h.slack.waitFor((calls) => postsTo(calls, channel).length === 1);
    expect(JSON.stringify(postsTo(h.slack.calls, channel)[0]?.body)).toContain("subscribed this channel");
    const status = replyText((await h.slash("status", { channel_id: channel })).reply);
    expect(status).toContain("must mention `soybean`");
    expect(status).toContain("never `pork`");
    expect(status).toContain("Mon, Wed, Fri");
  });

  it("opens the modal prefilled from an Edit click in the channel, and refuses one for another channel", async () => {
    const click = (inChannel: string, value: string, trigger: string) =>
      sendInteraction(h.eventsUrl, SIGNING_SECRET, {
        type: "block_actions",
        user: { id: USER },
        team: { id: "T0TEST" },
        api_app_id: "A0APP",
        trigger_id: trigger,
        container: { type: "message", channel_id: inChannel },
        channel: { id: inChannel },
        actions: [
          { type: "button", action_id: "open_subscribe_modal", block_id: "subscription_actions", value },
        ],
      });
    expect((await click(channel, channel, "edit.1")).status).toBe(200);
    await h.slack.waitFor((calls) =>
      calls.some((c) => c.method === "views.open" && c.body.trigger_id === "edit.1"),
    );
    const view = JSON.stringify(h.slack.callsTo("views.open").at(-1)?.body.view);
    expect(view).toContain("Edit subscription");
    expect(view).toContain('"initial_value":"soybean"');
    expect((await click("C0ELSEWHERE", channel, "edit.2")).status).toBe(200);
    await sleep(300);
    expect(h.slack.callsTo("views.open").some((c) => c.body.trigger_id === "edit.2")).toBe(false);
  });
});

describe("filters and weekdays set in the modal decide the digest", () => {
  it("sends a digest holding only what the filters pass, and none on a skipped weekday", async () => {
    const due = (Math.floor(clock.now() / 60_000) + 2) * 60_000;
    const today = isoWeekday(due);
    const filtered = "C0FILTER01";
    const skipped = "C0SKIPDAY1";
    for (const [channel, days] of [
      [filtered, [today]],
      [skipped, [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today)],
    ] as const) {
      const view = await openModal(channel);
      await sendInteraction(
        h.eventsUrl,
        SIGNING_SECRET,
        submission(view, {
          [FIELD.time]: { type: "timepicker", selected_time: localTime(due) },
          [FIELD.include]: { type: "plain_text_input", value: "soybean" },
          [FIELD.exclude]: { type: "plain_text_input", value: "pork" },
          [FIELD.weekdays]: { type: "checkboxes", selected_options: days.map((d) => ({ value: String(d) })) },
        }),
      );
    }
    offset = due + 1_000 - Date.now();
    await h.slack.waitFor((calls) => postsTo(calls, filtered).length === 2, 10_000);
    const digest = JSON.stringify(postsTo(h.slack.calls, filtered)[1]?.body);
    expect(digest).toContain("Soybean Exports to China Rebound");
    expect(digest).not.toContain("China Waives Tariffs on U.S. Pork");
    expect(digest).not.toContain("Farmers Hurt by Trade War");
    await sleep(2_500);
    expect(postsTo(h.slack.calls, skipped)).toHaveLength(1);
    const status = replyText((await h.slash("status", { channel_id: skipped })).reply);
    expect(status).toContain("Next digest:");
    expect(status).not.toContain(
      new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, weekday: "short" }).format(due),
    );
  });
});
