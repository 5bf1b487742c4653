import type { Clock } from "../clock.js";
import { counted } from "../counted.js";
import { removeFeed, withoutCredentials } from "../ingest/feed-list.js";
import type { Logger } from "../log.js";
import type { AskResult } from "../search/ask-result.js";
import type { ArticleStore, FeedStore, SubscriptionStore } from "../store/store.js";
import type { Subscription } from "../store/subscription-repository.js";
import { EVERY_DAY } from "../subscriptions/weekdays.js";
import { capBlocks, context } from "./blocks.js";
import type { UninstallCause } from "./installation-store.js";
import { escapeAndTruncate, escapeText } from "./mrkdwn.js";
import { DEFAULT_DIGEST_TIME, parseTradeCommand, type TradeCommand } from "./parse-command.js";
import type { SlackMessage } from "./post-message.js";
import {
  type AnswerView,
  type FeedHealthSummary,
  renderAnswer,
  renderFeeds,
  renderHelp,
  renderLatest,
  renderNotice,
  renderProblem,
  renderStatus,
  renderUnsubscribed,
} from "./render-replies.js";
import { saveSubscription } from "./save-subscription.js";

/** Outcome of trying a feed URL someone wants to add. */
export type AddFeedOutcome =
  | { ok: true; created: boolean; itemsFound: number; newArticles: number }
  | { ok: false; reason: string };

/** Everything /trade needs, built once in main.ts. */
export interface CommandDeps {
  topicNames: readonly string[];
  defaultTimeZone: string;
  clock: Clock;
  log: Logger;
  articles: ArticleStore;
  feeds: FeedStore;
  subscriptions: SubscriptionStore;
  /** The answer to a question from stored articles. */
  ask(question: string): Promise<AskResult>;
  /** The digest a channel would receive now (all topics over the last day when unsubscribed); records nothing. */
  previewDigest(channelId: string): Promise<SlackMessage>;
  nextDigestAt(subscription: Subscription, after: number): Promise<number>;
  feedHealth(): Promise<FeedHealthSummary>;
  /** Checks (untrusted-URL guard), fetches once and stores a feed. */
  addFeed(url: string, userId: string): Promise<AddFeedOutcome>;
  /** True for ADMIN_USER_IDS and admins/owners of the user's workspace (`teamId`, when known). */
  isAdmin(userId: string, teamId?: string): Promise<boolean>;
  /** Many workspaces: which subscriptions a workspace sees, and what an uninstall does. */
  workspaces?: WorkspaceDeps;
}

/** See team-clients.ts and installation-store.ts. */
export interface WorkspaceDeps {
  servesTeam(rowTeamId: string, teamId: string | undefined): boolean;
  remove(teamId: string, cause: UninstallCause): Promise<unknown>;
}

export interface Invocation {
  text: string;
  userId: string;
  channelId: string;
  /** The workspace the command came from (Slack's team_id); unset from the CLI. */
  teamId?: string;
}

export interface Reply {
  visibility: "ephemeral" | "in_channel";
  message: SlackMessage;
}

const ephemeral = (message: SlackMessage): Reply => ({ visibility: "ephemeral", message });

/** Runs one /trade invocation and says what to answer. Never throws for bad input. */
export async function handleTradeCommand(deps: CommandDeps, inv: Invocation): Promise<Reply> {
  const parsed = parseTradeCommand(inv.text, {
    topicNames: deps.topicNames,
    defaultTimeZone: deps.defaultTimeZone,
  });
  if (!parsed.ok) return ephemeral(renderProblem(escapeText(parsed.problem)));
  return run(deps, inv, parsed.command);
}

async function channelTimeZone(deps: CommandDeps, channelId: string): Promise<string> {
  const s = await deps.subscriptions.get(channelId);
  return s?.active ? s.timeZone : deps.defaultTimeZone;
}

