import type { App } from "@slack/bolt";
import { z } from "zod";
import type { CommandDeps } from "../../handle-command.js";
import { openSubscribeModal } from "../../open-subscribe-modal.js";
import { OPEN_SUBSCRIBE_MODAL } from "../../render-subscription.js";

const channelId = z.string().regex(/^[CG][A-Z0-9]{2,30}$/);
const openModalAction = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]{2,30}$/) }),
  trigger_id: z.string().min(1).max(200),
  actions: z.array(z.object({ action_id: z.literal(OPEN_SUBSCRIBE_MODAL), value: channelId })).min(1),
  channel: z.object({ id: z.string() }).optional(),
  response_url: z.string().url().optional(),
});

/**
 * Which channel a "Subscribe this channel" / "Edit" click may open the modal for, or why not:
 * on a message, only the channel the message is in; on App Home (no channel in the request), only
 * a channel the bot posts to.
 */
export function channelForClick(
  payload: { channel?: { id: string } | undefined; actions: { value: string }[] },
  isSubscribed: (channelId: string) => boolean,
): { ok: true; channelId: string } | { ok: false; reason: string } {
  const wanted = payload.actions[0]?.value ?? "";
  if (payload.channel) {
    return payload.channel.id === wanted
      ? { ok: true, channelId: wanted }
      : { ok: false, reason: "the button names a channel other than the one it was clicked in" };
  }
  return isSubscribed(wanted)
    ? { ok: true, channelId: wanted }
    : { ok: false, reason: "the button names a channel the bot does not post to" };
}

/** Block actions: the Subscribe / Edit buttons open the subscribe modal. */
export function register(app: App, deps: CommandDeps): void {
  app.action(OPEN_SUBSCRIBE_MODAL, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = openModalAction.safeParse(body);
    if (!parsed.success) {
      deps.log.warn(
        { issues: parsed.error.issues.map((i) => i.path.join(".")) },
        "Refused a Subscribe/Edit click whose user, trigger or channel could not be read",
      );
      return;
    }
    const named = parsed.data.actions[0]?.value ?? "";
    const subscribed = (await deps.subscriptions.get(named))?.active === true;
    const target = channelForClick(parsed.data, (id) => id === named && subscribed);
    if (!target.ok) {
      deps.log.warn({ user: parsed.data.user.id, reason: target.reason }, "Refused a Subscribe/Edit click");
      return;
    }
    const opened = await openSubscribeModal(client, deps, {
      triggerId: parsed.data.trigger_id,
      channelId: target.channelId,
      userId: parsed.data.user.id,
    });
    if (!opened.ok && parsed.data.response_url) {
      await respond({ response_type: "ephemeral", replace_original: false, text: opened.reason }).catch(
        () => undefined,
      );
    }
  });
}
