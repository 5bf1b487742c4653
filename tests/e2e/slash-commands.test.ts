import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBlockKitLimits } from "../../src/slack/block-kit-limits.js";
import { type BotHarness, replyText, SIGNING_SECRET, startBotHarness } from "../support/bot-harness.js";
import { startFeedServer } from "../support/feed-server.js";
import { sendSlashCommand } from "../support/slack-request.js";

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Trade Wire</title>
<item><title>Beijing adds levies on U.S. farm goods</title><link>/a1</link><guid>loop-1</guid>
<description>China said it would impose new tariffs on American soybeans and pork from next month.</description></item>
<item><title>Huawei unveils chip plan</title><link>/a2</link><guid>loop-2</guid>
<description>Huawei said its HiSilicon unit would design more chips at home.</description></item>
</channel></rss>`;

let h: BotHarness;
let feeds: Awaited<ReturnType<typeof startFeedServer>>;

beforeAll(async () => {
  feeds = await startFeedServer({
    "/rss": { body: RSS, headers: { "content-type": "application/rss+xml" } },
  });
  h = await startBotHarness(
    { ADMIN_USER_IDS: "UADMIN0001", FEED_ALLOW_PRIVATE: "true" },
    { adminUserIds: ["UOWNER0001"] },
  );
});

afterAll(async () => {
  await h.close();
  await feeds.close();
});

describe("/trade over signed HTTP", () => {
  it("explains every subcommand on help and on empty text", async () => {
    for (const text of ["help", ""]) {
      const { reply } = await h.slash(text);
      expect(reply.response_type).toBe("ephemeral");
      for (const sub of ["subscribe", "unsubscribe", "status", "latest", "ask", "digest", "feeds"]) {
        expect(reply.text).toContain(`/trade ${sub}`);
      }
    }
  });

  it("subscribes the channel in public, naming who, the topics and the next digest in its zone", async () => {
    const { reply } = await h.slash("subscribe huawei tariffs at 08:30 Europe/London", {
      channel_id: "C0SUBS0001",
    });
    expect(reply.response_type).toBe("in_channel");
    expect(reply.text).toContain("<@U0USER0001> subscribed this channel to huawei, tariffs");
    expect(reply.text).toMatch(/Next digest: \w{3} \d{1,2} \w{3}, 08:30 (GMT|BST)/);
    const sub = await h.bot.services.subscriptions.get("C0SUBS0001");
    expect(sub).toMatchObject({
      topics: ["huawei", "tariffs"],
      localTime: "08:30",
      timeZone: "Europe/London",
      active: true,
    });
  });

  it("updates the settings when the channel subscribes again", async () => {
    await h.slash("subscribe agriculture at 7:00", { channel_id: "C0SUBS0002" });
    const { reply } = await h.slash("subscribe all at 18:15 Asia/Shanghai", { channel_id: "C0SUBS0002" });
    expect(reply.text).toContain("updated this channel's subscription");
    expect(await h.bot.services.subscriptions.get("C0SUBS0002")).toMatchObject({
      topics: ["huawei", "tariffs", "agriculture"],
      localTime: "18:15",
      timeZone: "Asia/Shanghai",
    });
    // What is not named again stays as it was.
    await h.slash("subscribe tariffs", { channel_id: "C0SUBS0002" });
    expect(await h.bot.services.subscriptions.get("C0SUBS0002")).toMatchObject({
      topics: ["tariffs"],
      localTime: "18:15",
      timeZone: "Asia/Shanghai",
    });
  });

  it.each([
    ["subscribe bananas", 'Unknown topic "bananas". Choose from huawei, tariffs, agriculture, or all.'],
    ["subscribe at 25:00", '"25:00" is not a time of day'],
    ["subscribe tariffs at 08:00 Mars/Olympus", 'Unknown time zone "Mars/Olympus"'],
    [`ask ${"why ".repeat(300)}`, "takes at most 1000"],
    ["latest bananas", 'Unknown topic "bananas"'],
  ])("refuses %s with an ephemeral message and changes nothing", async (text, problem) => {
    const { reply } = await h.slash(text, { channel_id: "C0BADINPUT" });
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain(problem);
    expect(await h.bot.services.subscriptions.get("C0BADINPUT")).toBeUndefined();
  });

  it("shows status with topics, time, next digest and feed health, and stops on unsubscribe", async () => {
    await h.slash("subscribe tariffs at 06:45 America/New_York", { channel_id: "C0STATUS01" });
    const status = (await h.slash("status", { channel_id: "C0STATUS01" })).reply;
    expect(status.response_type).toBe("ephemeral");
    expect(status.text).toContain("`tariffs`");
    expect(status.text).toContain("06:45 (America/New_York)");
    expect(status.text).toMatch(/Next digest:\* \w{3} \d{1,2} \w{3}, 06:45 E[SD]T/);
    expect(status.text).toMatch(/\*Feeds:\*/);
    const bye = (await h.slash("unsubscribe", { channel_id: "C0STATUS01" })).reply;
    expect(bye.response_type).toBe("in_channel");
    expect(bye.text).toContain("unsubscribed this channel");
    expect((await h.slash("status", { channel_id: "C0STATUS01" })).reply.text).toContain("not subscribed");
  });

  it("lists the newest articles for a topic with links and topics", async () => {
    const { reply } = await h.slash("latest tariffs 2");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toMatch(/^Latest 2 articles on tariffs/);
    const sections = (reply.blocks as { type: string }[]).filter((b) => b.type === "section");
    expect(sections).toHaveLength(2);
    expect(JSON.stringify(sections)).toContain("`tariffs`");
  });

  it("answers a question by quoting the sentence from the seed article", async () => {
    const { reply } = await h.slash("ask what did the tech CEOs request?");
    expect(replyText(reply)).toContain(
      "They requested timely licensing decisions from the Department of Commerce",
    );
    expect(replyText(reply)).toContain("Big Tech Meeting Sets Stage for U.S.-China Talks");
  });

  it("treats text that is no subcommand as a question, and says plainly when nothing answers", async () => {
    // Nothing stored is about football. (Questions that share words with stored articles but are not
    // answered by them are the quality gate's no-answer figures: the scorer declines about a third.)
    const { reply } = await h.slash("who won the 1998 football world cup final?");
    expect(reply.text).toBe("Nothing I have answers that.");
  });

  it("previews the channel's digest without recording it", async () => {
    await h.slash("subscribe huawei", { channel_id: "C0PREVIEW1" });
    const { reply } = await h.slash("digest", { channel_id: "C0PREVIEW1" });
    expect(reply.response_type).toBe("ephemeral");
    expect(replyText(reply)).toContain("Preview of this channel's digest");
    expect(replyText(reply)).toContain("Huawei");
    expect(h.slack.callsTo("chat.postMessage").filter((c) => c.body.channel === "C0PREVIEW1")).toEqual([]);
  });

  it("refuses feed changes from people who are not admins", async () => {
    const { reply } = await h.slash(`feeds add ${feeds.url("/rss")}`, { user_id: "U0NOBODY01" });
    expect(reply.text).toContain("Only workspace admins");
    expect(await h.bot.services.feeds.findByUrl(feeds.url("/rss"))).toBeUndefined();
  });

  it("lets a configured admin add a feed: fetched once, items counted and stored, then listed", async () => {
    const { reply } = await h.slash(`feeds add <${feeds.url("/rss")}>`, { user_id: "UADMIN0001" });
    expect(reply.text).toContain("found 2 items, 2 new articles stored");
    const list = (await h.slash("feeds")).reply;
    expect(replyText(list)).toContain("Loopback Trade Wire");
    const removed = (await h.slash(`feeds remove ${feeds.url("/rss")}#top`, { user_id: "UADMIN0001" })).reply;
    expect(removed.text).toContain("Removed feed");
    expect(await h.bot.services.feeds.findByUrl(feeds.url("/rss"))).toBeUndefined();
  });

  it("refuses a feed URL with credentials and never echoes the password", async () => {
    const url = feeds.url("/rss").replace("http://", "http://reader:hunter2@");
    const { reply } = await h.slash(`feeds add ${url}`, { user_id: "UADMIN0001" });
    expect(reply.text).toContain("Could not add");
    expect(reply.text).toContain("user name or password");
    expect(JSON.stringify(reply)).not.toContain("hunter2");
    expect((await h.bot.services.feeds.list()).some((f) => f.url.includes("hunter2"))).toBe(false);
  });

  it("asks Slack whether a user is a workspace admin", async () => {
    const { reply } = await h.slash(`feeds add ${feeds.url("/missing")}`, { user_id: "UOWNER0001" });
    expect(h.slack.callsTo("users.info").some((c) => c.body.user === "UOWNER0001")).toBe(true);
    expect(reply.text).toContain("Could not add");
    expect(reply.text).toContain("404");
  });

  it("serves /healthz with counts", async () => {
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, feeds: expect.any(Number), failingFeeds: expect.any(Number) });
    expect(body.articles).toBeGreaterThanOrEqual(11);
    expect(body).toHaveProperty("lastPollAt");
  });

  it("keeps every reply within Block Kit limits", async () => {
    for (const text of ["help", "latest 20", "feeds", "digest", "status"]) {
      const { reply } = await h.slash(text);
      expect(checkBlockKitLimits({ text: reply.text, blocks: reply.blocks })).toEqual([]);
    }
  });
});

describe("request signing", () => {
  const attempt = (options: Parameters<typeof sendSlashCommand>[3]) =>
    sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      { text: "subscribe all", channel_id: "C0UNSIGNED", response_url: h.slack.responseUrl("unsigned") },
      options,
    );

  it.each([
    ["unsigned", { unsigned: true }],
    ["badly signed", { tamper: true }],
    ["stale (10 minutes old)", { timestamp: Math.floor(Date.now() / 1000) - 600 }],
  ])("answers 401 to a %s request and does nothing", async (_name, options) => {
    const res = await attempt(options);
    expect(res.status).toBe(401);
    expect(await h.bot.services.subscriptions.get("C0UNSIGNED")).toBeUndefined();
    expect(h.slack.callsTo("response:unsigned")).toEqual([]);
  });
});
