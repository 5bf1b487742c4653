import { describe, expect, it } from "vitest";
import {
  cleanPlainText,
  htmlToLine,
  htmlToText,
  removeControlCharacters,
} from "../../src/articles/html-to-text.js";

describe("htmlToText", () => {
  it("drops tags and keeps the text between them", () => {
    expect(htmlToText("Tariffs <b>rise</b> on <a href='/x'>steel</a>")).toBe("Tariffs rise on steel");
  });

  it("drops the content of script and style elements", () => {
    expect(
      htmlToText("<p>Before</p><script>alert('x<p>')</script><style>p { color: red }</style><p>After</p>"),
    ).toBe("Before\n\nAfter");
  });

  it("drops an unclosed script to the end of the text", () => {
    expect(htmlToText("Visible <script>var x = 1;")).toBe("Visible");
  });

  it("drops comments and keeps CDATA text", () => {
    expect(htmlToText("<p>One<!-- hidden --> two <![CDATA[three]]></p>")).toBe("One two three");
  });

  it("keeps paragraphs as blank lines and <br> as a line break", () => {
    expect(htmlToText("<p>First  paragraph\n continues.</p><p>Second<br/>line</p>")).toBe(
      "First paragraph continues.\n\nSecond\nline",
    );
  });

  it("turns list items and headings into paragraphs", () => {
    expect(htmlToText("<h2>Key points</h2><ul><li>Soy</li><li>Pork</li></ul>")).toBe(
      "Key points\n\nSoy\n\nPork",
    );
  });

  it("decodes entities after removing tags, so escaped markup stays text", () => {
    expect(htmlToText("<p>5 &lt; 6 &amp;&amp; &lt;b&gt;</p>")).toBe("5 < 6 && <b>");
  });

  it("folds non-breaking spaces and runs of whitespace", () => {
    expect(htmlToText("a&nbsp;&nbsp;b \t\n c")).toBe("a b c");
  });

  it("keeps blank-line paragraphs of plain text without tags", () => {
    expect(htmlToText("First line\nsame paragraph.\n\n\nSecond paragraph.")).toBe(
      "First line same paragraph.\n\nSecond paragraph.",
    );
  });

  it("removes control characters that arrive as text or as references", () => {
    expect(htmlToText("Tar\u0007iff&#1;s\u200b \u0085rise")).toBe("Tariffs rise");
  });

  it("does not take a lone less-than sign for a tag", () => {
    expect(htmlToText("prices < 10% and > 5%")).toBe("prices < 10% and > 5%");
  });

  it("reads text with no HTML element in it as plain text, keeping Slack-style markup visible", () => {
    expect(htmlToText("<!channel> tariffs <@U123> <https://evil.example|click> & more")).toBe(
      "<!channel> tariffs <@U123> <https://evil.example|click> & more",
    );
    expect(htmlToText("a<b &amp; c")).toBe("a<b & c");
  });

  it("copes with attributes that contain a greater-than sign", () => {
    expect(htmlToText('<img alt="a > b" src="x.png">Caption')).toBe("Caption");
  });

  it("reads an unclosed quoted attribute as a browser does: the tag runs to the end", () => {
    expect(htmlToText(`<p>Soy <b class="x>exports</b> rise`)).toBe("Soy");
    expect(htmlToText("<p>It's <i>a</i> deal</p>")).toBe("It's a deal");
  });

  it("drops unclosed tags, declarations and hidden elements that run to the end", () => {
    expect(htmlToText("<p>Kept</p><a href='x")).toBe("Kept");
    expect(htmlToText("<p>Kept</p><?php echo 1")).toBe("Kept");
    expect(htmlToText("<p>Kept</p><!DOCTYPE html")).toBe("Kept");
    expect(htmlToText("<p>Kept</p><style")).toBe("Kept");
    expect(htmlToText("<p>Kept</p><scr")).toBe("Kept");
    expect(htmlToText("<p>Kept</p><b")).toBe("Kept");
  });

  // Hostile bodies of unclosed markup. Before every pattern ran to the end of the input, most of
  // these came out as the markup itself, after seconds of rescanning the rest at every "<".
  it.each([
    ["<script>", 40_000],
    ["<script ", 40_000],
    ["<a ", 40_000],
    ['<a "', 40_000],
    ["<a '", 40_000],
    ["<?x ", 40_000],
    ["<!x ", 40_000],
  ])("strips %j repeated %i times to nothing", (piece, times) => {
    expect(htmlToText(`<p>Lead</p>${piece.repeat(times)}`)).toBe("Lead");
  });
});

describe("htmlToLine", () => {
  it("folds every line break into one space", () => {
    expect(htmlToLine("<p>Huawei</p><p>ban <br>eased</p>")).toBe("Huawei ban eased");
  });
});

describe("htmlToText decoding character references (entities)", () => {
  it("decodes named entities", () => {
    expect(htmlToText("&eacute;t&eacute; &mdash; &ldquo;ok&rdquo; &euro;5 &copy; &hellip;")).toBe(
      "été — “ok” €5 © …",
    );
  });

  it("decodes decimal and hexadecimal references, including astral characters", () => {
    expect(htmlToText("&#20013;&#x56FD; &#x1F600;")).toBe("中国 😀");
  });

  it("reads &#128;–&#159; as windows-1252, as browsers do", () => {
    expect(htmlToText("&#147;quoted&#148; &#150; &#128;")).toBe("“quoted” – €");
  });

  it("replaces invalid code points with U+FFFD", () => {
    expect(htmlToText("&#0;&#xD800;&#x110000;")).toBe("\uFFFD\uFFFD\uFFFD");
  });

  it("leaves unknown names and bare ampersands alone", () => {
    expect(htmlToText("AT&T &madeup; R&D")).toBe("AT&T &madeup; R&D");
  });

  it("decodes the common entities even without a semicolon", () => {
    expect(htmlToText("fish &amp chips")).toBe("fish & chips");
  });
});

describe("removeControlCharacters", () => {
  it("keeps tabs and newlines and turns CR LF into LF", () => {
    expect(removeControlCharacters("a\tb\r\nc\u0000\u001f\ufeffd")).toBe("a\tb\ncd");
  });
});

describe("cleanPlainText", () => {
  it("keeps paragraphs and single line breaks, folding spaces inside lines", () => {
    expect(cleanPlainText("  One   two \r\nthree\n\n\n\nFour\u0007  ")).toBe("One two\nthree\n\nFour");
  });
});
