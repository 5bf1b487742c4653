import fc from "fast-check";
import { describe, it } from "vitest";
import { htmlToLine, htmlToText } from "../../src/articles/html-to-text.js";
import { budget } from "./settings.js";

const VISIBLE = [
  "p",
  "div",
  "b",
  "i",
  "a",
  "span",
  "li",
  "ul",
  "h2",
  "td",
  "tr",
  "table",
  "blockquote",
  "em",
];
const HIDDEN = ["script", "style", "noscript", "template", "svg", "title", "iframe"];
const VOID = ["br", "img", "hr"];
/** Stands in for content that must never be shown; the text generator cannot produce it. */
const SECRET = "\u2603hidden";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\u200B]/;

/** Text content: anything but markup and entity starts (so a "<" in the output is a leak). */
const text = fc.string({ maxLength: 30 }).map((s) => s.replace(/[<&\u2603]/g, " "));
const attributeValue = fc.string({ maxLength: 20 }).map((s) => s.replace(/"/g, "&quot;"));
const attributes = fc
  .array(fc.tuple(fc.constantFrom("href", "class", "alt", "title", "data-x"), attributeValue), {
    maxLength: 3,
  })
  .map((list) => list.map(([name, value]) => ` ${name}="${value}"`).join(""));

const { node } = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.tuple(fc.constantFrom(...VOID), attributes).map(([tag, attrs]) => `<${tag}${attrs}>`),
    fc.constantFrom(...HIDDEN).map((tag) => `<${tag}>${SECRET} <p>${SECRET}</p></${tag}>`),
    fc.constant(`<!-- ${SECRET} -->`),
    fc
      .tuple(fc.constantFrom(...VISIBLE), attributes, fc.array(tie("node"), { maxLength: 4 }))
      .map(([tag, attrs, children]) => `<${tag}${attrs}>${children.join("")}</${tag}>`),
  ),
}));

const document = fc.array(node, { minLength: 1, maxLength: 6 }).map((nodes) => nodes.join(""));

/** Pieces of broken markup that once made regex-based strippers backtrack. */
const hostilePiece = fc
  .array(
    fc.constantFrom(
      "<",
      "</",
      "<!",
      "<?",
      "<!--",
      "-->",
      "script",
      "a",
      " ",
      '"',
      "'",
      "=",
      ">",
      "&",
      "#x",
      ";",
      "]]>",
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(""));

describe("htmlToText, for any HTML", () => {
  it("never emits a tag, nor the content of scripts, styles or comments", () => {
    fc.assert(
      fc.property(document, (html) => {
        const out = htmlToText(html);
        return !out.includes("<") && !out.includes(SECRET) && !CONTROL.test(out);
      }),
      budget(300),
    );
  });

  it("never throws on any string and never returns more text than it was given", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "binary", maxLength: 200 })),
        (input) => {
          const out = htmlToText(input);
          return out.length <= input.length && !CONTROL.test(out) && !/\s{3,}/.test(htmlToLine(input));
        },
      ),
      budget(400),
    );
  });

  it("stays linear in its output on hostile repeated markup: twice the input, at most twice the text", () => {
    fc.assert(
      fc.property(hostilePiece, fc.integer({ min: 1, max: 2_000 }), (piece, times) => {
        const once = htmlToText(`<p>Lead</p>${piece.repeat(times)}`);
        const twice = htmlToText(`<p>Lead</p>${piece.repeat(times * 2)}`);
        return once.length <= 11 + piece.length * times && twice.length <= 2 * once.length + piece.length + 2;
      }),
      budget(150),
    );
  });
});
