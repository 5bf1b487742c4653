/**
 * What `ask` returns, and its JSON shape for `trade-news ask --json` (ISO-8601 dates, `answer`
 * null when nothing answers or when the newest articles were asked for).
 */
import type { Article } from "../articles/article.js";

export interface ArticleSummary {
  id: number;
  title: string;
  url: string | null;
  source: string;
  /** Epoch ms. */
  publishedAt: number;
  topics: string[];
}

export interface Answer {
  /** The quoted sentence (with the one before it when it needs it). */
  text: string;
  title: string;
  url: string | null;
  source: string;
  /** Epoch ms. */
  publishedAt: number;
  articleId: number;
}

export type AskResult =
  | {
      kind: "answer";
      answer: Answer;
      /** When the answer is not sure: up to two other candidate sentences, from other articles. */
      alternatives: Answer[];
      articles: ArticleSummary[];
    }
  | { kind: "no_answer"; articles: ArticleSummary[] }
  | { kind: "latest"; topic: string | null; articles: ArticleSummary[] };

export interface AnswerJson {
  text: string;
  title: string;
  url: string | null;
  source: string;
  publishedAt: string;
  articleId: number;
}

export interface AskJson {
  answer: AnswerJson | null;
  alternatives: AnswerJson[];
  articles: {
    id: number;
    title: string;
    url: string | null;
    source: string;
    publishedAt: string;
    topics: string[];
  }[];
}

/** The parts of a stored article a reply lists. */
export function summarizeArticle(article: Article): ArticleSummary {
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    source: article.source,
    publishedAt: article.publishedAt,
    topics: article.topics.map((t) => t.topic),
  };
}

function answerJson(answer: Answer): AnswerJson {
  return {
    text: answer.text,
    title: answer.title,
    url: answer.url,
    source: answer.source,
    publishedAt: new Date(answer.publishedAt).toISOString(),
    articleId: answer.articleId,
  };
}

/** The JSON the CLI prints: `answer`, `alternatives` and `articles`, dates as ISO-8601 strings. */
export function toAskJson(result: AskResult): AskJson {
  return {
    answer: result.kind === "answer" ? answerJson(result.answer) : null,
    alternatives: result.kind === "answer" ? result.alternatives.map(answerJson) : [],
    articles: result.articles.map((a) => ({
      id: a.id,
      title: a.title,
      url: a.url,
      source: a.source,
      publishedAt: new Date(a.publishedAt).toISOString(),
      topics: [...a.topics],
    })),
  };
}