async function run(deps: CommandDeps, inv: Invocation, command: TradeCommand): Promise<Reply> {
  const now = deps.clock.now();
  switch (command.kind) {
    case "help":
      return ephemeral(renderHelp(deps.topicNames));
    case "subscribe": {
      // Subscribing again changes only what is named; a new subscription takes the defaults.
      const before = await deps.subscriptions.get(inv.channelId);
      const kept = before?.active ? before : null;
      const saved = await saveSubscription(deps, inv.channelId, inv.userId, {
        topics: command.topics ?? kept?.topics ?? [...deps.topicNames],
        localTime: command.localTime ?? kept?.localTime ?? DEFAULT_DIGEST_TIME,
        timeZone: command.timeZone ?? kept?.timeZone ?? deps.defaultTimeZone,
        includeKeywords: command.filters?.include ?? kept?.includeKeywords ?? [],
        excludeKeywords: command.filters?.exclude ?? kept?.excludeKeywords ?? [],
        weekdays: command.weekdays ?? kept?.weekdays ?? EVERY_DAY,
        alertMode: command.alertMode ?? kept?.alertMode ?? "digest",
        ...(inv.teamId ? { teamId: inv.teamId } : {}),
      });
      return { visibility: "in_channel", message: saved.notice };
    }
    case "unsubscribe": {
      const was = await deps.subscriptions.unsubscribe(inv.channelId, now);
      if (was) deps.log.info({ channel: inv.channelId }, "Channel unsubscribed");
      return { visibility: was ? "in_channel" : "ephemeral", message: renderUnsubscribed(inv.userId, was) };
    }
    case "status": {
      const s = await deps.subscriptions.get(inv.channelId);
      const next = s?.active && !s.pausedReason ? await deps.nextDigestAt(s, now) : null;
      return ephemeral(renderStatus(s, next, await deps.feedHealth(), deps.defaultTimeZone, inv.channelId));
    }
    case "latest": {
      const articles = await deps.articles.latest({
        topic: command.topic ?? undefined,
        limit: command.count,
      });
      const lines = articles.map((a) => ({ ...a, topics: a.topics.map((t) => t.topic) }));
      return ephemeral(
        renderLatest(command.topic, lines, await channelTimeZone(deps, inv.channelId), command.capped),
      );
    }
    case "ask": {
      const result = await deps.ask(command.question);
      const timeZone = await channelTimeZone(deps, inv.channelId);
      if (result.kind === "latest")
        return ephemeral(renderLatest(result.topic, result.articles, timeZone, false));
      const view: AnswerView = {
        question: command.question,
        answer: result.kind === "answer" ? result.answer : null,
        alternatives: result.kind === "answer" ? result.alternatives : [],
        related: result.articles,
      };
      return ephemeral(renderAnswer(view, timeZone));
    }
    case "digest": {
      const s = await deps.subscriptions.get(inv.channelId);
      const preview = await deps.previewDigest(inv.channelId);
      const note = s?.active
        ? "Preview of this channel's digest if it were sent now (only you see this):"
        : "This channel is not subscribed; here is what a digest on all topics would look like now (only you see this):";
      return ephemeral({
        text: `${note} ${preview.text}`,
        blocks: capBlocks([context([note]), ...(preview.blocks ?? [])]),
      });
    }
    case "feeds":
      return ephemeral(renderFeeds(await deps.feeds.list(), await channelTimeZone(deps, inv.channelId)));
    case "feeds_add":
    case "feeds_remove": {
      if (!(await deps.isAdmin(inv.userId, inv.teamId))) {
        return ephemeral(
          renderProblem(
            "Only workspace admins and the bot's configured admins (ADMIN_USER_IDS) can add or remove feeds. Ask one of them.",
          ),
        );
      }
      const shown = escapeAndTruncate(withoutCredentials(command.url), 300);
      if (command.kind === "feeds_remove") {
        const removed = await removeFeed(deps.feeds, command.url);
        if (removed) deps.log.info({ feed: command.url, by: inv.userId }, "Feed removed");
        return ephemeral(
          removed
            ? renderNotice(`Removed feed ${shown}. Its articles stay stored.`)
            : renderProblem(`No feed with URL ${shown}. \`/trade feeds\` lists them.`),
        );
      }
      const outcome = await deps.addFeed(command.url, inv.userId);
      if (!outcome.ok)
        return ephemeral(
          renderProblem(`Could not add ${shown}: ${escapeText(outcome.reason)}. Nothing was changed.`),
        );
      const verb = outcome.created ? "Added" : "Already had";
      return ephemeral(
        renderNotice(
          `${verb} feed ${shown}: found ${counted(outcome.itemsFound, "item")}, ${counted(outcome.newArticles, "new article")} stored. It is polled with the others from now on.`,
        ),
      );
    }
  }
}
