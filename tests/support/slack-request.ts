import { createHmac } from "node:crypto";

export interface SlashCommandFields {
  text: string;
  user_id?: string;
  channel_id?: string;
  response_url: string;
  [field: string]: string | undefined;
}

/** Slack's v0 request signature over timestamp and raw body. */
export function signSlackRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/**
 * Sends a slash command the way Slack does: form-encoded fields, signed with the signing secret.
 * `tamper` sends a wrong signature; `timestamp` lets a test send a stale request.
 */
export async function sendSlashCommand(
  url: string,
  secret: string,
  fields: SlashCommandFields,
  options: { timestamp?: number; tamper?: boolean; unsigned?: boolean } = {},
): Promise<{ status: number; body: string; ms: number }> {
  const form = new URLSearchParams({
    command: "/trade",
    user_id: "U0USER0001",
    user_name: "pat",
    channel_id: "C0CHANNEL1",
    channel_name: "trade-news",
    team_id: "T0TEST",
    team_domain: "test",
    api_app_id: "A0APP",
    trigger_id: "1.2.3",
    is_enterprise_install: "false",
    ...(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >),
  }).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (!options.unsigned) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = options.tamper
      ? signSlackRequest(`${secret}-wrong`, timestamp, form)
      : signSlackRequest(secret, timestamp, form);
  }
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers, body: form });
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - started };
}

/** Signs and POSTs a raw body the way Slack does; answers status, body text and time taken. */
async function postSigned(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  options: { tamper?: boolean } = {},
): Promise<{ status: number; body: string; ms: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signSlackRequest(options.tamper ? `${secret}-wrong` : secret, timestamp, body),
  };
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers, body });
  return { status: res.status, body: await res.text(), ms: performance.now() - started };
}

/**
 * Sends an interactive payload (block_actions, view_submission, block_suggestion) as Slack does:
 * a form field `payload` holding JSON, signed.
 */
export function sendInteraction(
  url: string,
  secret: string,
  payload: Record<string, unknown>,
  options: { tamper?: boolean } = {},
) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(url, secret, body, "application/x-www-form-urlencoded", options);
}

/** Sends an Events API callback (e.g. app_home_opened) as Slack does: signed JSON, from `teamId`. */
export function sendEvent(url: string, secret: string, event: Record<string, unknown>, teamId = "T0TEST") {
  const body = JSON.stringify({
    token: "legacy-verification-token",
    team_id: teamId,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return postSigned(url, secret, body, "application/json");
}
