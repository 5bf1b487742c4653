import { type CliCommand, type CliContext, UsageError } from "./cli/command.js";
import { commands } from "./cli/commands.js";
import { systemClock } from "./clock.js";
import { ConfigError } from "./config.js";

/**
 * The `trade-news` command. Parses argv, runs one command and turns its outcome into an exit code:
 * 0 success, 1 a source or operation failed, 2 a usage or configuration error.
 */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    ctx.stdout(overview(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    ctx.stderr(`Unknown command "${name}".\n\n${overview(commands)}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    ctx.stdout(`${command.summary}\n\nUsage:\n${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.stderr(`${error.message}\n\nUsage:\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      ctx.stderr(`${error.message}\nFix these variables (see .env.example) and run the command again.\n`);
      return 2;
    }
    throw error;
  }
}

function overview(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  const lines = list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `trade-news — U.S.–China trade news: ingest, classify, ask, digest.\n\nCommands:\n${lines.join("\n")}\n\nRun "trade-news COMMAND --help" for a command's options. Every command accepts --json.\n`;
}

function waitForStop(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
}

const isEntryPoint =
  process.argv[1] !== undefined && /(?:^|[\\/])(?:cli\.ts|trade-news(?:\.js)?)$/.test(process.argv[1]);
if (isEntryPoint) {
  const ctx: CliContext = {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
    interactive: process.stderr.isTTY === true,
    clock: systemClock,
    waitForStop,
  };
  runCli(process.argv.slice(2), ctx).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `trade-news: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
