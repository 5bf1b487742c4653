import type { App } from "@slack/bolt";
import { z } from "zod";
import type { CommandDeps } from "../../handle-command.js";
import { createPoster } from "../../post-message.js";
import { saveSubscription } from "../../save-subscription.js";
import { readModalMetadata, readSubscribeSubmission } from "../../views/read-subscribe-submission.js";
import { FIELD, SUBSCRIBE_MODAL } from "../../views/subscribe-modal.js";

const submission = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]{2,30}$/) }),
  team: z.object({ id: z.string().regex(/^T[A-Z0-9]+$/) }).nullish(),
  view: z.object({ private_metadata: z.string().max(3_000), state: z.object({ values: z.unknown() }) }),
});

/**
 * View submissions: the subscribe modal. Validated on the server (every bad field named under it,
 * nothing saved until all are valid); a valid one is saved, the modal closes, and the change is
 * announced in the channel through the one poster (a channel the bot cannot post to is paused with
 * the reason, as a digest would be).
 */
export function register(app: App, deps: CommandDeps): void {
  app.view(SUBSCRIBE_MODAL, async ({ ack, body, client }) => {
    const parsed = submission.safeParse(body);
    const meta = parsed.success ? readModalMetadata(parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta || meta.userId !== parsed.data.user.id) {
      deps.log.warn("Refused a subscribe form whose channel or user could not be read or did not match");
      await ack({
        response_action: "errors",
        errors: { [FIELD.topics]: "This form could not be read. Close it and run /trade subscribe again." },
      });
      return;
    }
    const result = readSubscribeSubmission(parsed.data.view.state.values, deps.topicNames);
    if (!result.ok) {
      await ack({ response_action: "errors", errors: result.errors });
      return;
    }
    const team = parsed.data.team?.id;
    const saved = await saveSubscription(deps, meta.channelId, meta.userId, {
      ...result.settings,
      ...(team ? { teamId: team } : {}),
    });
    await ack();
    const outcome = await createPoster(client)(meta.channelId, saved.notice);
    if (outcome.ok) return;
    deps.log.warn(
      { channel: meta.channelId, error: outcome.error },
      "Could not announce the subscription in its channel",
    );
    if (outcome.kind === "channel_gone")
      await deps.subscriptions.pause(meta.channelId, outcome.message, deps.clock.now());
  });
}
