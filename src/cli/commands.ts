import type { CliCommand } from "./command.js";

/** Every `trade-news` command, in the order `trade-news help` lists them. */
export const commands: readonly CliCommand[] = [];
