import type { Subscription, SubscriptionSettings } from "../store/subscription-repository.js";
import type { CommandDeps } from "./handle-command.js";
import type { SlackMessage } from "./post-message.js";
import { renderSubscribed } from "./render-replies.js";

export type SubscriptionChange = Omit<SubscriptionSettings, "channelId" | "subscribedBy" | "now">;

/**
 * Saves a channel's subscription (from `/trade subscribe` or the modal), clearing any pause, logs
 * it and returns the in-channel notice that announces it.
 */
export async function saveSubscription(
  deps: Pick<CommandDeps, "subscriptions" | "clock" | "log" | "nextDigestAt">,
  channelId: string,
  userId: string,
  change: SubscriptionChange,
): Promise<{ subscription: Subscription; notice: SlackMessage }> {
  const now = deps.clock.now();
  const before = await deps.subscriptions.get(channelId);
  const s = await deps.subscriptions.subscribe({ ...change, channelId, subscribedBy: userId, now });
  deps.log.info(
    {
      channel: channelId,
      by: userId,
      topics: s.topics,
      at: s.localTime,
      tz: s.timeZone,
      weekdays: s.weekdays,
      include: s.includeKeywords,
      exclude: s.excludeKeywords,
      alerts: s.alertMode,
    },
    "Channel subscribed",
  );
  return {
    subscription: s,
    notice: renderSubscribed(s, userId, await deps.nextDigestAt(s, now), before?.active === true),
  };
}
