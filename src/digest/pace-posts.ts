import type { Clock } from "../clock.js";

/**
 * Paces posts to Slack: at most `postsPerSecond` overall, evenly spaced (no bursts), and nothing at
 * all while Slack's Retry-After from a 429 runs. Waiting goes through the injected `sleep`, so tests
 * move a manual clock instead of waiting.
 */
export interface PostPacer {
  /** Resolves when the next post may go out, and books that slot; or early, booking nothing, once `signal` aborts. */
  wait(signal?: AbortSignal): Promise<void>;
  /** Holds every post until `until` (epoch ms), e.g. after a 429 with Retry-After. */
  holdUntil(until: number): void;
}

/** A pacer shared by every digest post of the process. */
export function createPostPacer(options: {
  postsPerSecond: number;
  clock: Clock;
  /** Resolves after `ms`, or early (never rejecting) when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}): PostPacer {
  const interval = 1_000 / options.postsPerSecond;
  let nextSlot = Number.NEGATIVE_INFINITY;
  let heldUntil = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();

  async function waitTurn(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) return;
      const at = Math.max(nextSlot, heldUntil);
      const now = options.clock.now();
      if (now >= at) {
        nextSlot = now + interval;
        return;
      }
      await options.sleep(Math.ceil(at - now), signal);
    }
  }

  return {
    wait(signal) {
      const turn = queue.then(() => waitTurn(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
    holdUntil(until) {
      heldUntil = Math.max(heldUntil, until);
    },
  };
}
