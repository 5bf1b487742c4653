/**
 * `npm run bench -- classify`: 10,000 generated articles of about 2 KB through the topic
 * classifier and, in the same run, through a naive baseline (one case-insensitive regex of each
 * topic's words). Prints median articles/s of each over the timed runs, their ratio (goal: the
 * classifier above 5,000 articles/s on one core) and both F1 scores on the held-out corpus.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { type ClassifierInput, createClassifier } from "../src/classify/classifier.js";
import { evaluateClassifier, parseLabelledArticles, type TopicMetrics } from "../src/classify/evaluate.js";
import { builtInTopics, type TopicDefinition } from "../src/classify/topics.js";
import { createRandom } from "./support-random.js";

const ARTICLES = 10_000;
const TARGET_BYTES = 2048;
const RUNS = 7;

const TITLES = [
  "Washington Raises Tariffs on Chinese Goods",
  "Huawei Seeks Licences to Buy American Chips",
  "Soybean Farmers Wait for Chinese Orders",
  "Energy Tariffs Rise as Regulator Lifts Price Cap",
  "Startup Closes Seed Round to Expand in Europe",
  "ZTE Returns to Profit After Settlement",
  "Yuan Weakens as Trade Talks Stall",
  "Boeing Nears Order From Chinese Airlines",
  "HOG FARMERS HIT BY RETALIATORY DUTIES",
  "Markets Rally on Hopes of a Trade Truce",
];

const SENTENCES = [
  "Washington raised tariffs on $200 billion of Chinese goods to 25% on Friday.",
  "Beijing said it would retaliate with duties on American soybeans, pork and corn.",
  "Huawei said the entity list restrictions would hurt U.S. suppliers more than the company itself.",
  "The Shenzhen-based company has stockpiled chips designed by its unit HiSilicon.",
  "Farmers in Iowa and Illinois said the trade war had cut their export income sharply.",
  "Growers across the Farm Belt are storing grain while they wait for buyers to return.",
  "Households on standard energy tariffs will pay about £75 more a year.",
  "The startup will use its seed funding to hire engineers in Berlin.",
  "Investors reaped a bumper crop of listings in Hong Kong this year.",
  "Exhibitors including Samsung, Nokia, Ericsson, Huawei, Sony and Xiaomi showed new phones.",
  "Negotiators from both sides are expected to meet again in Geneva next month.",
  "The People's Bank of China set the yuan's reference rate stronger than expected.",
  "Analysts expect the truce to hold at least until the end of the year.",
  "The U.S. Trade Representative said talks had made progress on intellectual property.",
  "Retailers warned that consumers would pay more for electronics and clothing.",
  "The central bank left interest rates unchanged, citing steady growth.",
  "Local officials said the new port facilities would open in the spring.",
  "Chinese airlines are close to an order for about 100 Boeing jets, people familiar with the talks said.",
];

function generateArticles(count: number): ClassifierInput[] {
  const next = createRandom(20_240_601);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const sentences: string[] = [];
    let length = 0;
    while (length < TARGET_BYTES) {
      const sentence = pick(SENTENCES);
      sentences.push(sentence);
      length += sentence.length + 1;
      if (next() < 0.2) sentences.push("\n\n");
    }
    return { title: `${pick(TITLES)} (${i})`, body: sentences.join(" ") };
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The keyword match a classifier should beat: any topic word anywhere assigns the topic. */
function createBaseline(definitions: readonly TopicDefinition[]) {
  const patterns = definitions.map((d) => {
    const words = [...d.terms, ...d.aliases].map((t) => escapeRegExp(t.phrase).replace(/[\s-]+/g, "[\\s-]+"));
    return { name: d.name, pattern: new RegExp(`\\b(?:${words.join("|")})`, "i") };
  });
  return {
    classify({ title, body }: ClassifierInput) {
      const text = `${title}\n${body}`;
      const topics = patterns.filter((p) => p.pattern.test(text)).map((p) => p.name);
      return {
        topics,
        scores: Object.fromEntries(patterns.map((p) => [p.name, topics.includes(p.name) ? 1 : 0])),
      };
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function timeRun(
  articles: readonly ClassifierInput[],
  classify: (a: ClassifierInput) => { topics: string[] },
) {
  let assigned = 0;
  const started = performance.now();
  for (const article of articles) assigned += classify(article).topics.length;
  return { ms: performance.now() - started, assigned };
}

const articles = generateArticles(ARTICLES);
const totalBytes = articles.reduce(
  (sum, a) => sum + Buffer.byteLength(a.title) + Buffer.byteLength(a.body),
  0,
);
const classifier = createClassifier(builtInTopics);
const baseline = createBaseline(builtInTopics);
const classify = (a: ClassifierInput) => classifier.classify(a);
const classifyBaseline = (a: ClassifierInput) => baseline.classify(a);

timeRun(articles, classify);
timeRun(articles, classifyBaseline);
const classifierMs: number[] = [];
const baselineMs: number[] = [];
let classifierAssigned = 0;
let baselineAssigned = 0;
for (let run = 0; run < RUNS; run++) {
  const c = timeRun(articles, classify);
  const b = timeRun(articles, classifyBaseline);
  classifierMs.push(c.ms);
  baselineMs.push(b.ms);
  classifierAssigned = c.assigned;
  baselineAssigned = b.assigned;
}

const rate = (ms: number) => (ARTICLES / ms) * 1000;
const classifierRate = rate(median(classifierMs));
const baselineRate = rate(median(baselineMs));
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `${fmt(ARTICLES)} generated articles, ${(totalBytes / ARTICLES / 1024).toFixed(2)} KB average, ${RUNS} timed runs after a warm-up; medians:`,
);
console.log(
  `  classifier        ${fmt(classifierRate).padStart(8)} articles/s  (${(((totalBytes / median(classifierMs)) * 1000) / 1024 / 1024).toFixed(1)} MB/s, ${fmt(classifierAssigned)} topics assigned)`,
);
console.log(
  `  baseline (regex)  ${fmt(baselineRate).padStart(8)} articles/s  (${fmt(baselineAssigned)} topics assigned)`,
);
console.log(
  `  classifier / baseline: ${(classifierRate / baselineRate).toFixed(2)}×   goal: classifier ≥ 5,000 articles/s on one core — ${classifierRate >= 5000 ? "met" : "NOT met"}`,
);

const heldOut = parseLabelledArticles(readFileSync("tests/fixtures/labelled-articles.jsonl", "utf8")).filter(
  (a) => a.split === "heldout",
);
const names = classifier.topicNames;
const ours = evaluateClassifier(classify, names, heldOut).metrics;
const theirs = evaluateClassifier(classifyBaseline, names, heldOut).metrics;
const cell = (m: TopicMetrics | undefined) =>
  m ? `${m.precision.toFixed(2)} / ${m.recall.toFixed(2)} / ${m.f1.toFixed(3)}` : "-";
console.log(`\nHeld-out corpus (${heldOut.length} articles), precision / recall / F1:`);
console.log(`  ${"topic".padEnd(12)}  ${"baseline".padEnd(20)}  classifier`);
for (const name of names) {
  console.log(
    `  ${name.padEnd(12)}  ${cell(theirs.find((m) => m.topic === name)).padEnd(20)}  ${cell(ours.find((m) => m.topic === name))}`,
  );
}
const macro = (metrics: TopicMetrics[]) => metrics.reduce((sum, m) => sum + m.f1, 0) / metrics.length;
console.log(`  ${"macro F1".padEnd(12)}  ${macro(theirs).toFixed(3).padEnd(20)}  ${macro(ours).toFixed(3)}`);
