import { commandDepsFor } from "../services.js";
import { handleTradeCommand } from "../slack/handle-command.js";
import { messageToText } from "../slack/message-to-text.js";
import type { CliCommand } from "./command.js";
import { parseCommandArgs } from "./parse-args.js";
import { withServices } from "./with-services.js";

export const LOCAL_CHANNEL = "local";
export const LOCAL_USER = "ULOCAL";

/** `trade-news slash`: runs the /trade handlers against the local database, without Slack. */
export const slashCommand: CliCommand = {
  name: "slash",
  summary: 'Try any /trade command without Slack, e.g. slash "subscribe huawei at 08:00"',
  usage: '  trade-news slash [--json] "TEXT"    (as typed after /trade; channel "local", you are an admin)',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, true);
    return withServices(ctx, async (services) => {
      const deps = commandDepsFor(services, async () => true, "cli");
      const reply = await handleTradeCommand(deps, {
        text: positionals.join(" "),
        userId: LOCAL_USER,
        channelId: LOCAL_CHANNEL,
      });
      if (values.json) {
        ctx.stdout(`${JSON.stringify({ response_type: reply.visibility, ...reply.message })}\n`);
      } else {
        const who =
          reply.visibility === "in_channel" ? "(visible to the whole channel)" : "(only you would see this)";
        ctx.stdout(`${messageToText(reply.message)}\n\n${who}\n`);
      }
      return 0;
    });
  },
};
