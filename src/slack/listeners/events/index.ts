import type { App } from "@slack/bolt";
import { z } from "zod";
import type { CommandDeps } from "../../handle-command.js";
import { renderHomeView } from "../../views/home-view.js";
import { registerUninstall } from "./uninstall.js";

const homeOpened = z.object({
  type: z.literal("app_home_opened"),
  user: z.string().regex(/^[UW][A-Z0-9]{2,30}$/),
  tab: z.string().optional(),
});

/**
 * The App Home view for the person opening it, from the current subscriptions (of their workspace,
 * `teamId`, when the app serves many), feeds and articles.
 */
export async function buildHomeView(deps: CommandDeps, teamId?: string) {
  const now = deps.clock.now();
  const serves = deps.workspaces?.servesTeam ?? (() => true);
  const active = (await deps.subscriptions.listActive()).filter((s) => serves(s.teamId, teamId));
  return renderHomeView({
    channels: await Promise.all(
      active.map(async (subscription) => ({
        subscription,
        nextDigestAt: subscription.pausedReason ? null : await deps.nextDigestAt(subscription, now),
      })),
    ),
    feeds: await deps.feeds.list(),
    latest: await Promise.all(
      deps.topicNames.map(async (topic) => ({
        topic,
        articles: (await deps.articles.latest({ topic, limit: 3 })).map((a) => ({
          ...a,
          topics: a.topics.map((t) => t.topic),
        })),
      })),
    ),
    timeZone: deps.defaultTimeZone,
  });
}

/**
 * Events: app_home_opened publishes the Home tab for the user who opened it; app_uninstalled and
 * tokens_revoked pause the workspace (uninstall.ts).
 */
export function register(app: App, deps: CommandDeps): void {
  registerUninstall(app, deps);
  app.event("app_home_opened", async ({ event, client, context }) => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success) {
      deps.log.warn("Refused an app_home_opened event without a readable user");
      return;
    }
    if (parsed.data.tab !== undefined && parsed.data.tab !== "home") return;
    try {
      await client.views.publish({
        user_id: parsed.data.user,
        view: await buildHomeView(deps, context.teamId),
      });
    } catch (error) {
      deps.log.warn({ err: error, user: parsed.data.user }, "Could not publish the App Home view");
    }
  });
}
