/**
 * `npm run bench -- NAME` runs bench/NAME.ts. Benchmarks print medians and ratios against a
 * baseline measured in the same run, never pass/fail on timing. Flags after the names
 * (`npm run bench -- ingest --profile`) are read by the benchmark itself.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("support"))
  .map((f) => f.slice(0, -3))
  .sort();
// Flags ("--profile") stay in process.argv for the benchmark to read; the rest are names.
const names = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
if (names.length === 0 || names.some((n) => !available.includes(n))) {
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0) console.error(`Unknown benchmark: ${unknown.join(", ")}.`);
  console.error(`Usage: npm run bench -- NAME... [--FLAG]   (available: ${available.join(", ")})`);
  process.exit(2);
}
for (const name of names) {
  console.log(`\n== bench ${name}`);
  await import(pathToFileURL(join(here, `${name}.ts`)).href);
}
