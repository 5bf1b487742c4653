/**
 * FTS5 MATCH expressions built only from quoted strings, so nothing a person types ("NEAR",
 * "AND", quotes, "*", ":", "-") is ever read as query syntax.
 */
import type { Concept } from "./analyze-question.js";

/** One word or phrase as an FTS5 string: wrapped in double quotes, inner quotes doubled. */
export function quoteFts(words: readonly string[]): string {
  return `"${words.join(" ").replaceAll('"', '""')}"`;
}

/** Any wording of one concept: `("chief executive" OR "ceo")`. */
export function conceptExpression(concept: Concept): string {
  const parts = [...new Set(concept.variants.filter((v) => v.length > 0).map(quoteFts))];
  return parts.length === 1 ? (parts[0] ?? "") : `(${parts.join(" OR ")})`;
}

/** Articles that mention any of the concepts. Empty string when there is nothing to search for. */
export function anyConceptExpression(concepts: readonly Concept[]): string {
  return concepts.map(conceptExpression).filter(Boolean).join(" OR ");
}

/** Articles that mention all of the concepts. */
export function allConceptsExpression(concepts: readonly Concept[]): string {
  return concepts.map(conceptExpression).filter(Boolean).join(" AND ");
}
