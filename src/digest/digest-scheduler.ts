import type { Logger } from "../log.js";
import { describeUnreachableDatabase } from "../store/unreachable.js";
import type { DigestRunReport, DigestSender } from "./send-digests.js";

/** What a scheduler runs each tick: the digest sender, or the instant-alert sender. */
export interface PassRunner<R extends { due: number } = DigestRunReport> {
  sendDue(options?: { signal?: AbortSignal }): Promise<R>;
}

export interface DigestSchedulerOptions<R extends { due: number } = DigestRunReport> {
  sender: Pick<DigestSender, "sendDue"> | PassRunner<R>;
  /** Seconds between ticks (at most 30, so a digest goes out within half a minute of its time). */
  tickSeconds: number;
  log: Logger;
  /** What the log calls a finished pass; default "digest pass finished". */
  passName?: string;
  timers?: {
    setInterval: (fn: () => void, ms: number) => unknown;
    clearInterval: (handle: unknown) => void;
  };
}

export interface DigestScheduler<R extends { due: number } = DigestRunReport> {
  /** Runs the first tick now (sending any digest missed while the bot was down), then every tick. */
  start(): void;
  /** Stops ticking, asks a running pass to stop between channels, and waits for it. */
  stop(): Promise<void>;
  /** One pass; while a pass runs, further ticks join it instead of starting another. */
  tick(): Promise<R | null>;
}

/** Ticks the digest sender every `tickSeconds`, never two passes at once. */
export function createDigestScheduler<R extends { due: number } = DigestRunReport>(
  options: DigestSchedulerOptions<R>,
): DigestScheduler<R> {
  const timers = options.timers ?? {
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (handle: unknown) => clearInterval(handle as NodeJS.Timeout),
  };
  const controller = new AbortController();
  let handle: unknown = null;
  let running: Promise<R | null> | null = null;

  async function pass(): Promise<R | null> {
    try {
      const report = (await options.sender.sendDue({ signal: controller.signal })) as R;
      if (report.due > 0)
        options.log.info(
          { ...report } as Record<string, unknown>,
          options.passName ?? "digest pass finished",
        );
      return report;
    } catch (error) {
      const unreachable = describeUnreachableDatabase(error);
      const name = options.passName?.replace(/ finished$/, "") ?? "digest pass";
      options.log.error(
        { err: error },
        unreachable
          ? `${name} stopped: ${unreachable}. The next tick tries again; nothing is lost`
          : `${name} failed (a bug); the next tick tries again`,
      );
      return null;
    } finally {
      running = null;
    }
  }

  function tick(): Promise<R | null> {
    if (controller.signal.aborted) return Promise.resolve(null);
    running ??= pass();
    return running;
  }

  return {
    start() {
      if (handle !== null || controller.signal.aborted) return;
      handle = timers.setInterval(() => void tick(), options.tickSeconds * 1_000);
      void tick();
    },
    async stop() {
      if (handle !== null) timers.clearInterval(handle);
      handle = null;
      controller.abort();
      await running;
    },
    tick,
  };
}
