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
  | { kind: "answer"; answer: Answer; articles: ArticleSummary[] }
  | { kind: "no_answer"; articles: ArticleSummary[] }
  | { kind: "latest"; topic: string | null; articles: ArticleSummary[] };

export interface AskJson {
  answer: {
    text: string;
    title: string;
    url: string | null;
    source: string;
    publishedAt: string;
    articleId: number;
  } | null;
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

/** The JSON the CLI prints: exactly `answer` and `articles`, dates as ISO-8601 strings. */
export function toAskJson(result: AskResult): AskJson {
  const answer =
    result.kind === "answer"
      ? {
          text: result.answer.text,
          title: result.answer.title,
          url: result.answer.url,
          source: result.answer.source,
          publishedAt: new Date(result.answer.publishedAt).toISOString(),
          articleId: result.answer.articleId,
        }
      : null;
  return {
    answer,
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
