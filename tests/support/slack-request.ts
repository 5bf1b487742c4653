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
