import { afterAll, beforeAll, expect, it } from "vitest";
import { checkBlockKitLimits } from "../../src/slack/block-kit-limits.js";
import { type BotHarness, replyText, startBotHarness } from "../support/bot-harness.js";
import { startFeedServer } from "../support/feed-server.js";

const LONG = "Tariff ".repeat(430);
const HOSTILE_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>&lt;!here&gt; Evil &amp; Co</title>
<item><title><![CDATA[<!channel> Huawei tariffs <@U123> <https://evil.example|click here> & more]]></title>
<link>javascript:alert(1)</link><guid>evil-1</guid>
<description><![CDATA[<p>Huawei faces new tariffs. <!everyone> <#C999> <!subteam^S1> ping.</p>]]></description></item>
<item><title>${LONG}</title><link>https://evil.example/long</link><guid>evil-2</guid>
<description>Washington imposed new tariffs on Huawei equipment. Tariffs again.</description></item>
</channel></rss>`;

let h: BotHarness;
let server: Awaited<ReturnType<typeof startFeedServer>>;

beforeAll(async () => {
  server = await startFeedServer({ "/evil": { body: HOSTILE_RSS } });
  h = await startBotHarness({
    ADMIN_USER_IDS: "UADMIN0001",
    FEED_ALLOW_PRIVATE: "true",
    ARTICLES_DIR: "none",
  });
  const added = await h.slash(`feeds add ${server.url("/evil")}`, { user_id: "UADMIN0001" });
  expect(added.reply.text).toContain("2 new articles stored");
});

afterAll(async () => {
  await h.close();
  await server.close();
});

/** A mention or link can only be formed with "<" followed by !, @, # or a URL scheme. */
function expectNoMarkupFromArticles(text: string) {
  expect(text).not.toMatch(/<[!@#]/);
  expect(text).not.toMatch(/<https:\/\/evil\.example\|click/);
  expect(text).not.toMatch(/<javascript:/i);
}

it.each(["latest 20", "ask what tariffs does huawei face?", "digest", "feeds"])(
  "renders hostile article text safely in %s",
  async (command) => {
    const { reply } = await h.slash(command);
    expectNoMarkupFromArticles(replyText(reply));
    expect(checkBlockKitLimits({ text: reply.text, blocks: reply.blocks })).toEqual([]);
  },
);

it("shows the hostile title escaped, not dropped", async () => {
  const { reply } = await h.slash("latest 20");
  expect(replyText(reply)).toContain("&lt;!channel&gt; Huawei tariffs &lt;@U123&gt;");
});

it("echoes hostile user input escaped", async () => {
  const { reply } = await h.slash("subscribe <!channel>");
  expect(reply.text).toContain("&lt;!channel&gt;");
  expectNoMarkupFromArticles(reply.text);
});
