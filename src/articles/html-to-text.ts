import { decodeHTML } from "entities";
import { Parser } from "htmlparser2";

/**
 * Plain text out of the HTML (or text) that feeds put in titles and bodies. htmlparser2's
 * streaming tokenizer reads the markup (one pass over the input, so hostile bodies cost linear
 * time by construction) and decodes entities with `entities`; this module only decides what the
 * elements mean for plain text: the content of script/style-like elements dropped, block
 * elements as paragraphs, <br> as a line break, then control characters removed and whitespace
 * folded. Works on broken HTML: it never throws.
 */

const PARAGRAPH = "\uE000";
const LINE = "\uE001";
const MARKERS = /[\uE000\uE001]/g;
/** An HTML element's name; "<https://x|y>" (a Slack-style link in a title) is not a tag. */
const ELEMENT_NAME = /^[a-z][a-z0-9-]*$/;

/** Whitespace runs that are not already a single space (much faster than /\s+/ on prose). */
const SPACES = /\s{2,}|[^\S ]/g;

/** Elements whose content is not text a reader sees. */
const HIDDEN = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "svg",
  "math",
  "head",
  "title",
]);

const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "caption",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
]);
const CELL = new Set(["td", "th"]);

/**
 * Characters no reader wants: C0/C1 controls other than tab and newline, byte-order marks,
 * zero-width spaces, soft hyphens, non-characters and unpaired surrogates.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B\u2060\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes control and invisible characters, keeping tabs and newlines. */
export function removeControlCharacters(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, "\n").replace(INVISIBLE, "");
}

function fold(text: string): string {
  const paragraphs: string[] = [];
  for (const paragraph of text.split(PARAGRAPH)) {
    const lines = paragraph
      .split(LINE)
      .map((line) => line.replace(SPACES, " ").trim())
      .filter((line) => line.length > 0);
    if (lines.length > 0) paragraphs.push(lines.join("\n"));
  }
  return paragraphs.join("\n\n");
}

/** Blank-line paragraphs of text that has no markup; single line breaks fold into spaces. */
function plainToMarked(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\n[^\S\n]*\n\s*/g, PARAGRAPH);
}

function markerFor(name: string): string {
  if (BLOCK.has(name)) return PARAGRAPH;
  if (CELL.has(name)) return " ";
  return "";
}

/**
 * The text of HTML with paragraph and line markers, or null when the input has no element tags
 * and no comments: then it is plain text, whose "<" and "<!…>" are characters (a title such as
 * "<!channel> tariffs <https://x|y>" stays visible, to be escaped for Slack later).
 */
function readMarkup(html: string): string | null {
  const pieces: string[] = [];
  let hiddenDepth = 0;
  let elements = false;
  let ending = false;
  const parser = new Parser(
    {
      onopentag(name, _attributes, implied) {
        elements ||= !implied && ELEMENT_NAME.test(name);
        if (HIDDEN.has(name)) hiddenDepth++;
        else if (hiddenDepth === 0) pieces.push(name === "br" ? LINE : markerFor(name));
      },
      onclosetag(name, implied) {
        elements ||= !implied && ELEMENT_NAME.test(name);
        if (HIDDEN.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        else if (hiddenDepth === 0) pieces.push(markerFor(name));
      },
      ontext(text) {
        // At the end of the input htmlparser2 hands back the name of an unfinished "<style" or
        // "<scr" as text (without its "<"); an unfinished tag is dropped, whatever its name.
        if (ending && html.charCodeAt(html.length - text.length - 1) === 60) return;
        if (hiddenDepth === 0) pieces.push(text.replace(MARKERS, ""));
      },
      oncomment() {
        pieces.push(" ");
      },
      onprocessinginstruction() {
        pieces.push(" ");
      },
    },
    { recognizeCDATA: true },
  );
  parser.write(html);
  ending = true;
  parser.end();
  return elements || html.includes("<!--") ? pieces.join("") : null;
}

/**
 * Plain text of an HTML fragment or of plain text. Text without any markup keeps its blank-line
 * paragraphs; in HTML, block elements make paragraphs and <br> makes line breaks. Character
 * references are decoded either way.
 */
export function htmlToText(html: string): string {
  const marked =
    (html.includes("<") ? readMarkup(html) : null) ?? plainToMarked(decodeHTML(html).replace(MARKERS, ""));
  return fold(removeControlCharacters(marked));
}

/** A one-line plain text (for titles): htmlToText with every line break folded to a space. */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(SPACES, " ").trim();
}

/**
 * Plain text that is already text (article files): control characters removed, spaces folded
 * inside lines, paragraphs kept as blank lines, single line breaks kept.
 */
export function cleanPlainText(text: string): string {
  const marked = removeControlCharacters(text)
    .replace(/\n[^\S\n]*\n\s*/g, PARAGRAPH)
    .replace(/\n/g, LINE);
  return fold(marked);
}
