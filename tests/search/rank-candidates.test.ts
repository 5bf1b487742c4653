import { describe, expect, it } from "vitest";
import {
  blendCandidates,
  inverseDocumentFrequency,
  weighConcepts,
} from "../../src/search/rank-candidates.js";

const DAY = 86_400_000;
const NOW = Date.UTC(2019, 11, 21);

describe("blendCandidates", () => {
  it("ranks by text match first and scales the best to 1", () => {
    const ranked = blendCandidates(
      [
        { id: 1, bm25: -2, publishedAt: NOW, topics: [] },
        { id: 2, bm25: -10, publishedAt: NOW, topics: [] },
      ],
      { now: NOW, topics: [], prefersRecent: false },
    );
    expect(ranked.map((r) => r.id)).toEqual([2, 1]);
    expect(ranked[0]?.relevance).toBe(1);
  });

  it("lets a newer article overtake a slightly better match when the question wants recent news", () => {
    const candidates = [
      { id: 1, bm25: -10, publishedAt: NOW - 60 * DAY, topics: [] },
      { id: 2, bm25: -9, publishedAt: NOW, topics: [] },
    ];
    expect(blendCandidates(candidates, { now: NOW, topics: [], prefersRecent: false })[0]?.id).toBe(1);
    expect(blendCandidates(candidates, { now: NOW, topics: [], prefersRecent: true })[0]?.id).toBe(2);
  });

  it("lifts articles tagged with a topic the question mentions", () => {
    const ranked = blendCandidates(
      [
        { id: 1, bm25: -10, publishedAt: NOW, topics: ["tariffs"] },
        { id: 2, bm25: -9, publishedAt: NOW, topics: ["huawei"] },
      ],
      { now: NOW, topics: ["huawei"], prefersRecent: false },
    );
    expect(ranked[0]?.id).toBe(2);
  });
});

describe("inverseDocumentFrequency", () => {
  it("is highest for a word in no article and near zero for a word in all", () => {
    expect(inverseDocumentFrequency(0, 100)).toBeGreaterThan(inverseDocumentFrequency(1, 100));
    expect(inverseDocumentFrequency(100, 100)).toBeLessThan(0.01);
  });
});

describe("weighConcepts", () => {
  it("lifts the action to at least the average weight of the question", () => {
    const [tech, request] = weighConcepts(
      [
        { concept: { label: "tech", action: false }, df: 2 },
        { concept: { label: "request", action: true }, df: 50 },
      ],
      100,
    );
    expect(request?.weight).toBeCloseTo(((tech?.weight ?? 0) + inverseDocumentFrequency(50, 100)) / 2);
  });

  it("keeps other concepts at their inverse document frequency", () => {
    const [only] = weighConcepts([{ concept: { label: "x", action: false }, df: 50 }], 100);
    expect(only?.weight).toBe(inverseDocumentFrequency(50, 100));
  });
});
