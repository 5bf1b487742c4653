import type { App } from "@slack/bolt";
import type { CommandDeps } from "../../handle-command.js";

/** Events: none yet. */
export function register(_app: App, _deps: CommandDeps): void {}
