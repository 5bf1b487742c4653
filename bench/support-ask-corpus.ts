/**
 * Generated trade-news articles and questions for the search benchmarks (bench/ask.ts,
 * bench/store.ts): a fixed seed gives the same corpus every run.
 */
import type { ArticleDraft, TopicMatch } from "../src/articles/article.js";
import { createRandom } from "./support-random.js";

/** The instant the generated articles lead up to (two years of them). */
export const NOW = Date.parse("2024-06-01T12:00:00Z");
const DAY = 86_400_000;

/** Real names, the most popular of each pool; invented ones make the long tail. */
const names = (list: string) => list.split("|");
const ACTORS = names(
  "China|Beijing|Washington|the Commerce Department|the USTR|Huawei|ZTE|SMIC|Apple|Boeing|Micron|Intel|Qualcomm|Cisco|COFCO|Sinograin|Tesla|the EU|Japan|Brazil",
);
const PEOPLE = names(
  "Commerce Secretary Lee|Vice Premier Wang|Trade Representative Park|spokesperson Zhao|analyst Maria Chen|economist David Ortiz|senator Jane Holt|minister Liu Bo|chief executive Tom Reyes|founder Ren Wei",
);
const PLACES = names(
  "Beijing|Washington|Geneva|Shenzhen|Brussels|Tokyo|Iowa|Shanghai|Chicago|Seoul|Munich|Osaka|Dallas|Hanoi|Jakarta",
);
const GOODS = names(
  "soybeans|pork|corn|wheat|chips|smartphones|5G equipment|solar panels|electric vehicles|steel|rare earths|cotton|lithium batteries|chipmaking tools|beef|sorghum|aircraft|laptops|toys|furniture",
);
const SENTENCES = [
  "{actor} said on Monday it would {verb} {goods} worth {n} billion dollars, according to {person}.",
  "The tariffs on {goods} take effect on December {day} unless negotiators reach a deal in {place}.",
  "{person} met executives from {actor} in {place} to discuss licences for {goods}.",
  "Exports of {goods} from {place} fell {n}% in the first quarter as buyers turned to {actor}.",
  "{actor} asked the Commerce Department for timely licensing decisions on {goods}.",
  "Chinese importers booked {n} million tonnes of {goods} this week, traders in {place} said.",
  "Retailers warned that prices for {goods} could rise by {n}% before the holidays.",
  "The Entity List now includes {n} firms, among them suppliers of {goods} to {actor}.",
];
const VERBS = ["buy", "ban", "restrict", "exempt", "tax", "import", "export", "subsidise"];
const COMMON = names(
  "the|of|and|to|in|a|that|for|on|with|as|by|at|from|was|said|were|has|have|its|it|would|could|after|while|more|than|about|over|year|new|trade|talks|market|officials|government",
);

function fillerWords(random: () => number): string[] {
  const letters = "abcdefghiklmnoprstuvwy";
  return Array.from({ length: 4_000 }, () =>
    Array.from(
      { length: 4 + Math.floor(random() * 6) },
      () => letters[Math.floor(random() * letters.length)],
    ).join(""),
  );
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Popular names come up often, most rarely (roughly Zipf), as in real news. */
function pickPopular<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() ** 2.5 * items.length)] as T;
}

function invent(random: () => number, count: number, make: (word: () => string) => string): string[] {
  const syllables = names("ka|lo|ven|mar|tis|ro|dal|sen|qui|bor|na|zel|fin|gra|po");
  const word = () => {
    const w = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(random, syllables)).join("");
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  return Array.from({ length: count }, () => make(word));
}

/** Named pools: the real names first (the most popular), then invented ones for the long tail. */
function pools(random: () => number) {
  const company = (w: () => string) =>
    `${w()} ${pick(random, names("Holdings|Group|Electronics|Foods|Motors"))}`;
  const person = (w: () => string) =>
    `${pick(random, names("minister|analyst|senator|executive"))} ${w()} ${w()}`;
  const goods = (w: () => string) =>
    `${w().toLowerCase()} ${pick(random, names("parts|alloys|fibres|sensors"))}`;
  return {
    actor: [...ACTORS, ...invent(random, 400, company)],
    person: [...PEOPLE, ...invent(random, 600, person)],
    place: [...PLACES, ...invent(random, 300, (w) => w())],
    goods: [...GOODS, ...invent(random, 200, goods)],
  };
}

type Pools = ReturnType<typeof pools>;
const POOLS: Pools = pools(createRandom(7));

function fill(template: string, random: () => number): string {
  return template
    .replace("{actor}", pickPopular(random, POOLS.actor))
    .replace("{person}", pickPopular(random, POOLS.person))
    .replace("{place}", pickPopular(random, POOLS.place))
    .replace("{goods}", pickPopular(random, POOLS.goods))
    .replace("{verb}", pick(random, VERBS))
    .replace("{n}", String(1 + Math.floor(random() * 300)))
    .replace("{day}", String(1 + Math.floor(random() * 28)));
}

export function generateArticles(
  count: number,
  seed: number,
): { draft: ArticleDraft; topics: TopicMatch[] }[] {
  const random = createRandom(seed);
  const filler = fillerWords(random);
  const clause = () =>
    Array.from({ length: 8 }, () =>
      random() < 0.6 ? pick(random, COMMON) : (filler[Math.floor(random() ** 3 * filler.length)] as string),
    ).join(" ");
  return Array.from({ length: count }, (_, i) => {
    const sentences = Array.from(
      { length: 8 },
      () => `${fill(pick(random, SENTENCES), random).replace(/\.$/, "")}, ${clause()}.`,
    );
    const body = [sentences.slice(0, 3), sentences.slice(3, 6), sentences.slice(6)]
      .map((p) => p.join(" "))
      .join("\n\n");
    const title = fill("{actor} and {place} weigh new rules on {goods}", random);
    const topics: TopicMatch[] = [];
    if (/huawei|entity list|licen/i.test(body)) topics.push({ topic: "huawei", score: 1, evidence: [] });
    if (/tariff/i.test(body)) topics.push({ topic: "tariffs", score: 1, evidence: [] });
    if (/soybean|pork|corn|wheat|sorghum|beef/i.test(body))
      topics.push({ topic: "agriculture", score: 1, evidence: [] });
    const draft: ArticleDraft = {
      title: `${title} (${seed}-${i})`,
      body,
      url: `https://news${seed}.example.com/${i}`,
      guid: null,
      source: "Generated News",
      publishedAt: NOW - Math.round(((count - i) / count) * 730 * DAY + random() * 2 * DAY),
      feedId: null,
    };
    return { draft, topics };
  });
}

export function generateQuestions(count: number): string[] {
  const random = createRandom(99);
  const templates = [
    "what did {actor} ask for on {goods}?",
    "how many tonnes of {goods} did china book this week?",
    "when do the new tariffs on {goods} start?",
    "who did {person} meet in {place}?",
    "any news on {goods} exports from {place}?",
    "how much could prices for {goods} rise?",
    "why did {actor} restrict {goods}?",
    "did {actor} announce a new phone in Paris?",
    "which firms are on the entity list for {goods}?",
    "what's the latest on {goods} licences today?",
  ];
  return Array.from({ length: count }, (_, i) => fill(templates[i % templates.length] as string, random));
}
