import { TopicsFileError } from "../classify/topics.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../log.js";
import { runBot } from "../main.js";
import { type CliCommand, UsageError } from "./command.js";
import { parseCommandArgs } from "./parse-args.js";

/** `trade-news start` (what `npm start` runs): the poller, and the Slack app when configured. */
export const startCommand: CliCommand = {
  name: "start",
  summary: "Run the bot: poll feeds, and serve Slack when SLACK_BOT_TOKEN is set (local mode otherwise)",
  usage: "  trade-news start        (npm start) — Ctrl-C stops it cleanly",
  async run(args, ctx) {
    parseCommandArgs(args, {});
    const config = loadConfig(ctx.env);
    const log = createLogger({ level: config.logLevel, pretty: ctx.interactive });
    try {
      await runBot(config, { log, clock: ctx.clock, out: ctx.stdout, waitForStop: ctx.waitForStop });
    } catch (error) {
      if (error instanceof TopicsFileError)
        throw new UsageError(`${error.message}\nFix TOPICS_FILE and start again.`);
      throw error;
    }
    return 0;
  },
};
