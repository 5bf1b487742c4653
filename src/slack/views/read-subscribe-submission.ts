import { z } from "zod";
import type { AlertMode } from "../../store/subscription-repository.js";
import { parseKeywordList } from "../../subscriptions/keyword-filter.js";
import { normaliseWeekdays, type Weekday } from "../../subscriptions/weekdays.js";
import { canonicalTimeZone, parseTimeOfDay } from "../command-tokens.js";
import { FIELD, type SubscribeModalMetadata } from "./subscribe-modal.js";

/** Settings read from a valid submission of the subscribe modal. */
export interface SubmittedSettings {
  topics: string[];
  localTime: string;
  timeZone: string;
  weekdays: Weekday[];
  includeKeywords: string[];
  excludeKeywords: string[];
  alertMode: AlertMode;
}

/** Valid settings, or a message per block id for Slack to show under the bad fields. */
export type SubmissionResult =
  | { ok: true; settings: SubmittedSettings }
  | { ok: false; errors: Record<string, string> };

const selected = z.object({ value: z.string().max(200) });
const stateValue = z
  .object({
    selected_options: z.array(selected).max(100).nullish(),
    selected_option: selected.nullish(),
    selected_time: z.string().max(10).nullish(),
    value: z.string().max(3_000).nullish(),
  })
  .passthrough();
const stateValues = z.record(z.string(), z.record(z.string(), stateValue));
const metadata = z.object({
  channelId: z.string().regex(/^[CG][A-Z0-9]{2,30}$/),
  userId: z.string().regex(/^[UW][A-Z0-9]{2,30}$/),
});

/** The channel and user a modal was opened for, from its private_metadata; null when malformed. */
export function readModalMetadata(privateMetadata: unknown): SubscribeModalMetadata | null {
  if (typeof privateMetadata !== "string" || privateMetadata.length > 3_000) return null;
  try {
    const parsed = metadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Validates a submission of the subscribe modal (view.state.values) on the server: every field is
 * checked and every problem is named under its field; nothing is saved unless all are valid.
 */
export function readSubscribeSubmission(values: unknown, topicNames: readonly string[]): SubmissionResult {
  const parsed = stateValues.safeParse(values);
  if (!parsed.success)
    return { ok: false, errors: { [FIELD.topics]: "The form came back unreadable; please try again." } };
  const field = (id: string) => parsed.data[id]?.[id];
  const errors: Record<string, string> = {};

  const topics = (field(FIELD.topics)?.selected_options ?? []).map((o) => o.value);
  const unknown = topics.filter((t) => !topicNames.includes(t));
  if (topics.length === 0) errors[FIELD.topics] = "Pick at least one topic.";
  else if (unknown.length > 0) errors[FIELD.topics] = `Unknown topic ${unknown.join(", ")}.`;

  const rawTime = field(FIELD.time)?.selected_time ?? "";
  const localTime = parseTimeOfDay(rawTime);
  if (!localTime || !/^\d{2}:\d{2}$/.test(rawTime))
    errors[FIELD.time] = "Pick a time of day (24-hour HH:MM).";

  const rawZone = field(FIELD.zone)?.selected_option?.value ?? "";
  const timeZone = rawZone ? canonicalTimeZone(rawZone) : null;
  if (!timeZone) errors[FIELD.zone] = rawZone ? `Unknown time zone "${rawZone}".` : "Pick a time zone.";

  const days = (field(FIELD.weekdays)?.selected_options ?? []).map((o) => Number(o.value));
  const weekdays = normaliseWeekdays(days);
  if (weekdays.length === 0 || weekdays.length !== new Set(days).size)
    errors[FIELD.weekdays] = "Pick at least one day.";

  const include = parseKeywordList(field(FIELD.include)?.value ?? "");
  if (!include.ok) errors[FIELD.include] = include.problem;
  const exclude = parseKeywordList(field(FIELD.exclude)?.value ?? "", "exclude");
  if (!exclude.ok) errors[FIELD.exclude] = exclude.problem;

  const mode = field(FIELD.alerts)?.selected_option?.value ?? "digest";
  if (mode !== "digest" && mode !== "alerts")
    errors[FIELD.alerts] = "Choose digest only or digest plus alerts.";

  if (Object.keys(errors).length > 0 || !localTime || !timeZone || !include.ok || !exclude.ok)
    return { ok: false, errors };
  return {
    ok: true,
    settings: {
      topics: topicNames.filter((t) => topics.includes(t)),
      localTime,
      timeZone,
      weekdays,
      includeKeywords: include.keywords,
      excludeKeywords: exclude.keywords,
      alertMode: mode as AlertMode,
    },
  };
}
