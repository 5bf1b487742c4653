import { TopicsFileError } from "../classify/topics.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../log.js";
import { createServices, type Services } from "../services.js";
import { type CliContext, UsageError } from "./command.js";

/** Builds the services from the environment for one command, runs it, and closes the database. */
export async function withServices<T>(ctx: CliContext, run: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig(ctx.env);
  const log = createLogger({ level: config.logLevel, pretty: ctx.interactive });
  let services: Services;
  try {
    services = await createServices(config, { log, clock: ctx.clock });
  } catch (error) {
    if (error instanceof TopicsFileError)
      throw new UsageError(`${error.message}\nFix TOPICS_FILE and run the command again.`);
    throw error;
  }
  try {
    return await run(services);
  } finally {
    await services.poller.stop();
    await services.close();
  }
}

/** Checks a --topic value against the configured topics. */
export function checkTopic(services: Services, topic: string | undefined): string | undefined {
  if (topic === undefined) return undefined;
  const lower = topic.toLowerCase();
  if (!services.classifier.topicNames.includes(lower)) {
    throw new UsageError(
      `Unknown topic "${topic}". Choose from ${services.classifier.topicNames.join(", ")}.`,
    );
  }
  return lower;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
