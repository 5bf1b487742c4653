import type { Clock } from "../clock.js";

/** What a CLI command may touch: its environment, its streams and the clock. */
export interface CliContext {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  /** True when standard error is a terminal (pretty logs). */
  interactive: boolean;
  clock: Clock;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM); only long-running commands call it. */
  waitForStop: () => Promise<string>;
}

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage lines shown by --help and on a usage error. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
