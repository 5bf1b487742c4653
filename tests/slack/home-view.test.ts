import { describe, expect, it } from "vitest";
import { checkViewLimits } from "../../src/slack/view-limits.js";
import { renderHomeView } from "../../src/slack/views/home-view.js";
import type { Feed } from "../../src/store/feed-repository.js";
import type { Subscription } from "../../src/store/subscription-repository.js";

const NOW = Date.parse("2025-06-10T09:00:00Z");
const sub = (channelId: string, extra: Partial<Subscription> = {}): Subscription => ({
  channelId,
  teamId: "T0TEST",
  topics: ["tariffs"],
  localTime: "08:30",
  timeZone: "Europe/London",
  subscribedBy: "U1",
  subscribedAt: 0,
  updatedAt: 0,
  active: true,
  pausedReason: null,
  pausedAt: null,
  includeKeywords: [],
  excludeKeywords: [],
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  alertMode: "digest",
  alertsSince: null,
  ...extra,
});
const feed = (url: string, failures: number, extra: Partial<Feed> = {}): Feed => ({
  id: 1,
  url,
  title: null,
  origin: "config",
  trusted: true,
  addedBy: null,
  addedAt: 0,
  etag: null,
  lastModified: null,
  lastPolledAt: NOW,
  lastSuccessAt: failures === 0 ? NOW : null,
  lastError: failures > 0 ? "HTTP 404" : null,
  lastErrorAt: null,
  consecutiveFailures: failures,
  nextPollAt: 0,
  itemsSeen: 3,
  itemsStored: 3,
  ...extra,
});
const latest = [{ topic: "tariffs", articles: [] }];

describe("the App Home view", () => {
  it("lists each channel with its settings, next digest or pause reason, and an Edit button", () => {
    const view = renderHomeView({
      channels: [
        {
          subscription: sub("C0OK", { includeKeywords: ["soybean"], weekdays: [1, 2, 3, 4, 5] }),
          nextDigestAt: NOW,
        },
        {
          subscription: sub("C0GONE", { pausedReason: "I'm not a member of <#C0GONE>." }),
          nextDigestAt: null,
        },
      ],
      feeds: [],
      latest,
      timeZone: "UTC",
    });
    expect(checkViewLimits(view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain("<#C0OK>");
    expect(json).toContain("must mention `soybean`");
    expect(json).toContain("weekdays (Mon–Fri)");
    expect(json).toContain("*Paused:* I'm not a member of <#C0GONE>.");
    expect(json).toContain(
      '"action_id":"open_subscribe_modal","text":{"type":"plain_text","text":"Edit"},"value":"C0GONE"',
    );
  });

  it("puts failing feeds first and escapes what feeds and keywords say", () => {
    const view = renderHomeView({
      channels: [{ subscription: sub("C0X", { excludeKeywords: ["<!channel>"] }), nextDigestAt: NOW }],
      feeds: [
        feed("https://ok.example/rss", 0, { title: "<@U0VICTIM> Good feed" }),
        feed("https://bad.example/rss", 3),
      ],
      latest,
      timeZone: "UTC",
    });
    const json = JSON.stringify(view);
    expect(json.indexOf("bad.example")).toBeLessThan(json.indexOf("ok.example"));
    expect(json).toContain("&lt;@U0VICTIM&gt;");
    expect(json).toContain("&lt;!channel&gt;");
    expect(json).not.toMatch(/<[!@]/);
  });

  it('stays within 100 blocks with 300 channels and ends the list with "and N more"', () => {
    const channels = Array.from({ length: 300 }, (_, i) => ({
      subscription: sub(`C${1000 + i}`),
      nextDigestAt: NOW,
    }));
    const feeds = Array.from({ length: 40 }, (_, i) => feed(`https://f${i}.example/rss`, i % 3));
    const view = renderHomeView({ channels, feeds, latest, timeZone: "UTC" });
    expect(checkViewLimits(view)).toEqual([]);
    expect(view.blocks.length).toBe(100);
    expect(JSON.stringify(view)).toMatch(/…and \d+ more channels/);
    expect(JSON.stringify(view)).toContain("…and 25 more feeds");
  });
});
