import { type Logger, pino } from "pino";

export type { Logger } from "pino";

const SECRET_PATTERN = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)/g;

/** Replaces anything shaped like a Slack token in a string, so no log line can leak one. */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, "[redacted]");
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth > 3 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    const copy = new Error(scrubSecrets(value.message));
    copy.name = value.name;
    copy.stack = scrubSecrets(value.stack ?? "");
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scrubValue(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level: string;
  /** Pretty, coloured lines for people at a terminal; JSON lines otherwise. */
  pretty?: boolean;
  /** Where lines go; standard error by default so standard output stays clean for --json. */
  destination?: NodeJS.WritableStream | number;
}

/**
 * The bot's logger: pino with token redaction (by key and by shape), writing to standard error.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? 2;
  const base = {
    level: options.level,
    base: undefined,
    redact: {
      paths: [
        "token",
        "*.token",
        "botToken",
        "appToken",
        "signingSecret",
        "clientSecret",
        "stateSecret",
        "*.clientSecret",
        "*.stateSecret",
        "*.botToken",
        "*.appToken",
        "*.signingSecret",
        "headers.authorization",
        "*.headers.authorization",
      ],
      censor: "[redacted]",
    },
    formatters: {
      log: (object: Record<string, unknown>) => scrubValue(object, 0) as Record<string, unknown>,
    },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a)),
        );
      },
    },
  };
  if (options.pretty) {
    return pino({
      ...base,
      transport: {
        target: "pino-pretty",
        options: { destination: typeof destination === "number" ? destination : 2, ignore: "pid,hostname" },
      },
    });
  }
  return typeof destination === "number"
    ? pino(base, pino.destination({ fd: destination, sync: true }))
    : pino(base, destination);
}

/** A logger that drops everything, for tests and benchmarks. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
