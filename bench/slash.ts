/**
 * `npm run bench -- slash`: how fast /trade is acknowledged over signed HTTP, idle (the baseline)
 * and while 40,000 items are ingested (classified and stored) in the same process; plus the event
 * loop's worst delay. Goals: median under ingest within 3× idle, max under 200 ms.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { ingestDrafts } from "../src/ingest/ingest-articles.js";
import { startBotHarness } from "../tests/support/bot-harness.js";
import { generateDrafts } from "../tests/support/generate-drafts.js";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

const ITEMS = 40_000;
const RUNS = 3;
const started = performance.now();
const harness = await startBotHarness();
try {
  const commands = ["latest 3", "ask when do the new tariffs start?", "status", "help"];
  // Warm up first (JIT, connections), so the idle baseline is the steady state.
  for (let i = 0; i < 20; i++) await harness.slash(commands[i % commands.length] ?? "help");
  const idle: number[] = [];
  for (let i = 0; i < 100; i++)
    idle.push((await harness.slash(commands[i % commands.length] ?? "help")).ackMs);

  const loaded: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 5 });
  for (let run = 0; run < RUNS; run++) {
    const drafts = generateDrafts(ITEMS, run + 10); // the fixture, made before measuring
    delay.enable();
    let done = false;
    const ingest = ingestDrafts(harness.bot.services.ingestDeps, drafts).then(() => {
      done = true;
    });
    let i = 0;
    while (!done) loaded.push((await harness.slash(commands[i++ % commands.length] ?? "help")).ackMs);
    await ingest;
    delay.disable();
  }
  console.log("slash-command ack over signed HTTP (ms)");
  console.log(
    `  idle (baseline):        n=${idle.length}  median ${median(idle).toFixed(1)}  max ${Math.max(...idle).toFixed(1)}`,
  );
  console.log(
    `  during ${RUNS} ingests of ${ITEMS.toLocaleString("en-US")} items: n=${loaded.length}  median ${median(loaded).toFixed(1)}  max ${Math.max(...loaded).toFixed(1)} (goal < 200)`,
  );
  console.log(
    `  ratio of medians (loaded / idle): ${(median(loaded) / median(idle)).toFixed(1)}× (goal <= 3×)`,
  );
  console.log(
    `  event-loop delay during ingest: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
  );
  console.log("  Slack's limit is 3,000 ms.");
  console.log(`(benchmark ran ${((performance.now() - started) / 1000).toFixed(0)} s)`);
} finally {
  await harness.close();
}
