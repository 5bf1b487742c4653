/**
 * A PostgreSQL cluster of a test's own (scripts/postgres-cluster.sh in a temporary directory, on a
 * free loopback port), for a test that stops and starts the server: restarting the shared
 * TEST_DATABASE_URL server would break the other suites running beside it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("../../scripts/postgres-cluster.sh", import.meta.url));

/** Whether the server binaries the script needs (initdb, pg_ctl) are installed. */
export function postgresBinariesInstalled(): boolean {
  const dirs = (process.env.PATH ?? "").split(":");
  if (dirs.some((dir) => existsSync(join(dir, "pg_ctl")) && existsSync(join(dir, "initdb")))) return true;
  const root = "/usr/lib/postgresql";
  return existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, "bin", "pg_ctl")));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export interface ThrowawayPostgres {
  url: string;
  /** pg_ctl stop -m fast: every connection is cut. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it (if running) and deletes its directory. */
  remove(): Promise<void>;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "trade-news-fault-pg-"));
  const port = String(await freePort());
  const start = async () => {
    const { stdout } = await run(SCRIPT, ["start", dir, port], { timeout: 90_000 });
    return stdout.trim();
  };
  const stop = async () => {
    await run(SCRIPT, ["stop", dir], { timeout: 60_000 });
  };
  const url = await start();
  return {
    url,
    stop,
    start: async () => {
      await start();
    },
    remove: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
