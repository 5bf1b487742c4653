import { parseArgs } from "node:util";
import { UsageError } from "./command.js";

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/** node:util parseArgs, with its errors turned into UsageError so they print the usage. */
export function parseCommandArgs<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: options as NonNullable<T>, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses a positive whole number option, or throws a UsageError naming the option. */
export function parsePositiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} expects a whole number of at least 1, got "${value}".`);
  return n;
}
