import { askCommand } from "./ask-command.js";
import { classifyCommand } from "./classify-command.js";
import type { CliCommand } from "./command.js";
import { digestCommand } from "./digest-command.js";
import { feedsCommand } from "./feeds-command.js";
import { ingestCommand } from "./ingest-command.js";
import { latestCommand } from "./latest-command.js";
import { slashCommand } from "./slash-command.js";
import { startCommand } from "./start-command.js";

/** Every `trade-news` command, in the order `trade-news help` lists them. */
export const commands: readonly CliCommand[] = [
  startCommand,
  ingestCommand,
  feedsCommand,
  latestCommand,
  askCommand,
  digestCommand,
  slashCommand,
  classifyCommand,
];
