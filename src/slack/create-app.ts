import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type Logger as BoltLogger, ErrorCode, type InstallationStore, LogLevel } from "@slack/bolt";
import type { SlackConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { CommandDeps } from "./handle-command.js";
import { BOT_SCOPES } from "./installation-store.js";
import { registerListeners } from "./listeners/index.js";

export interface HealthReport {
  ok: boolean;
  articles: number;
  feeds: number;
  failingFeeds: number;
  lastPollAt: string | null;
}

export interface SlackAppOptions {
  config: SlackConfig;
  deps: CommandDeps;
  log: Logger;
  health: () => Promise<HealthReport>;
  /** Many workspaces (config.oauth): where installs are kept; Bolt fetches each team's token from it. */
  installationStore?: InstallationStore;
}

export interface RunningSlackApp {
  app: App;
  /** Where HTTP mode listens (or the health port in Socket Mode), once started. */
  port: number | null;
  stop(): Promise<void>;
}

function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: "bolt" });
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug(msg.map(String).join(" ")),
    info: (...msg) => child.info(msg.map(String).join(" ")),
    warn: (...msg) => child.warn(msg.map(String).join(" ")),
    error: (...msg) => child.error(msg.map(String).join(" ")),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function healthHandler(health: () => Promise<HealthReport>) {
  return (_req: unknown, res: import("node:http").ServerResponse) => {
    health().then(
      (report) => {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(report));
      },
      (error: unknown) => {
        res.writeHead(503, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ ok: false, error: `the database did not answer: ${String(error)}` }));
      },
    );
  };
}

/**
 * Builds the Bolt app: Socket Mode when an app token is configured, otherwise the HTTP receiver at
 * /slack/events verifying the signing secret, with GET /healthz beside it. With OAuth configured
 * (HTTP mode only) Bolt's installer also serves /slack/install and /slack/oauth_redirect, and each
 * incoming request is authorized with its workspace's token from the installation store.
 */
export function createSlackApp(options: SlackAppOptions): App {
  const { config, log } = options;
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
    rejectRateLimitedCalls: true,
    timeout: 5_000,
  };
  const common = { logger: boltLogger(log), logLevel: LogLevel.INFO, clientOptions };
  const http = {
    signingSecret: config.signingSecret ?? "",
    endpoints: "/slack/events",
    customRoutes: [{ path: "/healthz", method: ["GET"], handler: healthHandler(options.health) }],
  };
  const oauth = config.oauth;
  const app = oauth
    ? new App({
        ...common,
        ...http,
        clientId: oauth.clientId,
        clientSecret: oauth.clientSecret,
        stateSecret: oauth.stateSecret,
        scopes: [...BOT_SCOPES],
        ...(options.installationStore ? { installationStore: options.installationStore } : {}),
        installerOptions: {
          directInstall: true,
          clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl } : {},
        },
      })
    : config.appToken
      ? new App({ ...common, token: config.botToken, appToken: config.appToken, socketMode: true })
      : new App({ ...common, ...http, token: config.botToken });
  registerListeners(app, options.deps);
  app.error(async (error) => {
    if (error.code === ErrorCode.AuthorizationError) {
      // Many workspaces: a request from a workspace that has not installed the app (or uninstalled it).
      log.warn(
        { reason: error.message },
        "Ignored a request from a workspace without an installation; an admin there can install the app at /slack/install",
      );
      return;
    }
    log.error({ err: error }, "Unhandled error in a Slack listener; the process keeps running");
  });
  return app;
}

/** Starts the app (and, in Socket Mode, a small health server on HEALTH_PORT if set). */
export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const app = createSlackApp(options);
  const { config, log } = options;
  if (config.appToken) {
    await app.start();
    let healthServer: Server | null = null;
    let port: number | null = null;
    if (config.healthPort !== undefined) {
      const handle = healthHandler(options.health);
      healthServer = createServer((req, res) => {
        if (req.method === "GET" && req.url === "/healthz") handle(req, res);
        else {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => healthServer?.listen(config.healthPort, resolve));
      port = (healthServer.address() as AddressInfo).port;
    }
    log.info({ healthPort: port }, "Slack app connected in Socket Mode");
    return {
      app,
      port,
      stop: async () => {
        await app.stop();
        await new Promise<void>((resolve) =>
          healthServer ? healthServer.close(() => resolve()) : resolve(),
        );
      },
    };
  }
  const server = (await app.start(config.port)) as Server;
  const port = (server.address() as AddressInfo).port;
  log.info({ port }, `Slack app listening for slash commands at http://localhost:${port}/slack/events`);
  if (config.oauth)
    log.info({ port }, `Workspaces install the app at http://localhost:${port}/slack/install`);
  return { app, port, stop: () => app.stop().then(() => undefined) };
}
