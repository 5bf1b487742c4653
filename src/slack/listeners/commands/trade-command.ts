import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { type CommandDeps, handleTradeCommand, type Reply } from "../../handle-command.js";
import { openSubscribeModal } from "../../open-subscribe-modal.js";
import { isBareSubscribe, parseTradeCommand } from "../../parse-command.js";
import { renderProblem } from "../../render-replies.js";

const slashPayload = z.object({
  text: z.string().default(""),
  user_id: z.string().regex(/^[UW][A-Z0-9]+$/),
  channel_id: z.string().regex(/^[CDG][A-Z0-9]+$/),
  trigger_id: z.string().max(200).optional(),
  team_id: z
    .string()
    .regex(/^T[A-Z0-9]+$/)
    .optional(),
});

/** `/trade subscribe` with nothing after it, in a channel: the subscribe modal instead of a reply. */
function wantsModal(deps: CommandDeps, text: string, channelId: string): boolean {
  if (!/^[CG]/.test(channelId)) return false;
  const parsed = parseTradeCommand(text, {
    topicNames: deps.topicNames,
    defaultTimeZone: deps.defaultTimeZone,
  });
  return parsed.ok && isBareSubscribe(parsed.command);
}

/**
 * The /trade listener: acknowledges at once (Slack's 3-second limit), then works out the reply and
 * sends it through response_url, so a slow question or feed fetch never times the command out.
 */
export function createTradeCommandListener(deps: CommandDeps) {
  return async ({
    ack,
    command,
    respond,
    client,
  }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    const startedAt = performance.now();
    let reply: Reply;
    const payload = slashPayload.safeParse(command);
    const data = payload.success ? payload.data : null;
    if (data?.trigger_id && wantsModal(deps, data.text, data.channel_id)) {
      const opened = await openSubscribeModal(client, deps, {
        triggerId: data.trigger_id,
        channelId: data.channel_id,
        userId: data.user_id,
      });
      if (opened.ok) return;
      await respond({ response_type: "ephemeral", text: opened.reason }).catch(() => undefined);
      return;
    }
    if (!payload.success) {
      deps.log.warn(
        { issues: payload.error.issues.map((i) => i.path.join(".")) },
        "Ignored a /trade request with malformed user or channel IDs",
      );
      reply = {
        visibility: "ephemeral",
        message: renderProblem("I could not read that request (malformed user or channel ID)."),
      };
    } else {
      try {
        reply = await handleTradeCommand(deps, {
          text: payload.data.text,
          userId: payload.data.user_id,
          channelId: payload.data.channel_id,
          ...(payload.data.team_id ? { teamId: payload.data.team_id } : {}),
        });
      } catch (error) {
        deps.log.error(
          { err: error, channel: payload.data.channel_id },
          "A /trade command failed with a bug; the user was told",
        );
        reply = {
          visibility: "ephemeral",
          message: renderProblem(
            "Something went wrong on my side and the error was logged. Please try again in a moment.",
          ),
        };
      }
    }
    try {
      await respond({
        response_type: reply.visibility,
        text: reply.message.text,
        blocks: reply.message.blocks ?? [],
      });
    } catch (error) {
      deps.log.warn(
        { err: error, channel: command.channel_id },
        "Could not send the /trade reply through response_url (expired or unreachable); the command's effect stands",
      );
    }
    deps.log.debug(
      { ms: Math.round(performance.now() - startedAt), channel: command.channel_id },
      "Answered /trade",
    );
  };
}
