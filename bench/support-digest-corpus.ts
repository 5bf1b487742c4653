/**
 * Generated news for the digest benchmark: stories with known ground truth, each reported by one
 * or more outlets (wire copies, edited copies with other titles and datelines, one-line summaries),
 * and distinct stories built from the same templates and vocabulary (hard cases for merging).
 */
import type { ArticleDraft, TopicMatch } from "../src/articles/article.js";
import { createRandom } from "./support-random.js";

export interface GeneratedArticle {
  draft: ArticleDraft;
  topics: TopicMatch[];
  fetchedAt: number;
  /** Ground truth: articles with the same story id report the same event. */
  storyId: number;
}

const ACTORS = [
  "China",
  "Beijing",
  "Washington",
  "The U.S.",
  "The Commerce Department",
  "The USTR",
  "Huawei",
  "ZTE",
  "SMIC",
  "The EU",
];
const ACTIONS = [
  "raises tariffs on",
  "cuts tariffs on",
  "bans exports of",
  "approves imports of",
  "opens a probe into",
  "resumes purchases of",
  "delays duties on",
  "restricts sales of",
  "extends waivers for",
  "doubles quotas for",
];
const GOODS = [
  "soybeans",
  "pork",
  "corn",
  "wheat",
  "chips",
  "smartphones",
  "5G equipment",
  "solar panels",
  "electric vehicles",
  "steel",
  "rare earths",
  "cotton",
  "lithium batteries",
  "chipmaking tools",
  "beef",
];
const PLACES = [
  "Beijing",
  "Washington",
  "Geneva",
  "Shenzhen",
  "Brussels",
  "Tokyo",
  "Iowa",
  "Shanghai",
  "Chicago",
  "Seoul",
];
const PEOPLE = [
  "Commerce Secretary Lee",
  "Vice Premier Wang",
  "Trade Representative Park",
  "spokesperson Zhao",
  "analyst Maria Chen",
  "economist David Ortiz",
  "senator Jane Holt",
  "minister Liu Bo",
];
const OUTLETS = [
  "Reuters",
  "Associated Press",
  "Bloomberg",
  "Financial Times",
  "South China Morning Post",
  "Nikkei Asia",
  "Politico",
  "CNBC",
  "Caixin",
  "Wall Street Journal",
  "The Guardian",
  "Agri-Pulse",
  "Light Reading",
  "The Register",
  "Xinhua",
  "Axios",
  "BBC News",
  "Al Jazeera",
  "DW",
  "Barron's",
];
const TEMPLATES = [
  "{actor} said on {day} it {action} {goods} made by {name} worth {n} billion dollars.",
  "The measure takes effect on {date} and covers {n} product lines, according to {person}.",
  "{person} told reporters in {place} that the decision on {name} followed months of talks.",
  "Exports of {goods} from {place} fell {n} percent in the first quarter.",
  "Traders in {place} pushed futures for {goods} up {n} percent after the announcement.",
  "Industry groups warned that prices for {goods} could rise by {n} percent this year.",
  "The move comes {n} weeks before negotiators are due to meet again in {place}.",
  "{person} called the step a response to unfair subsidies for {goods}.",
  "Shares of {name} rose {n} percent in {place} trading.",
  "Officials in {place} said {n} companies, including {name}, had applied for exemptions.",
  "Farm groups said the change would cost growers about {n} million dollars.",
  "{actor} did not respond to a request for comment on {day}.",
  "{name}, which employs {n} thousand people, said it was studying the decision.",
  "A spokesperson for {name} said the company had expected the move since {date}.",
  "Customs data released in {place} showed shipments of {goods} at a {n}-month low.",
  "{person} said the decision would be reviewed after {n} days.",
  "Lawyers for {name} said they would challenge the ruling in a court in {place}.",
  "The announcement surprised analysts at {name}, who had forecast a delay of {n} weeks.",
  "Port operators in {place} reported {n} container ships waiting to unload {goods}.",
  "{person} met executives from {name} in {place} on {day} to discuss the rules.",
  "The decision follows a {n}-page report on {goods} published by {name} in {date}.",
  "Retailers in {place} said they had stockpiled {goods} for {n} weeks ahead of the change.",
  "{name} cut its annual forecast by {n} percent, blaming the new rules on {goods}.",
  "Lawmakers in {place} called for hearings on the effect on {name} within {n} days.",
];
/** Background sentences reused by every story about the same goods: the hard case for merging. */
const BACKGROUND = [
  "The two countries have imposed tariffs on hundreds of billions of dollars of each other's goods since 2018.",
  "Washington added Huawei to its entity list in 2019, cutting it off from American chip designs.",
  "China was the largest buyer of American soybeans before the trade war began.",
  "The dispute has weighed on global supply chains and business investment for years.",
];
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ren",
  "tao",
  "xin",
  "da",
  "zhu",
  "wei",
  "po",
  "lan",
  "su",
  "tek",
  "vor",
  "an",
  "li",
];
const SUFFIXES = ["Electronics", "Agritech", "Metals", "Semiconductor", "Foods", "Logistics", "Holdings"];
const PAST: Record<string, string> = {
  raises: "raised",
  cuts: "cut",
  bans: "banned",
  approves: "approved",
  opens: "opened",
  resumes: "resumed",
  delays: "delayed",
  restricts: "restricted",
  extends: "extended",
  doubles: "doubled",
};
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const SYNONYMS: Record<string, string> = {
  raises: "hikes",
  cuts: "lowers",
  bans: "blocks",
  "The U.S.": "U.S.",
  said: "stated",
  rose: "climbed",
  fell: "dropped",
  warned: "cautioned",
  percent: "per cent",
};
const TOPIC_OF: Record<string, string> = {
  soybeans: "agriculture",
  pork: "agriculture",
  corn: "agriculture",
  wheat: "agriculture",
  cotton: "agriculture",
  beef: "agriculture",
  chips: "huawei",
  smartphones: "huawei",
  "5G equipment": "huawei",
  "chipmaking tools": "huawei",
};

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

