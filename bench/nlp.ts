/**
 * `npm run bench -- nlp`: how fast each NLP library reads the labelled news articles into
 * sentences, lemmas, parts of speech and entities — wink-nlp (used) and compromise (measured
 * against it). Median of 5 passes; words per second and the ratio.
 */
import { performance } from "node:perf_hooks";
import { loadNewsCorpus } from "../scripts/answers/corpora.js";
import { loadCompromiseLanguage } from "../scripts/answers/read-text-compromise.js";
import type { Language } from "../src/search/language/read-text.js";
import { loadLanguage } from "../src/search/language/read-text.js";

const texts = [...loadNewsCorpus().articles.values()].map((a) => a.body);
const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(language: Language): number {
  const rates: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const started = performance.now();
    for (const text of texts) language.readSentences(text);
    rates.push(words / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

const wink = measure(loadLanguage());
const compromise = measure(loadCompromiseLanguage());
console.log(`${texts.length} articles, ${words.toLocaleString("en")} words, median of 5 passes`);
console.log(`wink-nlp    ${Math.round(wink).toLocaleString("en")} words/s`);
console.log(
  `compromise  ${Math.round(compromise).toLocaleString("en")} words/s (${(compromise / wink).toFixed(2)}× wink-nlp)`,
);
