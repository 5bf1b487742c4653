import { describe, expect, it } from "vitest";
import { createDigestScheduler } from "../../src/digest/digest-scheduler.js";
import type { DigestRunReport } from "../../src/digest/send-digests.js";
import { createSilentLogger } from "../../src/log.js";

const REPORT: DigestRunReport = { due: 0, sent: 0, empty: 0, pending: 0, paused: 0, failed: 0, deferred: 0 };

function controllableSender() {
  const runs: Array<{ finish: () => void; signal: AbortSignal | undefined }> = [];
  return {
    runs,
    sender: {
      sendDue(options: { signal?: AbortSignal } = {}) {
        return new Promise<DigestRunReport>((resolve) => {
          runs.push({ finish: () => resolve(REPORT), signal: options.signal });
        });
      },
    },
  };
}

function manualTimers() {
  const intervals: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  return {
    intervals,
    timers: {
      setInterval: (fn: () => void, ms: number) => {
        const handle = { fn, ms, cleared: false };
        intervals.push(handle);
        return handle;
      },
      clearInterval: (handle: unknown) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    },
  };
}

describe("createDigestScheduler", () => {
  it("never runs two passes at once: a tick during a pass joins it", async () => {
    const { runs, sender } = controllableSender();
    const scheduler = createDigestScheduler({ sender, tickSeconds: 30, log: createSilentLogger() });
    const first = scheduler.tick();
    const second = scheduler.tick();
    expect(runs).toHaveLength(1);
    expect(second).toBe(first);
    runs[0]?.finish();
    await first;
    void scheduler.tick();
    expect(runs).toHaveLength(2);
  });

  it("ticks at start (catching up after downtime) and then every tickSeconds", async () => {
    const { runs, sender } = controllableSender();
    const { intervals, timers } = manualTimers();
    const scheduler = createDigestScheduler({ sender, tickSeconds: 30, log: createSilentLogger(), timers });
    scheduler.start();
    expect(runs).toHaveLength(1);
    expect(intervals[0]?.ms).toBe(30_000);
    runs[0]?.finish();
    await new Promise((resolve) => setImmediate(resolve));
    intervals[0]?.fn();
    expect(runs).toHaveLength(2);
  });

  it("on stop, clears the timer, asks the running pass to stop and waits for it", async () => {
    const { runs, sender } = controllableSender();
    const { intervals, timers } = manualTimers();
    const scheduler = createDigestScheduler({ sender, tickSeconds: 30, log: createSilentLogger(), timers });
    scheduler.start();
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    expect(intervals[0]?.cleared).toBe(true);
    expect(runs[0]?.signal?.aborted).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    runs[0]?.finish();
    await stopping;
    expect(await scheduler.tick()).toBeNull();
    expect(runs).toHaveLength(1);
  });

  it("survives a pass that throws and runs the next tick", async () => {
    let calls = 0;
    const sender = {
      async sendDue() {
        calls++;
        if (calls === 1) throw new Error("boom");
        return REPORT;
      },
    };
    const scheduler = createDigestScheduler({ sender, tickSeconds: 30, log: createSilentLogger() });
    expect(await scheduler.tick()).toBeNull();
    expect(await scheduler.tick()).toEqual(REPORT);
  });
});