interface Story {
  id: number;
  title: string;
  sentences: string[];
  topics: TopicMatch[];
  publishedAt: number;
}

function makeStory(next: () => number, id: number, publishedAt: number): Story {
  const actor = pick(next, ACTORS);
  const action = pick(next, ACTIONS);
  const goods = pick(next, GOODS);
  const syllables = Array.from({ length: 2 + Math.floor(next() * 2) }, () => pick(next, SYLLABLES)).join("");
  const name = `${syllables.charAt(0).toUpperCase()}${syllables.slice(1)} ${pick(next, SUFFIXES)}`;
  const fill = (template: string) =>
    template
      .replaceAll("{actor}", actor)
      .replaceAll(
        "{action}",
        action.replace(/^(\w+)/, (v) => PAST[v] ?? v),
      )
      .replaceAll("{goods}", next() < 0.7 ? goods : pick(next, GOODS))
      .replaceAll("{name}", name)
      .replaceAll("{place}", pick(next, PLACES))
      .replaceAll("{person}", pick(next, PEOPLE))
      .replaceAll("{day}", pick(next, DAYS))
      .replaceAll("{date}", `${1 + Math.floor(next() * 28)} ${pick(next, ["March", "April", "May", "June"])}`)
      .replaceAll("{n}", String(2 + Math.floor(next() * 97)));
  const background = BACKGROUND.filter(() => next() < 0.3);
  const order = [...TEMPLATES].sort(() => next() - 0.5).slice(0, 5 + Math.floor(next() * 4));
  const main =
    TOPIC_OF[goods] ?? (actor === "Huawei" || actor === "ZTE" || actor === "SMIC" ? "huawei" : "tariffs");
  const topics: TopicMatch[] = [{ topic: main, score: 0.5 + next() * 0.5, evidence: [goods] }];
  if (main !== "tariffs" && /tariff|duties|quota/.test(action)) {
    topics.push({ topic: "tariffs", score: 0.3 + next() * 0.3, evidence: [action] });
  }
  return {
    id,
    title: `${actor} ${action} ${goods} ${next() < 0.8 ? `from ${name}` : pick(next, ["after talks", "in retaliation", "amid dispute", "as deadline nears", `by ${2 + Math.floor(next() * 60)}%`, "for 90 days"])}`,
    sentences: [...order.map(fill), ...background],
    topics: topics.sort((a, b) => b.score - a.score),
    publishedAt,
  };
}

function rewrite(next: () => number, text: string, rate: number): string {
  return text.replace(/\b(raises|cuts|bans|The U\.S\.|said|rose|fell|warned|percent)\b/g, (w) =>
    next() < rate ? (SYNONYMS[w] ?? w) : w,
  );
}

function report(
  next: () => number,
  story: Story,
  outlet: string,
  copy: number,
): { title: string; body: string } {
  if (copy === 0)
    return {
      title: story.title,
      body: `${pick(next, PLACES).toUpperCase()} (${outlet}) - ${story.sentences.join(" ")}`,
    };
  const style = next();
  const title =
    style < 0.35 ? `${story.title} - ${outlet}` : style < 0.7 ? rewrite(next, story.title, 0.8) : story.title;
  if (next() < 0.2) return { title, body: story.sentences[0] ?? "" };
  const kept = story.sentences.filter((_, i) => i === 0 || next() < 0.85);
  const body = `${pick(next, PLACES).toUpperCase()} (${outlet}) — ${rewrite(next, kept.join(" "), 0.3)}${next() < 0.5 ? ` Reporting by ${pick(next, PEOPLE)}; editing by staff.` : ""}`;
  return { title, body };
}

/**
 * `stories` stories spread over `days` days before `now`; a share of them reported by 2–4 outlets.
 * Articles are stored (fetchedAt) up to 40 minutes after publication.
 */
export function generateCorpus(options: {
  stories: number;
  days: number;
  now: number;
  duplicateShare: number;
  seed: number;
}): GeneratedArticle[] {
  const next = createRandom(options.seed);
  const span = options.days * 86_400_000;
  const out: GeneratedArticle[] = [];
  for (let id = 0; id < options.stories; id++) {
    const story = makeStory(next, id, options.now - Math.floor(next() * span));
    const copies = next() < options.duplicateShare ? 2 + Math.floor(next() * 3) : 1;
    const outlets = [...OUTLETS].sort(() => next() - 0.5).slice(0, copies);
    outlets.forEach((outlet, copy) => {
      const publishedAt = Math.min(
        options.now - 60_000,
        story.publishedAt + (copy === 0 ? 0 : Math.floor(next() * 12 * 3_600_000)),
      );
      const { title, body } = report(next, story, outlet, copy);
      out.push({
        draft: {
          title,
          body,
          url: `https://${outlet.toLowerCase().replace(/[^a-z]+/g, "")}.example/${id}-${copy}`,
          guid: null,
          source: outlet,
          publishedAt,
          feedId: null,
        },
        topics: story.topics,
        fetchedAt: Math.min(options.now - 1, publishedAt + Math.floor(next() * 40 * 60_000)),
        storyId: id,
      });
    });
  }
  return out.sort((a, b) => a.fetchedAt - b.fetchedAt);
}
