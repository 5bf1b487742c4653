import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD } from "../../src/slack/views/subscribe-modal.js";
import { type BotHarness, startBotHarness } from "../support/bot-harness.js";
import { type FakeSocketMode, startFakeSocketMode } from "../support/fake-socket-mode.js";

/**
 * Socket Mode, the README's default: the bot opens a connection through apps.connections.open on
 * the fake Web API, and /trade arrives as envelopes over a real WebSocket on loopback.
 */

let socket: FakeSocketMode;
let h: BotHarness;

beforeAll(async () => {
  socket = await startFakeSocketMode();
  h = await startBotHarness({}, { socketModeUrl: socket.url });
  await socket.connected();
});

afterAll(async () => {
  await h.close();
  await socket.close();
});

async function trade(text: string, id: string) {
  const { ack, ackMs } = await socket.slashCommand({ text, response_url: h.slack.responseUrl(id) });
  await h.slack.waitFor((calls) => calls.some((c) => c.method === `response:${id}`), 10_000);
  const reply = h.slack.callsTo(`response:${id}`)[0]?.body as { response_type: string; text: string };
  return { ack, ackMs, reply };
}

it("connects through apps.connections.open with the app-level token", () => {
  expect(h.slack.callsTo("apps.connections.open")).toHaveLength(1);
});

it("acknowledges /trade envelopes at once and answers through response_url", async () => {
  const help = await trade("help", "s1");
  expect(help.ack).toMatchObject({ envelope_id: expect.any(String) });
  expect(help.ackMs).toBeLessThan(3_000);
  expect(help.reply.response_type).toBe("ephemeral");
  expect(help.reply.text).toContain("/trade subscribe");

  const subscribed = await trade("subscribe tariffs at 07:45 America/New_York", "s2");
  expect(subscribed.reply.response_type).toBe("in_channel");
  expect(await h.bot.services.subscriptions.get("C0SOCKET01")).toMatchObject({
    topics: ["tariffs"],
    localTime: "07:45",
    timeZone: "America/New_York",
  });

  const answer = await trade("what did the tech CEOs request?", "s3");
  expect(answer.reply.text).toMatch(/licens/i);
});

it("serves /healthz on HEALTH_PORT", async () => {
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, articles: 11, feeds: 0, failingFeeds: 0 });
});

describe("interactivity over Socket Mode", () => {
  it("opens the subscribe modal for a bare /trade subscribe and for an Edit click", async () => {
    await socket.slashCommand({
      text: "subscribe",
      trigger_id: "sock.trigger.1",
      response_url: h.slack.responseUrl("s-modal"),
    });
    await h.slack.waitFor((calls) =>
      calls.some((c) => c.method === "views.open" && c.body.trigger_id === "sock.trigger.1"),
    );
    const { ack } = await socket.interactive({
      type: "block_actions",
      user: { id: "U0USER0001" },
      team: { id: "T0TEST" },
      api_app_id: "A0TEST",
      trigger_id: "sock.trigger.2",
      channel: { id: "C0SOCKET01" },
      container: { type: "message", channel_id: "C0SOCKET01" },
      actions: [
        {
          type: "button",
          action_id: "open_subscribe_modal",
          block_id: "subscription_actions",
          value: "C0SOCKET01",
        },
      ],
    });
    expect(ack).toMatchObject({ envelope_id: expect.any(String) });
    await h.slack.waitFor((calls) =>
      calls.some((c) => c.method === "views.open" && c.body.trigger_id === "sock.trigger.2"),
    );
    expect(JSON.stringify(h.slack.callsTo("views.open").at(-1)?.body.view)).toContain("Edit subscription");
  });

  it("answers time-zone suggestions in the ack", async () => {
    const { ack, ackMs } = await socket.interactive({
      type: "block_suggestion",
      user: { id: "U0USER0001" },
      team: { id: "T0TEST" },
      api_app_id: "A0TEST",
      action_id: FIELD.zone,
      block_id: FIELD.zone,
      value: "tokyo",
      view: { id: "V1", type: "modal", callback_id: "subscribe_modal" },
    });
    expect(ackMs).toBeLessThan(3_000);
    expect((ack.payload as { options: { value: string }[] }).options[0]?.value).toBe("Asia/Tokyo");
  });

  it("keeps a bad submission open with errors, and saves a good one", async () => {
    const view = h.slack.callsTo("views.open").at(-1)?.body.view as { private_metadata: string };
    const submit = (topics: string[]) =>
      socket.interactive({
        type: "view_submission",
        user: { id: "U0USER0001" },
        team: { id: "T0TEST" },
        api_app_id: "A0TEST",
        view: {
          id: "V1",
          type: "modal",
          callback_id: "subscribe_modal",
          private_metadata: view.private_metadata,
          state: {
            values: {
              [FIELD.topics]: {
                [FIELD.topics]: { type: "checkboxes", selected_options: topics.map((value) => ({ value })) },
              },
              [FIELD.time]: { [FIELD.time]: { type: "timepicker", selected_time: "06:00" } },
              [FIELD.zone]: {
                [FIELD.zone]: { type: "external_select", selected_option: { value: "Asia/Tokyo" } },
              },
              [FIELD.weekdays]: {
                [FIELD.weekdays]: { type: "checkboxes", selected_options: [{ value: "6" }, { value: "7" }] },
              },
              [FIELD.include]: { [FIELD.include]: { type: "plain_text_input", value: '"rare earths"' } },
              [FIELD.exclude]: { [FIELD.exclude]: { type: "plain_text_input", value: null } },
              [FIELD.alerts]: {
                [FIELD.alerts]: { type: "radio_buttons", selected_option: { value: "digest" } },
              },
            },
          },
        },
      });
    const bad = await submit([]);
    expect(bad.ack.payload).toEqual({
      response_action: "errors",
      errors: { [FIELD.topics]: "Pick at least one topic." },
    });
    const good = await submit(["huawei"]);
    expect(good.ack.payload ?? {}).toEqual({});
    expect(await h.bot.services.subscriptions.get("C0SOCKET01")).toMatchObject({
      topics: ["huawei"],
      localTime: "06:00",
      timeZone: "Asia/Tokyo",
      weekdays: [6, 7],
      includeKeywords: ["rare earths"],
    });
  });

  it("publishes the Home tab on app_home_opened", async () => {
    await socket.event({
      type: "app_home_opened",
      user: "U0SOCKHOME",
      tab: "home",
      channel: "D0SOCK",
      event_ts: "1.2",
    });
    await h.slack.waitFor((calls) =>
      calls.some((c) => c.method === "views.publish" && c.body.user_id === "U0SOCKHOME"),
    );
    expect(JSON.stringify(h.slack.callsTo("views.publish").at(-1)?.body.view)).toContain("<#C0SOCKET01>");
  });
});
