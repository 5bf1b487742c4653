/**
 * The bot as a real child process (`node --import tsx src/cli.ts start`, what `npm start` runs),
 * for tests that kill, stop and restart it: its JSON log lines are collected from standard error,
 * and every process started here can be killed at once in a test's cleanup, even after a failure.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** FAULT_TEST_LOG_DIR: each process's log lines are written there (NAME.log) when it exits. */
const LOG_DIR = process.env.FAULT_TEST_LOG_DIR?.trim() || undefined;

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface BotProcess {
  name: string;
  pid: number;
  /** Every JSON log line so far. */
  lines: LogLine[];
  /** Output that was not a JSON log line (start-up failures, stack traces). */
  other: string[];
  /** Exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  hasExited(): boolean;
  kill(signal: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();

/** Starts the bot with exactly `env` (plus PATH and HOME). */
export function spawnBot(name: string, env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "start"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${name}: the bot process did not start`);
  running.add(child);
  const lines: LogLine[] = [];
  const other: string[] = [];
  let ended = false;
  let partial = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    for (const part of parts) {
      if (!part.trim()) continue;
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        other.push(part);
      }
    }
  });
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => other.push(chunk));
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      if (LOG_DIR)
        writeFileSync(join(LOG_DIR, `${name}.log`), lines.map((l) => JSON.stringify(l)).join("\n"));
      ended = true;
      running.delete(child);
      resolve(code ?? signal ?? "unknown");
    });
  });
  return {
    name,
    pid: child.pid,
    lines,
    other,
    exited,
    hasExited: () => ended,
    kill: (signal) => {
      if (!ended) child.kill(signal);
    },
  };
}

/** SIGKILLs every bot process still running (a test's cleanup) and waits until they are gone. */
export async function killAllBots(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
}

/** Waits until `condition` holds, checking every 50 ms; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
