import type { App } from "@slack/bolt";
import { z } from "zod";
import { searchTimeZones } from "../../../subscriptions/time-zones.js";
import type { CommandDeps } from "../../handle-command.js";
import { FIELD } from "../../views/subscribe-modal.js";

const suggestion = z.object({ value: z.string().max(100).default(""), user: z.object({ id: z.string() }) });

/** Options for external selects: the modal's time-zone type-ahead (at most 100, within 3 s). */
export function register(app: App, deps: CommandDeps): void {
  app.options(FIELD.zone, async ({ ack, body }) => {
    const parsed = suggestion.safeParse(body);
    if (!parsed.success) {
      deps.log.warn("Refused a time-zone suggestion request without a readable query or user");
      await ack({ options: [] });
      return;
    }
    const zones = searchTimeZones(parsed.data.value, 100);
    await ack({ options: zones.map((zone) => ({ text: { type: "plain_text", text: zone }, value: zone })) });
  });
}
