import { afterAll, beforeAll, expect, it } from "vitest";
import { checkViewLimits } from "../../src/slack/view-limits.js";
import { type FakeSlack, startFakeSlack } from "./fake-slack.js";

/** The fake Web API answers views calls like Slack: recorded, and refused over Block Kit's limits. */

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack({ checkView: checkViewLimits });
});
afterAll(() => slack.close());

const call = async (method: string, body: Record<string, unknown>) => {
  const res = await fetch(`${slack.apiUrl}${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer xoxb-test" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; error?: string; response_metadata?: { messages: string[] } };
};

it("records views.publish and refuses a Home view over 100 blocks", async () => {
  const blocks = (n: number) => Array.from({ length: n }, () => ({ type: "divider" }));
  expect(
    await call("views.publish", { user_id: "U1", view: { type: "home", blocks: blocks(100) } }),
  ).toMatchObject({
    ok: true,
  });
  const refused = await call("views.publish", { user_id: "U1", view: { type: "home", blocks: blocks(101) } });
  expect(refused).toMatchObject({ ok: false, error: "invalid_arguments" });
  expect(refused.response_metadata?.messages.join()).toContain("101 blocks");
  expect(slack.callsTo("views.publish")).toHaveLength(2);
});

it("refuses views.open without a trigger_id, and a modal whose title is over 24 characters", async () => {
  const modal = { type: "modal", title: { type: "plain_text", text: "x".repeat(25) }, blocks: [] };
  expect(await call("views.open", { view: modal })).toMatchObject({ ok: false, error: "invalid_trigger_id" });
  expect(await call("views.open", { trigger_id: "1.2", view: modal })).toMatchObject({
    ok: false,
    error: "invalid_arguments",
  });
  expect(
    await call("views.update", {
      view_id: "V1",
      view: { ...modal, title: { type: "plain_text", text: "Fine" } },
    }),
  ).toMatchObject({ ok: true });
  expect(slack.callsTo("views.update")).toHaveLength(1);
});
