import { decodeEntities } from "./html-entities.js";

/**
 * Plain text out of the HTML (or text) that feeds put in titles and bodies: tags dropped, the
 * content of script/style-like elements dropped, entities decoded, control characters removed,
 * whitespace folded, paragraphs kept as blank lines. Works on broken HTML: it never throws.
 */

const PARAGRAPH = "\uE000";
const LINE = "\uE001";

// Every pattern below ends at its closing delimiter or at the end of the input, so a match
// never fails after it starts: a body of 40,000 unclosed "<script>" or "<a " costs linear time.
const HIDDEN_ELEMENTS =
  /<(script|style|noscript|template|iframe|object|svg|math|head)\b(?:[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|[^>]*$)/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const DECLARATION = /<![^>]*(?:>|$)|<\?[\s\S]*?(?:\?>|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g;
/** A tag: quoted attribute values may hold ">", an unpaired quote is a character, an unclosed tag runs to the end. */
const TAG = /<\/?([A-Za-z][A-Za-z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*'|["'])*(?:>|$)/g;
/** Whether there is markup at all; "[^<>]" keeps each attempt short of the next "<". */
const ANY_TAG = /<\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>/;

/** Whitespace runs that are not already a single space (much faster than /\s+/ on prose). */
const SPACES = /\s{2,}|[^\S ]/g;

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

function markupToMarked(html: string): string {
  return html
    .replace(CDATA, "$1")
    .replace(COMMENT, " ")
    .replace(HIDDEN_ELEMENTS, " ")
    .replace(DECLARATION, " ")
    .replace(SPACES, " ")
    .replace(TAG, (_tag, name: string) => {
      const lower = name.toLowerCase();
      if (lower === "br") return LINE;
      if (BLOCK.has(lower)) return PARAGRAPH;
      if (CELL.has(lower)) return " ";
      return "";
    });
}

function plainToMarked(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\n[^\S\n]*\n\s*/g, PARAGRAPH);
}

/**
 * Plain text of an HTML fragment or of plain text. Text without any tags keeps its blank-line
 * paragraphs; in HTML, block elements make paragraphs and <br> makes line breaks.
 */
export function htmlToText(html: string): string {
  const clean = html.replace(/[\uE000\uE001]/g, "");
  const marked = ANY_TAG.test(clean) || clean.includes("<!--") ? markupToMarked(clean) : plainToMarked(clean);
  return fold(removeControlCharacters(decodeEntities(marked)));
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
