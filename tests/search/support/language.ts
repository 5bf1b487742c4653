/** The real language resources and fitted model, loaded once per test file. */

import type { LanguageKit } from "../../../src/search/analyze-question.js";
import { type AnswerModel, loadAnswerModel } from "../../../src/search/answer-model.js";
import { loadLanguageKit } from "../../../src/search/language/language-kit.js";

let kit: LanguageKit | null = null;
let model: AnswerModel | null = null;

export function testKit(): LanguageKit {
  kit ??= loadLanguageKit();
  return kit;
}

export function testModel(): AnswerModel {
  model ??= loadAnswerModel();
  return model;
}
