// Entry of the ingest worker thread: the TypeScript sources run through tsx's loader, as in
// bin/trade-news.js (a worker does not inherit the main thread's loader). A worker that cannot
// start says why and exits, so the main thread falls back instead of waiting.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
try {
  await import("./ingest-worker.ts");
} catch (error) {
  parentPort?.postMessage({ fatal: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
