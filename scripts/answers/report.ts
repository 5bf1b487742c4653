/**
 * `npm run train -- report [--held-out]`: accuracy per split of the shipped answer model, with the
 * plain BM25 sentence ranker beside it. Training splits by default; `--held-out` adds the
 * held-out splits (look at them rarely: each look is counted in the README).
 */
import { loadAnswerModel } from "../../src/search/answer-model.js";
import { loadLanguageKit } from "../../src/search/language/language-kit.js";
import { type Corpus, loadNewsCorpus, loadSquadCorpus } from "./corpora.js";
import { createBm25Baseline, evaluate, formatMetrics, metricsOf, type Outcome } from "./evaluate.js";
import {
  formatJudged,
  judgedMetrics,
  loadJudgements,
  mergeVerdicts,
  poolForJudging,
  writePool,
} from "./judged.js";

export interface Report {
  lines: string[];
  outcomes: Map<string, Outcome[]>;
}

export async function reportAnswers(
  includeHeldOut: boolean,
  corpora: Corpus[] = [loadNewsCorpus(), loadSquadCorpus()],
): Promise<Report> {
  const kit = loadLanguageKit();
  const model = loadAnswerModel();
  const lines: string[] = [];
  const outcomes = new Map<string, Outcome[]>();
  for (const corpus of corpora) {
    const search = corpus.makeSearch(kit, model);
    const baseline = createBm25Baseline(corpus, (body) =>
      kit.language.readSentences(body).map((s) => s.text),
    );
    const questions = corpus.questions.filter((q) => includeHeldOut || !q.heldOut);
    const all = await evaluate(search, questions, baseline);
    const splits = [...new Set(questions.map((q) => q.split))];
    for (const split of splits) {
      const mine = all.filter((o) => o.question.split === split);
      outcomes.set(`${corpus.name} ${split}`, mine);
      lines.push(formatMetrics(`${corpus.name} ${split}`, metricsOf(mine)));
    }
    for (const heldOut of includeHeldOut ? [false, true] : [false]) {
      const mine = all.filter((o) => o.question.heldOut === heldOut);
      const name = `${corpus.name} ${heldOut ? "HELD OUT (all)" : "train (all)"}`;
      outcomes.set(name, mine);
      lines.push(formatMetrics(name, metricsOf(mine)));
      if (heldOut && corpus.name === "news") {
        lines.push(formatJudged("news HELD OUT, blind judgements", judgedMetrics(mine, loadJudgements())));
      }
    }
  }
  return { lines, outcomes };
}

export async function printReport(args: readonly string[]): Promise<void> {
  const report = await reportAnswers(args.includes("--held-out"));
  console.log(report.lines.join("\n"));
  if (args.includes("--misses")) {
    for (const [name, list] of report.outcomes) {
      if (!name.startsWith("news train") && !name.startsWith("news legacy")) continue;
      for (const o of list.filter((x) => !x.at1)) {
        const got = o.result.kind === "answer" ? o.result.answer.text.slice(0, 140) : o.result.kind;
        console.log(
          `  MISS [${name}] ${o.question.q}\n     want ${JSON.stringify(o.question.expect)} got ${got}`,
        );
      }
    }
  }
}

/**
 * `npm run train -- judge-pool FILE`: the held-out news sentences shown today that no judge has
 * seen, for a blind judge (a look at the held-out questions: count it in the README).
 */
export async function printJudgePool(args: readonly string[]): Promise<void> {
  const path = args[0];
  if (!path) throw new Error("Usage: npm run train -- judge-pool FILE");
  const report = await reportAnswers(true, [loadNewsCorpus()]);
  const pool = poolForJudging(report.outcomes.get("news HELD OUT (all)") ?? [], loadJudgements());
  writePool(path, pool);
  console.log(`${pool.length} sentences to judge written to ${path}`);
}

/** `npm run train -- judge-merge POOL VERDICTS`: adds a judge's verdicts to the judged file. */
export function printJudgeMerge(args: readonly string[]): void {
  const [pool, verdicts] = args;
  if (!pool || !verdicts) throw new Error("Usage: npm run train -- judge-merge POOL VERDICTS");
  console.log(`added ${mergeVerdicts(pool, verdicts)} judgements`);
}
