import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One call the fake received: a Web API method or a response_url post. */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** The token the call carried (Authorization: Bearer …, or a `token` field), if any. */
  token?: string;
  /** chat.postMessage: the ts the fake answered with. */
  ts?: string;
}

/** A workspace that installs the app through the OAuth flow: the code Slack hands the redirect. */
export interface FakeWorkspace {
  code: string;
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** The user who clicks "Allow". */
  installerUserId: string;
}

export type ScriptedFailure =
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "http"; status: number }
  | { kind: "error"; error: string };

export interface FakeSlackOptions {
  /** Checks a chat.postMessage payload; problems make it answer invalid_blocks / msg_blocks_too_long. */
  checkMessage?: (message: { text?: string; blocks?: unknown[] }) => string[];
  /** Checks a views.open / views.publish / views.update view; problems make it answer invalid_arguments. */
  checkView?: (view: unknown) => string[];
  /** Users that users.info reports as workspace admins. */
  adminUserIds?: string[];
  /** The WebSocket URL apps.connections.open hands out (Socket Mode); unset: invalid_auth. */
  socketModeUrl?: () => string;
  /** The app's OAuth credentials that oauth.v2.access accepts. */
  oauthClient?: { clientId: string; clientSecret: string };
  /** Workspaces that can install through oauth.v2.access; auth.test answers with each token's team. */
  workspaces?: FakeWorkspace[];
  /**
   * chat.postMessage calls this returns true for are recorded (Slack has the message) but never
   * answered: the poster waits for a response that does not come, as when it dies mid-request.
   */
  holdPost?: (call: RecordedCall) => boolean;
}

