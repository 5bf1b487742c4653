import { describe, expect, it } from "vitest";
import { fitSoftmax } from "../../scripts/answers/fit-softmax.js";
import { confidenceFeatures } from "../../src/search/answer-confidence.js";
import { FEATURE_NAMES } from "../../src/search/answer-features.js";
import { AnswerModelFile, createAnswerModel, loadAnswerModel } from "../../src/search/answer-model.js";

describe("the listwise softmax ranker's fitter", () => {
  // Two features: the first tells the right sentence, the second is noise the same in every question.
  const question = (right: number, n: number) => ({
    rows: Array.from({ length: n }, (_, i) => [i === right ? 1 : 0.2 * (i % 3), (i * 7) % 5]),
    correct: Array.from({ length: n }, (_, i) => i === right),
    weight: 1,
  });
  const questions = [question(0, 5), question(3, 6), question(2, 4), question(1, 7)];

  it("learns a positive weight for the feature that marks the right sentence", () => {
    const fit = fitSoftmax(questions, 1);
    expect(fit.weights[0]).toBeGreaterThan(0);
    expect(Math.abs(fit.weights[0] ?? 0)).toBeGreaterThan(Math.abs(fit.weights[1] ?? 0));
  });

  it("gives the same weights for the same data", () => {
    expect(fitSoftmax(questions, 1)).toEqual(fitSoftmax(questions, 1));
  });

  it("ignores questions with no right sentence", () => {
    const none = { ...question(0, 4), correct: [false, false, false, false] };
    expect(fitSoftmax([...questions, none], 1).weights).toEqual(fitSoftmax(questions, 1).weights);
  });
});

describe("the shipped answer model", () => {
  const model = loadAnswerModel();

  it("is a file the schema accepts, fitted on the features the code computes", () => {
    expect(AnswerModelFile.parse(model.data).features).toEqual([...FEATURE_NAMES]);
    expect(model.data.answerAt).toBeLessThanOrEqual(model.data.sureAt);
  });

  it("refuses a file fitted on other features", () => {
    expect(() => createAnswerModel({ ...model.data, features: ["exact"] })).toThrow(
      /npm run train -- answers/,
    );
  });

  it("judges the best sentence the same however many weak candidates follow it", () => {
    const sentence = (articleId: number, probability: number) => ({
      articleId,
      probability,
      values: FEATURE_NAMES.map(() => 0.5),
    });
    const few = [sentence(1, 0.6), sentence(2, 0.2)];
    const many = [...few, ...Array.from({ length: 300 }, (_, i) => sentence(3 + i, 0.01))];
    expect(confidenceFeatures(many)).toEqual(confidenceFeatures(few));
    expect(model.confidence(many)).toBe(model.confidence(few));
  });
});
