import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One call the fake received: a Web API method or a response_url post. */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** The bearer token the call carried (replicas given different tokens can be told apart). */
  token?: string;
  /** chat.postMessage: the ts the fake answered with. */
  ts?: string;
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
  /**
   * chat.postMessage calls this returns true for are recorded (Slack has the message) but never
   * answered: the poster waits for a response that does not come, as when it dies mid-request.
   */
  holdPost?: (call: RecordedCall) => boolean;
}

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
    const call: RecordedCall = { method, body, at: Date.now(), token: token.replace(/^Bearer /, "") };
    calls.push(call);
    for (const w of waiters.splice(0)) w();
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
      case "auth.test":
        send(200, {
          ok: true,
          user_id: "UBOT",
          bot_id: "BBOT",
          team_id: "T0TEST",
          user: "trade-news",
          team: "Test",
        });
        return;
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
