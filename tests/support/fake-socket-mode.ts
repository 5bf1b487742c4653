import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * Slack's Socket Mode side on loopback: the WebSocket URL that apps.connections.open hands out.
 * It greets each connection with "hello", delivers slash-command, interactive and Events API
 * envelopes as Slack does, and
 * resolves each with the app's acknowledgement (and how long it took).
 */
export interface FakeSocketMode {
  url: string;
  /** Resolves once an app has connected. */
  connected(): Promise<void>;
  /** Sends a /trade envelope; resolves when the app acknowledges it. */
  slashCommand(fields: Record<string, string>): Promise<{ ackMs: number; ack: Record<string, unknown> }>;
  /** An interactive payload (block_actions, view_submission, block_suggestion); resolves with the ack. */
  interactive(payload: Record<string, unknown>): Promise<{ ackMs: number; ack: Record<string, unknown> }>;
  /** An Events API event (e.g. app_home_opened); resolves with the ack. */
  event(event: Record<string, unknown>): Promise<{ ackMs: number; ack: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const pending = new Map<string, (ack: Record<string, unknown>) => void>();
  let socket: WebSocket | null = null;
  let onConnect: Array<() => void> = [];

  server.on("connection", (ws) => {
    socket = ws;
    ws.on("message", (data) => {
      const ack = JSON.parse(String(data)) as Record<string, unknown>;
      const resolve = pending.get(String(ack.envelope_id));
      pending.delete(String(ack.envelope_id));
      resolve?.(ack);
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake-socket-mode", approximate_connection_time: 3600 },
        connection_info: { app_id: "A0TEST" },
      }),
    );
    for (const resolve of onConnect.splice(0)) resolve();
  });

  function deliver(type: string, payload: Record<string, unknown>) {
    const ws = socket;
    if (!ws) return Promise.reject(new Error("fake Socket Mode: no app connected"));
    const envelopeId = randomUUID();
    const started = performance.now();
    const acked = new Promise<Record<string, unknown>>((resolve) => pending.set(envelopeId, resolve));
    ws.send(JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: true, payload }));
    return acked.then((ack) => ({ ack, ackMs: performance.now() - started }));
  }

  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    connected: () =>
      socket ? Promise.resolve() : new Promise<void>((resolve) => onConnect.push(() => resolve())),
    slashCommand(fields) {
      return deliver("slash_commands", {
        token: "legacy-verification-token",
        team_id: "T0TEST",
        team_domain: "test",
        channel_id: "C0SOCKET01",
        channel_name: "trade",
        user_id: "U0USER0001",
        user_name: "tester",
        command: "/trade",
        text: "",
        api_app_id: "A0TEST",
        trigger_id: "1.2.3",
        ...fields,
      });
    },
    interactive(payload) {
      return deliver("interactive", payload);
    },
    event(event) {
      return deliver("events_api", {
        token: "legacy-verification-token",
        team_id: "T0TEST",
        api_app_id: "A0TEST",
        type: "event_callback",
        event_id: `Ev${randomUUID().slice(0, 8)}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
    },
    async close() {
      for (const client of server.clients) client.terminate();
      onConnect = [];
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
