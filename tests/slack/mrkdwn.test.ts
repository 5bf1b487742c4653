import { describe, expect, it } from "vitest";
import {
  escapeAndTruncate,
  escapeKeepingChannels,
  escapeText,
  link,
  safeLinkTarget,
} from "../../src/slack/mrkdwn.js";

describe("mrkdwn escaping", () => {
  it("escapes exactly &, < and >", () => {
    expect(escapeText("AT&T <!channel> <@U123> *bold* `code`")).toBe(
      "AT&amp;T &lt;!channel&gt; &lt;@U123&gt; *bold* `code`",
    );
  });

  it("cannot produce a mention or a link from untrusted text", () => {
    const hostile = "<!here|here> <https://evil.example|click> <#C123> <!subteam^S1>";
    expect(escapeText(hostile)).not.toMatch(/[<>]/);
  });

  it("keeps our own channel references in a pause reason and nothing else", () => {
    expect(escapeKeepingChannels("I'm not a member of <#C0FARM01>. Invite me.")).toBe(
      "I'm not a member of <#C0FARM01>. Invite me.",
    );
    expect(escapeKeepingChannels("<!channel> <@U1> <#C1|x> <https://e.example|y>")).toBe(
      "&lt;!channel&gt; &lt;@U1&gt; &lt;#C1|x&gt; &lt;https://e.example|y&gt;",
    );
  });

  it("links only http(s) targets", () => {
    expect(safeLinkTarget("javascript:alert(1)")).toBeNull();
    expect(safeLinkTarget("data:text/html,hi")).toBeNull();
    expect(safeLinkTarget("not a url")).toBeNull();
    expect(link("javascript:alert(1)", "Click <me>")).toBe("Click &lt;me&gt;");
    expect(link("https://news.example/a?x=1&y=2", "A & B")).toBe(
      "<https://news.example/a?x=1&y=2|A &amp; B>",
    );
  });

  it("keeps a link target from closing the link early", () => {
    expect(link("https://news.example/a|<!channel>", "x")).toBe(
      "<https://news.example/a%7C%3C!channel%3E|x>",
    );
  });

  it("truncates without cutting an entity in half", () => {
    const out = escapeAndTruncate("aaaa<bbbb", 6);
    expect(out).toBe("aaaa…");
    expect(escapeAndTruncate("short", 10)).toBe("short");
  });
});