/** The workspace of the tokens not in `workspaces` (SLACK_BOT_TOKEN's in the tests). */
export const DEFAULT_TEAM = { teamId: "T0TEST", teamName: "Test", botUserId: "UBOT", botId: "BBOT" };

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A stand-in for Slack's Web API on loopback (point Bolt's clientOptions.slackApiUrl at `apiUrl`)
 * that also serves response_url endpoints. It records every call (views.open, views.publish and
 * views.update too, refusing views over Block Kit's limits), answers like Slack, and can be
 * told to fail: 429 with Retry-After, HTTP errors, or Slack errors such as not_in_channel.
 */
export async function startFakeSlack(options: FakeSlackOptions = {}) {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, ScriptedFailure[]>();
  const channelErrors = new Map<string, string>();
  let ts = 1_700_000_000;
  let viewCount = 0;
  const waiters: Array<() => void> = [];
  const revoked = new Set<string>();
  const workspaces = options.workspaces ?? [];

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = await readBody(req);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(json));
    };
    if (url.pathname.startsWith("/response/")) {
      calls.push({ method: `response:${url.pathname.slice("/response/".length)}`, body, at: Date.now() });
      for (const w of waiters.splice(0)) w();
      send(200, { ok: true });
      return;
    }
    const method = url.pathname.replace(/^\/api\//, "");
    const token = String(req.headers.authorization ?? body.token ?? "");
    const bearer = token.replace(/^Bearer /, "");
    const call: RecordedCall = { method, body, at: Date.now(), ...(bearer ? { token: bearer } : {}) };
    calls.push(call);
    for (const w of waiters.splice(0)) w();
    if (method === "oauth.v2.access") {
      send(200, oauthAccess(body, req.headers.authorization));
      return;
    }
    if (revoked.has(bearer)) {
      send(200, { ok: false, error: "token_revoked" });
      return;
    }
    if (method === "apps.connections.open") {
      const url = options.socketModeUrl?.();
      if (!token.includes("xapp-") || !url) send(200, { ok: false, error: "invalid_auth" });
      else send(200, { ok: true, url });
      return;
    }
    if (!token.includes("xoxb-")) {
      send(200, { ok: false, error: "not_authed" });
      return;
    }
    const scripted = failures.get(method)?.shift();
    if (scripted?.kind === "rate_limited") {
      send(429, { ok: false, error: "ratelimited" }, { "retry-after": String(scripted.retryAfterSeconds) });
      return;
    }
    if (scripted?.kind === "http") {
      send(scripted.status, { ok: false, error: "server_error" });
      return;
    }
    if (scripted?.kind === "error") {
      send(200, { ok: false, error: scripted.error });
      return;
    }
    switch (method) {
      case "auth.test": {
        const team = workspaces.find((w) => w.botToken === bearer) ?? DEFAULT_TEAM;
        send(200, {
          ok: true,
          user_id: team.botUserId,
          bot_id: team.botId,
          team_id: team.teamId,
          user: "trade-news",
          team: team.teamName,
        });
        return;
      }
      case "chat.postMessage": {
        const channel = String(body.channel ?? "");
        const gone = channelErrors.get(channel);
        if (gone) {
          send(200, { ok: false, error: gone });
          return;
        }
        const problems =
          options.checkMessage?.({ text: body.text as string, blocks: body.blocks as unknown[] }) ?? [];
        if (problems.length > 0) {
          const tooLong = problems.some((p) => p.includes("msg_blocks_too_long"));
          send(200, { ok: false, error: tooLong ? "msg_blocks_too_long" : "invalid_blocks", problems });
          return;
        }
        ts += 1;
        call.ts = `${ts}.000100`;
        if (options.holdPost?.(call)) return;
        send(200, { ok: true, channel, ts: call.ts, message: { text: body.text } });
        return;
      }
      case "views.open":
      case "views.publish":
      case "views.update": {
        const view = body.view;
        if (method === "views.open" && !body.trigger_id) {
          send(200, { ok: false, error: "invalid_trigger_id" });
          return;
        }
        if (method === "views.publish" && !/^[UW][A-Z0-9]+$/.test(String(body.user_id ?? ""))) {
          send(200, { ok: false, error: "user_not_found" });
          return;
        }
        const problems =
          typeof view === "object" && view ? (options.checkView?.(view) ?? []) : ["view is missing"];
        if (problems.length > 0) {
          send(200, { ok: false, error: "invalid_arguments", response_metadata: { messages: problems } });
          return;
        }
        viewCount += 1;
        send(200, { ok: true, view: { id: `V${viewCount}`, hash: `h${viewCount}`, ...(view as object) } });
        return;
      }
      case "users.info": {
        const user = String(body.user ?? "");
        const admin = options.adminUserIds?.includes(user) ?? false;
        send(200, {
          ok: true,
          user: { id: user, is_admin: admin, is_owner: false, is_primary_owner: false },
        });
        return;
      }
      default:
        send(200, { ok: true });
    }
  });

  /** oauth.v2.access as Slack answers it: the app's credentials (form fields or Basic auth) and a known code. */
  function oauthAccess(body: Record<string, unknown>, authorization: string | undefined) {
    let clientId = String(body.client_id ?? "");
    let clientSecret = String(body.client_secret ?? "");
    if (authorization?.startsWith("Basic ")) {
      [clientId = "", clientSecret = ""] = Buffer.from(authorization.slice(6), "base64")
        .toString()
        .split(":");
    }
    const app = options.oauthClient;
    if (!app || clientId !== app.clientId) return { ok: false, error: "invalid_client_id" };
    if (clientSecret !== app.clientSecret) return { ok: false, error: "bad_client_secret" };
    const w = workspaces.find((candidate) => candidate.code === body.code);
    if (!w) return { ok: false, error: "invalid_code" };
    return {
      ok: true,
      app_id: "A0APP",
      authed_user: { id: w.installerUserId },
      scope: "commands,chat:write,chat:write.public,users:read",
      token_type: "bot",
      access_token: w.botToken,
      bot_user_id: w.botUserId,
      team: { id: w.teamId, name: w.teamName },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    /** A response_url Slack would send with a slash command. */
    responseUrl: (id: string) => `${base}/response/${id}`,
    calls,
    /** Calls to one method, e.g. "chat.postMessage" or "response:abc". */
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    /** The next calls to `method` fail as scripted, in order. */
    failNext(method: string, ...scripted: ScriptedFailure[]) {
      failures.set(method, [...(failures.get(method) ?? []), ...scripted]);
    },
    /** Every post to `channel` fails with a Slack error until cleared. */
    setChannelError(channel: string, error: string | null) {
      if (error) channelErrors.set(channel, error);
      else channelErrors.delete(channel);
    },
    /** Every later call with `token` answers token_revoked, as after an uninstall. */
    revokeToken(token: string) {
      revoked.add(token);
    },
    /** Resolves once `predicate` holds over the recorded calls. */
    async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`fake Slack: condition not met within ${timeoutMs} ms (${calls.length} calls)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 50));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;
