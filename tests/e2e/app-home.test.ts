import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FIELD } from "../../src/slack/views/subscribe-modal.js";
import { type BotHarness, SIGNING_SECRET, startBotHarness } from "../support/bot-harness.js";
import { sendEvent, sendInteraction, sendSlashCommand } from "../support/slack-request.js";

/**
 * App Home end to end over signed HTTP: app_home_opened publishes the Home tab for the person who
 * opened it, listing every channel the bot posts to (a paused one with its reason) with an Edit
 * button that opens the same modal.
 */

const USER = "U0HOMEUSER";
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
});

afterAll(async () => {
  await h.close();
});

const homeOpened = (tab: string) =>
  sendEvent(h.eventsUrl, SIGNING_SECRET, {
    type: "app_home_opened",
    user: USER,
    channel: "D0HOME0001",
    tab,
    event_ts: String(Date.now() / 1000),
  });

it("pauses a channel the bot cannot post its subscription notice to", async () => {
  h.slack.setChannelError("C0PRIVATE1", "not_in_channel");
  await sendSlashCommand(h.eventsUrl, SIGNING_SECRET, {
    text: "subscribe",
    channel_id: "C0PRIVATE1",
    response_url: h.slack.responseUrl("home-modal"),
    trigger_id: "home.trigger",
  });
  await h.slack.waitFor((calls) => calls.some((c) => c.method === "views.open"));
  const view = h.slack.callsTo("views.open")[0]?.body.view as { private_metadata: string };
  const values = {
    [FIELD.topics]: { type: "checkboxes", selected_options: [{ value: "huawei" }] },
    [FIELD.time]: { type: "timepicker", selected_time: "10:00" },
    [FIELD.zone]: { type: "external_select", selected_option: { value: "Europe/Paris" } },
    [FIELD.weekdays]: { type: "checkboxes", selected_options: [{ value: "1" }, { value: "2" }] },
    [FIELD.include]: { type: "plain_text_input", value: null },
    [FIELD.exclude]: { type: "plain_text_input", value: null },
    [FIELD.alerts]: { type: "radio_buttons", selected_option: { value: "alerts" } },
  };
  const res = await sendInteraction(h.eventsUrl, SIGNING_SECRET, {
    type: "view_submission",
    user: { id: "U0USER0001" },
    team: { id: "T0TEST" },
    api_app_id: "A0APP",
    view: {
      id: "V1",
      type: "modal",
      callback_id: "subscribe_modal",
      private_metadata: view.private_metadata,
      state: { values: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, { [id]: v }])) },
    },
  });
  expect(res.status).toBe(200);
  await expect
    .poll(async () => (await h.bot.services.subscriptions.get("C0PRIVATE1"))?.pausedReason)
    .toMatch(/invite/i);
  await h.slash("subscribe tariffs +soybean on weekdays", { channel_id: "C0PUBLIC01" });
});

it("publishes the Home tab with every channel, the paused one with its reason", async () => {
  const res = await homeOpened("home");
  expect(res.status).toBe(200);
  await h.slack.waitFor((calls) => calls.some((c) => c.method === "views.publish"));
  const call = h.slack.callsTo("views.publish")[0];
  expect(call?.body.user_id).toBe(USER);
  const view = JSON.stringify(call?.body.view);
  expect(view).toContain("<#C0PRIVATE1>");
  expect(view).toContain("*Paused:* I'm not a member of <#C0PRIVATE1>");
  expect(view).toContain("<#C0PUBLIC01>");
  expect(view).toContain("must mention `soybean`");
  expect(view).toContain("Newest articles");
  expect(view).toContain("Commerce Department Begins Granting Licences for Sales to Huawei");
});

it("publishes nothing when the Messages tab is opened", async () => {
  await homeOpened("messages");
  await sleep(300);
  expect(h.slack.callsTo("views.publish")).toHaveLength(1);
});

it("opens the modal from the Home tab's Edit button, only for a channel the bot posts to", async () => {
  const click = (value: string, trigger: string) =>
    sendInteraction(h.eventsUrl, SIGNING_SECRET, {
      type: "block_actions",
      user: { id: USER },
      team: { id: "T0TEST" },
      api_app_id: "A0APP",
      trigger_id: trigger,
      container: { type: "view", view_id: "V1" },
      view: { id: "V1", type: "home" },
      actions: [{ type: "button", action_id: "open_subscribe_modal", block_id: `channel_${value}`, value }],
    });
  await click("C0PRIVATE1", "home.edit.1");
  await h.slack.waitFor((calls) => calls.some((c) => c.body.trigger_id === "home.edit.1"));
  const opened = JSON.stringify(h.slack.callsTo("views.open").at(-1)?.body.view);
  expect(opened).toContain("Europe/Paris");
  expect(opened).toContain(`\\"userId\\":\\"${USER}\\"`);
  await click("C0NEVERSUB", "home.edit.2");
  await sleep(300);
  expect(h.slack.callsTo("views.open").some((c) => c.body.trigger_id === "home.edit.2")).toBe(false);
});
