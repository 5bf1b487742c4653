import type { App } from "@slack/bolt";
import type { CommandDeps } from "../handle-command.js";
import { register as registerActions } from "./actions/index.js";
import { register as registerCommands } from "./commands/index.js";
import { register as registerEvents } from "./events/index.js";
import { register as registerOptions } from "./options/index.js";
import { register as registerViews } from "./views/index.js";

/** Registers every listener, grouped by kind: commands, actions, views, options and events. */
export function registerListeners(app: App, deps: CommandDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerOptions(app, deps);
  registerEvents(app, deps);
}
