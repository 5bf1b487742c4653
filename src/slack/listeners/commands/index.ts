import type { App } from "@slack/bolt";
import type { CommandDeps } from "../../handle-command.js";
import { createTradeCommandListener } from "./trade-command.js";

/** Slash commands: /trade. */
export function register(app: App, deps: CommandDeps): void {
  app.command("/trade", createTradeCommandListener(deps));
}
