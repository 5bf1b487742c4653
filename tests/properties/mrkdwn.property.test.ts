import fc from "fast-check";
import { describe, it } from "vitest";
import { escapeAndTruncate, escapeKeepingChannels, escapeText, link } from "../../src/slack/mrkdwn.js";
import { budget } from "./settings.js";

/** Slack's mention and channel markup: what untrusted text must never produce. */
const SPECIAL = /<[!@#]/;

/** Strings dense in the characters that matter, plus anything at all. */
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc
    .array(
      fc.constantFrom("<", ">", "&", "!", "@", "#", "|", "channel", "here", "U123", "C1", "amp;", "lt;", " "),
      {
        maxLength: 40,
      },
    )
    .map((parts) => parts.join("")),
);

const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  hostile,
  hostile.map((h) => `https://news.example/${h}`),
  fc.constant(null),
);

describe("mrkdwn escaping, for any text", () => {
  it("escapeText never lets <!, <@ or <# through, nor any < or >", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const escaped = escapeText(text);
        return !SPECIAL.test(escaped) && !/[<>]/.test(escaped);
      }),
      budget(500),
    );
  });

  it("escapeAndTruncate stays within its length and never cuts an entity into a mention", () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 320 }), (text, max) => {
        const out = escapeAndTruncate(text, max);
        return (
          out.length <= Math.max(max, 1) && !SPECIAL.test(out) && !/&(?:a|am|amp|l|lt|g|gt)?…$/.test(out)
        );
      }),
      budget(500),
    );
  });

  it("link() makes at most one link, to an http(s) URL, with no mention in it", () => {
    fc.assert(
      fc.property(url, hostile, (target, label) => {
        const out = link(target, label);
        const links = out.match(/</g)?.length ?? 0;
        return (
          !SPECIAL.test(out) && links <= 1 && (links === 0 || /^<https?:\/\/[^|<>]+\|[^<>]*>$/.test(out))
        );
      }),
      budget(500),
    );
  });

  it("escapeKeepingChannels keeps only plain channel references", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = escapeKeepingChannels(text);
        return (
          !/<[!@]/.test(out) && [...out.matchAll(/<[^>]*>/g)].every((m) => /^<#[A-Z0-9]{2,30}>$/.test(m[0]))
        );
      }),
      budget(500),
    );
  });
});
