import type { App } from "@slack/bolt";
import { z } from "zod";
import type { CommandDeps } from "../../handle-command.js";

const envelope = z.object({ team_id: z.string().regex(/^T[A-Z0-9]+$/) });
const revoked = z.object({
  tokens: z.object({ bot: z.array(z.string()).optional(), oauth: z.array(z.string()).optional() }),
});

/**
 * app_uninstalled and tokens_revoked (bot tokens): the workspace's token is forgotten and its
 * subscriptions paused (Bolt skips authorization for these two events, as the token is gone).
 * Revoked user tokens alone change nothing: the bot posts only with its bot token.
 */
export function registerUninstall(app: App, deps: CommandDeps): void {
  const remove = deps.workspaces?.remove;
  if (!remove) return;
  app.event("app_uninstalled", async ({ body }) => {
    const parsed = envelope.safeParse(body);
    if (!parsed.success) {
      deps.log.warn("Ignored an app_uninstalled event without a readable team_id");
      return;
    }
    await remove(parsed.data.team_id, "app_uninstalled");
  });
  app.event("tokens_revoked", async ({ body, event }) => {
    const parsed = envelope.safeParse(body);
    const tokens = revoked.safeParse(event);
    if (!parsed.success || !tokens.success) {
      deps.log.warn("Ignored a tokens_revoked event without a readable team_id or token list");
      return;
    }
    if ((tokens.data.tokens.bot ?? []).length === 0) {
      deps.log.info(
        { team: parsed.data.team_id },
        "User tokens were revoked; the bot's own token still works",
      );
      return;
    }
    await remove(parsed.data.team_id, "tokens_revoked");
  });
}
