import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server on loopback for feed tests: a route table by path, request counts and
 * headers, delays, redirects, 304 on matching validators, bodies streamed past any size cap.
 */

export interface FeedRoute {
  /** Status code (default 200, or 302 with `redirectTo`). */
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer with a redirect to this path or absolute URL. */
  redirectTo?: string;
  /** Sent as ETag; a request with a matching If-None-Match gets 304. */
  etag?: string;
  /** Sent as Last-Modified; a request with the same If-Modified-Since gets 304. */
  lastModified?: string;
  /** Stream this many bytes of filler (in 64 KB chunks, no Content-Length) instead of `body`. */
  streamBytes?: number;
  /** Full control for anything the options above do not cover. */
  handle?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
}

export interface FeedServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** How many requests a path has received. */
  requests(path: string): number;
  /** Every request, in order. */
  log: RecordedRequest[];
  /** Adds or replaces a route. */
  route(path: string, route: FeedRoute): void;
  close(): Promise<void>;
}

function answer(route: FeedRoute, req: IncomingMessage, res: ServerResponse, origin: string): void {
  if (route.handle) {
    route.handle(req, res);
    return;
  }
  if (route.redirectTo !== undefined) {
    const location = /^[a-z]+:/i.test(route.redirectTo) ? route.redirectTo : `${origin}${route.redirectTo}`;
    res.writeHead(route.status ?? 302, { location, ...route.headers });
    res.end();
    return;
  }
  const validators: Record<string, string> = {};
  if (route.etag) validators.etag = route.etag;
  if (route.lastModified) validators["last-modified"] = route.lastModified;
  const etagMatches = route.etag !== undefined && req.headers["if-none-match"] === route.etag;
  const dateMatches =
    route.lastModified !== undefined && req.headers["if-modified-since"] === route.lastModified;
  if (etagMatches || dateMatches) {
    res.writeHead(304, validators);
    res.end();
    return;
  }
  if (route.streamBytes !== undefined) {
    res.writeHead(route.status ?? 200, {
      "content-type": "application/rss+xml",
      ...validators,
      ...route.headers,
    });
    const chunk = Buffer.alloc(64 * 1024, "<!-- filler -->\n");
    let sent = 0;
    const pump = () => {
      while (sent < (route.streamBytes ?? 0) && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return;
  }
  res.writeHead(route.status ?? 200, {
    "content-type": "application/rss+xml; charset=utf-8",
    ...validators,
    ...route.headers,
  });
  res.end(route.body ?? "");
}

/** Starts a server on 127.0.0.1, port 0 (any free port). Close it in afterEach/afterAll. */
export async function startFeedServer(
  routes: Record<string, FeedRoute> = {},
  host: "127.0.0.1" | "::1" = "127.0.0.1",
): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  const log: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let origin = "";

  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    counts.set(path, (counts.get(path) ?? 0) + 1);
    log.push({ path, headers: req.headers });
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    if (route.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answer(route, req, res, origin);
      }, route.delayMs);
      timers.add(timer);
      return;
    }
    answer(route, req, res, origin);
  });

  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests: (path) => counts.get(path) ?? 0,
    log,
    route: (path, route) => {
      table.set(path, route);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
