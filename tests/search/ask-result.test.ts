import { describe, expect, it } from "vitest";
import { type AskResult, toAskJson } from "../../src/search/ask-result.js";

const article = {
  id: 7,
  title: "Soybean Exports Rebound",
  url: "https://news.example/soy",
  source: "Farm Wire",
  publishedAt: Date.UTC(2019, 8, 20, 16, 0),
  topics: ["agriculture"],
};

describe("toAskJson", () => {
  it("gives the answer, its alternatives and the articles with ISO-8601 dates and nothing else", () => {
    const result: AskResult = {
      kind: "answer",
      answer: {
        text: "Chinese importers booked 1.2 million tonnes.",
        title: article.title,
        url: article.url,
        source: article.source,
        publishedAt: article.publishedAt,
        articleId: 7,
      },
      alternatives: [
        {
          text: "Traders said China bought 600,000 tonnes.",
          title: "Grain Trade",
          url: null,
          source: "file:grain.txt",
          publishedAt: article.publishedAt,
          articleId: 9,
        },
      ],
      articles: [{ ...article, id: 8 }],
    };
    expect(JSON.parse(JSON.stringify(toAskJson(result)))).toEqual({
      answer: {
        text: "Chinese importers booked 1.2 million tonnes.",
        title: "Soybean Exports Rebound",
        url: "https://news.example/soy",
        source: "Farm Wire",
        publishedAt: "2019-09-20T16:00:00.000Z",
        articleId: 7,
      },
      alternatives: [
        {
          text: "Traders said China bought 600,000 tonnes.",
          title: "Grain Trade",
          url: null,
          source: "file:grain.txt",
          publishedAt: "2019-09-20T16:00:00.000Z",
          articleId: 9,
        },
      ],
      articles: [
        {
          id: 8,
          title: "Soybean Exports Rebound",
          url: "https://news.example/soy",
          source: "Farm Wire",
          publishedAt: "2019-09-20T16:00:00.000Z",
          topics: ["agriculture"],
        },
      ],
    });
  });

  it("gives a null answer when nothing answers", () => {
    expect(toAskJson({ kind: "no_answer", articles: [] })).toEqual({
      answer: null,
      alternatives: [],
      articles: [],
    });
  });

  it("gives a null answer and the newest articles for a latest request", () => {
    const json = toAskJson({ kind: "latest", topic: "agriculture", articles: [article] });
    expect(json.answer).toBeNull();
    expect(json.articles.map((a) => a.id)).toEqual([7]);
  });
});
