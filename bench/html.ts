/**
 * `npm run bench -- html`: the HTML-to-text step (htmlparser2 + entities) against the regex
 * implementation it replaced, in the same run, on the same generated inputs: 1,000 feed bodies of
 * about 8 KB, one 5 MB body (the fetch cap), 5 MB of hostile unclosed markup, and 100,000 plain
 * titles. Prints the median time of each over the timed runs and the ratio new / old (below 1 is
 * faster). Both outputs are compared on the feed bodies, to show where they differ.
 */
import { performance } from "node:perf_hooks";
import { htmlToText } from "../src/articles/html-to-text.js";
import { oldHtmlToText } from "./support-old-html-to-text.js";
import { createRandom } from "./support-random.js";

const RUNS = 7;
const next = createRandom(20_261_202);
const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;

const SENTENCES = [
  "Washington raised tariffs on $200 billion of Chinese goods to 25% on Friday.",
  "Beijing said it would retaliate with duties on American soybeans, pork &amp; corn.",
  "Huawei said the &ldquo;entity list&rdquo; restrictions would hurt U.S. suppliers.",
  "Farmers in Iowa and Illinois said the trade war had cut their export income&nbsp;sharply.",
  "Negotiators are expected to meet again in Geneva next month &mdash; officials said.",
  "The People&#8217;s Bank of China set the yuan&#x2019;s reference rate stronger than expected.",
];

function paragraph(): string {
  const words = Array.from({ length: 3 + Math.floor(next() * 4) }, () => pick(SENTENCES)).join(" ");
  const link = `<a href="https://news.example/${Math.floor(next() * 1e6)}?utm_source=rss" title="more &gt;">more</a>`;
  return `<p class="body">${words} <b>Read</b> ${link}.</p>`;
}

function body(targetBytes: number): string {
  const parts = [
    '<div class="article"><h2>Trade talks</h2>',
    '<script type="text/javascript">window.ads = [1, 2, 3]; if (a < b) { x = "<p>"; }</script>',
    "<style>.body { color: #333 }</style>",
  ];
  let length = 0;
  while (length < targetBytes) {
    const piece =
      next() < 0.15
        ? `<ul><li>Soy</li><li>Pork &amp; beef</li></ul><img src="x.png" alt="a > b"><br/>`
        : paragraph();
    parts.push(piece);
    length += piece.length;
  }
  parts.push("<!-- end of article --></div>");
  return parts.join("\n");
}

const bodies = Array.from({ length: 1_000 }, () => body(8 * 1024));
const large = body(5 * 1024 * 1024);
const hostile = `<p>Lead</p>${"<script>".repeat(300_000)}${'<a "'.repeat(600_000)}`;
const titles = Array.from({ length: 100_000 }, () => pick(SENTENCES).replace(/&\w+;|&#\w+;/g, "-"));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(convert: (html: string) => string, inputs: readonly string[]): number {
  const start = performance.now();
  for (const input of inputs) convert(input);
  return performance.now() - start;
}

const cases: [string, readonly string[]][] = [
  ["1,000 feed bodies of ~8 KB", bodies],
  ["one 5 MB body", [large]],
  ['5 MB of unclosed <script> and <a "', [hostile]],
  ["100,000 plain titles", titles],
];

const megabytes = (inputs: readonly string[]) => inputs.reduce((sum, s) => sum + s.length, 0) / 1024 / 1024;

console.log(`median of ${RUNS} runs after one warm-up; ratio = htmlparser2 time / old regex time`);
for (const [name, inputs] of cases) {
  time(htmlToText, inputs);
  time(oldHtmlToText, inputs);
  const newTimes: number[] = [];
  const oldTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    newTimes.push(time(htmlToText, inputs));
    oldTimes.push(time(oldHtmlToText, inputs));
  }
  const mb = megabytes(inputs);
  const n = median(newTimes);
  const o = median(oldTimes);
  console.log(
    `${name.padEnd(38)} htmlparser2 ${n.toFixed(1).padStart(7)} ms (${(mb / (n / 1000)).toFixed(1)} MB/s)` +
      `   old regex ${o.toFixed(1).padStart(7)} ms (${(mb / (o / 1000)).toFixed(1)} MB/s)   ratio ${(n / o).toFixed(2)}`,
  );
}

const differing = bodies.filter((b) => htmlToText(b) !== oldHtmlToText(b)).length;
console.log(`feed bodies whose text differs between the two: ${differing} of ${bodies.length}`);
