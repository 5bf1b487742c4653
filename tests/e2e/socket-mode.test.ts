import { afterAll, beforeAll, expect, it } from "vitest";
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
  expect(h.bot.services.subscriptions.get("C0SOCKET01")).toMatchObject({
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
