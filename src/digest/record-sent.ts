import type { Logger } from "../log.js";
import { describeUnreachableDatabase } from "../store/unreachable.js";

const article = (what: "digest" | "alert") => (what === "digest" ? "a digest" : "an alert");

/**
 * Records a digest (or an instant alert) Slack has accepted, retrying while the database is
 * unreachable. Slack has the message; if the "sent" write were dropped, the record would stay
 * "posting" and be posted again when its lease ends (on PostgreSQL by another replica). So the
 * write is retried, with backoff, until it lands or the bot stops (only then does the documented
 * crash window stay open). Any other error is thrown, as before.
 */
export async function recordSent(
  write: () => Promise<void>,
  deps: {
    log: Logger;
    channel: string;
    /** What was posted, for the log: "digest" (default) or "alert". */
    what?: "digest" | "alert";
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    signal?: AbortSignal;
    firstBackoffMs?: number;
    maxBackoffMs?: number;
  },
): Promise<boolean> {
  let backoff = deps.firstBackoffMs ?? 250;
  const what = deps.what ?? "digest";
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      if (attempt > 1)
        deps.log.info(
          { channel: deps.channel, attempt },
          `recorded ${article(what)} as sent once the database answered`,
        );
      return true;
    } catch (error) {
      const reason = describeUnreachableDatabase(error);
      if (reason === null) throw error; // not a lost connection: retrying would not help
      if (deps.signal?.aborted) {
        deps.log.error(
          { channel: deps.channel, err: error },
          `Slack accepted ${article(what)} but recording it failed and the bot is stopping: ${reason}. It will be posted again when its claim's lease ends`,
        );
        return false;
      }
      deps.log.warn(
        { channel: deps.channel, retryInMs: backoff },
        `Slack accepted ${article(what)} but recording it failed: ${reason}. Retrying so it is not posted twice`,
      );
      await deps.sleep(backoff, deps.signal);
      backoff = Math.min(backoff * 2, deps.maxBackoffMs ?? 2_000);
    }
  }
}
