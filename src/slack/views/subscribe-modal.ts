import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { Subscription } from "../../store/subscription-repository.js";
import { formatKeywordList } from "../../subscriptions/keyword-filter.js";
import { EVERY_DAY, WEEKDAY_NAMES, type Weekday } from "../../subscriptions/weekdays.js";
import { DEFAULT_DIGEST_TIME } from "../parse-command.js";

/** callback_id of the subscribe modal; its block ids (each input's action id is the same). */
export const SUBSCRIBE_MODAL = "subscribe_modal";
export const FIELD = {
  topics: "topics",
  time: "digest_time",
  zone: "time_zone",
  weekdays: "weekdays",
  include: "include_keywords",
  exclude: "exclude_keywords",
  alerts: "alert_mode",
} as const;

/** Slack lets checkboxes hold 10 options; more topics get a multi-select. */
const MAX_CHECKBOXES = 10;

/** What the modal carries back on submission: the channel it is for and who opened it. */
export interface SubscribeModalMetadata {
  channelId: string;
  userId: string;
}

export interface SubscribeModalInput {
  channelId: string;
  userId: string;
  /** The channel's active subscription, whose settings prefill the form. */
  current: Subscription | undefined;
  topicNames: readonly string[];
  defaultTimeZone: string;
}

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

function input(blockId: string, label: string, element: Record<string, unknown>, extra = {}): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    element: { action_id: blockId, ...element },
    ...extra,
  } as KnownBlock;
}

function topicsElement(topicNames: readonly string[], selected: readonly string[]): Record<string, unknown> {
  const options = topicNames.slice(0, 100).map((t) => option(t, t));
  const initial = options.filter((o) => selected.includes(o.value as string));
  const type = topicNames.length <= MAX_CHECKBOXES ? "checkboxes" : "multi_static_select";
  return { type, options, ...(initial.length > 0 ? { initial_options: initial } : {}) };
}

function keywordInput(blockId: string, label: string, keywords: readonly string[], hint: string): KnownBlock {
  const value = formatKeywordList(keywords);
  return input(
    blockId,
    label,
    {
      type: "plain_text_input",
      max_length: 1_500,
      placeholder: plain('soybean, "phase one"'),
      ...(value ? { initial_value: value } : {}),
    },
    { optional: true, hint: plain(hint) },
  );
}

/**
 * The subscribe modal, prefilled with the channel's settings (or the defaults): topics, digest
 * time, time zone (type-ahead), weekdays, include and exclude keywords, alert mode.
 */
export function renderSubscribeModal(form: SubscribeModalInput): ModalView {
  const s = form.current;
  const zone = s?.timeZone ?? form.defaultTimeZone;
  const weekdays: readonly Weekday[] = s?.weekdays ?? EVERY_DAY;
  const dayOptions = WEEKDAY_NAMES.map((name, i) => option(name, String(i + 1)));
  const alertOptions = [
    option("Daily digest only", "digest"),
    option("Digest plus instant alerts for top-scoring articles", "alerts"),
  ];
  const metadata: SubscribeModalMetadata = { channelId: form.channelId, userId: form.userId };
  return {
    type: "modal",
    callback_id: SUBSCRIBE_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: plain(s ? "Edit subscription" : "Subscribe channel"),
    submit: plain("Save"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: `Trade news digest for <#${form.channelId}>` }],
      },
      input(FIELD.topics, "Topics", topicsElement(form.topicNames, s?.topics ?? form.topicNames)),
      input(FIELD.time, "Digest time", {
        type: "timepicker",
        initial_time: s?.localTime ?? DEFAULT_DIGEST_TIME,
      }),
      input(FIELD.zone, "Time zone", {
        type: "external_select",
        min_query_length: 1,
        placeholder: plain("Type a city, e.g. London"),
        initial_option: option(zone, zone),
      }),
      input(FIELD.weekdays, "Days", {
        type: "checkboxes",
        options: dayOptions,
        initial_options: dayOptions.filter((o) => weekdays.includes(Number(o.value) as Weekday)),
      }),
      keywordInput(
        FIELD.include,
        "Only articles mentioning",
        s?.includeKeywords ?? [],
        "Words or quoted phrases; an article must mention at least one. Empty: no limit.",
      ),
      keywordInput(
        FIELD.exclude,
        "Leave out articles mentioning",
        s?.excludeKeywords ?? [],
        "Words or quoted phrases; an article mentioning any is left out.",
      ),
      input(FIELD.alerts, "Alerts", {
        type: "radio_buttons",
        options: alertOptions,
        initial_option: alertOptions[s?.alertMode === "alerts" ? 1 : 0],
      }),
    ],
  };
}
