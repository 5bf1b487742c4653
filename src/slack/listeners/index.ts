import type { App } from "@slack/bolt";
import type { CommandDeps } from "../handle-command.js";
import { createTradeCommandListener } from "./trade-command.js";

/** Registers every listener the app has: today, the /trade slash command. */
export function registerListeners(app: App, deps: CommandDeps): void {
  app.command("/trade", createTradeCommandListener(deps));
}
