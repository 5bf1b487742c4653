import type { KnownBlock } from "@slack/types";
import {
  ErrorCode,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  type WebClient,
} from "@slack/web-api";

/** A message ready for chat.postMessage: blocks plus the plain-text fallback. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

/** Errors meaning the channel can no longer receive posts until a person acts. */
export const CHANNEL_GONE_ERRORS = [
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "missing_scope",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "team_access_not_granted",
  "ekm_access_denied",
] as const;

/**
 * What one chat.postMessage attempt came to. Callers decide about retries from `kind`:
 * rate_limited → wait retryAfterSeconds; transient → back off; channel_gone → pause, tell a person;
 * rejected → a bug in our message (invalid_blocks, msg_too_long), never retried.
 */
export type PostOutcome =
  | { ok: true; ts: string; channel: string }
  | { ok: false; kind: "rate_limited"; error: "ratelimited"; retryAfterSeconds: number; message: string }
  | { ok: false; kind: "channel_gone"; error: string; message: string }
  | { ok: false; kind: "transient"; error: string; message: string }
  | { ok: false; kind: "rejected"; error: string; message: string };

/** Posts to a channel; `teamId` names the channel's workspace, whose token a many-workspace poster uses. */
export type PostMessage = (channel: string, message: SlackMessage, teamId?: string) => Promise<PostOutcome>;

/** Words a person can act on for each Slack error that stops posting to a channel. */
export function explainSlackError(error: string, channel: string): string {
  const where = `<#${channel}>`;
  switch (error) {
    case "not_in_channel":
      return `I'm not a member of ${where}. Invite me with \`/invite @trade-news\` in that channel, then run \`/trade subscribe\` again.`;
    case "channel_not_found":
      return `I can't see ${where}: it may be private or deleted. Invite me to it, then run \`/trade subscribe\` again.`;
    case "is_archived":
      return `${where} is archived. Unarchive it and run \`/trade subscribe\` again, or subscribe another channel.`;
    case "account_inactive":
    case "invalid_auth":
    case "token_revoked":
      return `My Slack token no longer works (${error}). A workspace admin needs to reinstall the app.`;
    case "not_installed":
      return `The app is no longer installed in the workspace of ${where} (it was uninstalled or its token revoked). A workspace admin needs to install it again (/slack/install); digests then resume.`;
    case "missing_scope":
      return "The app is missing a permission (missing_scope). A workspace admin needs to reinstall it from slack-manifest.yaml.";
    case "restricted_action":
    case "restricted_action_read_only_channel":
    case "restricted_action_thread_only_channel":
    case "restricted_action_non_threadable_channel":
      return `Only some members may post in ${where} (${error}). Let me post there (channel settings), then run \`/trade subscribe\` again, or subscribe another channel.`;
    case "team_access_not_granted":
      return `The app is not allowed in the workspace that owns ${where}. An admin needs to grant it access there, then run \`/trade subscribe\` again.`;
    case "ekm_access_denied":
      return `Your workspace's key management (EKM) denied the post to ${where}. An admin needs to restore access, then run \`/trade subscribe\` again.`;
    case "ratelimited":
      return "Slack asked me to slow down; I'll retry shortly.";
    default:
      return `Slack refused the message (${error}).`;
  }
}

/**
 * The one poster: a single chat.postMessage attempt, with link unfurling and name linking off,
 * turned into a PostOutcome. It never throws for Slack or network errors.
 */
export function createPoster(client: WebClient): PostMessage {
  return async (channel, message) => {
    try {
      const result = await client.chat.postMessage({
        channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        unfurl_links: false,
        unfurl_media: false,
        link_names: false,
      });
      return { ok: true, ts: String(result.ts), channel: String(result.channel ?? channel) };
    } catch (error) {
      return classifyPostError(error, channel);
    }
  };
}

/** Maps a WebClient error to a PostOutcome. */
export function classifyPostError(error: unknown, channel: string): PostOutcome {
  const code = (error as { code?: string }).code;
  if (code === ErrorCode.RateLimitedError) {
    const retryAfterSeconds = (error as WebAPIRateLimitedError).retryAfter;
    return {
      ok: false,
      kind: "rate_limited",
      error: "ratelimited",
      retryAfterSeconds,
      message: explainSlackError("ratelimited", channel),
    };
  }
  if (code === ErrorCode.PlatformError) {
    const slackError = (error as WebAPIPlatformError).data.error;
    const kind = (CHANNEL_GONE_ERRORS as readonly string[]).includes(slackError)
      ? "channel_gone"
      : slackError === "internal_error" ||
          slackError === "fatal_error" ||
          slackError === "service_unavailable"
        ? "transient"
        : "rejected";
    return { ok: false, kind, error: slackError, message: explainSlackError(slackError, channel) };
  }
  if (code === ErrorCode.HTTPError) {
    const status = (error as WebAPIHTTPError).statusCode;
    return {
      ok: false,
      kind: status >= 500 ? "transient" : "rejected",
      error: `http_${status}`,
      message: `Slack answered HTTP ${status}.`,
    };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    kind: "transient",
    error: "request_failed",
    message: `Could not reach Slack: ${reason}`,
  };
}
