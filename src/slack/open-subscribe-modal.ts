import type { WebClient } from "@slack/web-api";
import type { CommandDeps } from "./handle-command.js";
import { renderSubscribeModal } from "./views/subscribe-modal.js";

export type OpenModalOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Opens the subscribe modal for a channel, prefilled with its active subscription, with a
 * trigger_id (good for one views.open within 3 seconds of the click or command).
 */
export async function openSubscribeModal(
  client: WebClient,
  deps: Pick<CommandDeps, "subscriptions" | "topicNames" | "defaultTimeZone" | "log">,
  request: { triggerId: string; channelId: string; userId: string },
): Promise<OpenModalOutcome> {
  const current = await deps.subscriptions.get(request.channelId);
  const view = renderSubscribeModal({
    channelId: request.channelId,
    userId: request.userId,
    current: current?.active ? current : undefined,
    topicNames: deps.topicNames,
    defaultTimeZone: deps.defaultTimeZone,
  });
  try {
    await client.views.open({ trigger_id: request.triggerId, view });
    return { ok: true };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? String(error);
    deps.log.warn({ err: error, channel: request.channelId }, "Could not open the subscribe modal");
    return {
      ok: false,
      reason:
        code === "expired_trigger_id"
          ? "The form took too long to open. Run `/trade subscribe` again, or use the text form: `/trade subscribe tariffs at 08:30 Europe/London on weekdays`."
          : `Slack did not open the form (${code}). Use the text form instead: \`/trade subscribe tariffs at 08:30 Europe/London on weekdays\`.`,
    };
  }
}
