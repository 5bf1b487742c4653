import type { Article } from "../articles/article.js";
import { computeStorySignature, type StorySignature } from "./same-story.js";

const CHUNK = 250;

/**
 * Computes the story signatures of a candidate pool into `cache`, a chunk at a time with a yield
 * between chunks: hashing thousands of articles in one go would hold up slash-command replies.
 */
export async function prepareSignatures(
  articles: readonly Article[],
  cache: Map<number, StorySignature>,
  yieldToEventLoop: () => Promise<void>,
): Promise<void> {
  for (let start = 0; start < articles.length; start += CHUNK) {
    for (const article of articles.slice(start, start + CHUNK)) {
      if (!cache.has(article.id)) cache.set(article.id, computeStorySignature(article));
    }
    await yieldToEventLoop();
  }
}
