/** `npm run train -- NAME`: fits a model from labelled data in the repository. NAME: answers, report, judge-pool, judge-merge, compare-nlp, word-vectors. */

import { pruneWordVectors } from "./answers/prune-word-vectors.js";
import { printJudgeMerge, printJudgePool, printReport } from "./answers/report.js";
import { compareLanguages, trainAnswers } from "./answers/train-answers.js";

const models: Record<string, () => void | Promise<void>> = {
  answers: () => trainAnswers(process.argv.slice(3)),
  "compare-nlp": compareLanguages,
  report: () => printReport(process.argv.slice(3)),
  "judge-pool": () => printJudgePool(process.argv.slice(3)),
  "judge-merge": () => printJudgeMerge(process.argv.slice(3)),
  "word-vectors": () => pruneWordVectors(process.argv[3]),
};
const name = process.argv[2] ?? "";
const train = models[name];
if (!train) {
  console.error(`Usage: npm run train -- NAME   (available: ${Object.keys(models).join(", ")})`);
  process.exit(2);
}
await train();
