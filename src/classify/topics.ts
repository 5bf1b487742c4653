import { readFileSync } from "node:fs";
import { builtInTopics } from "./built-in-topics.js";
import { parseTopicDefinitions, type TopicDefinition, TopicsFileError } from "./topic-definition.js";

export { builtInTopics } from "./built-in-topics.js";
export {
  parseTopicDefinitions,
  type TopicDefinition,
  TopicsFileError,
  topicDefinitionSchema,
} from "./topic-definition.js";

/**
 * Reads TOPICS_FILE (JSON `{ "topics": [...] }`) so operators can add topics or replace built-ins
 * by name without a code change. Throws TopicsFileError listing every problem with its JSON path.
 */
export function loadTopicDefinitions(
  path: string,
  builtIns: readonly TopicDefinition[] = builtInTopics,
): TopicDefinition[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new TopicsFileError(path, [`cannot read the file (${reason}); check TOPICS_FILE`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TopicsFileError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  const result = parseTopicDefinitions(json, builtIns);
  if ("problems" in result) throw new TopicsFileError(path, result.problems);
  return result.topics;
}
