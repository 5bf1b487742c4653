/**
 * The regex HTML-to-text step this project used before htmlparser2 (src/articles/html-to-text.ts
 * and html-entities.ts as of commit f807091), kept only as the baseline of `npm run bench -- html`.
 */

const LATIN_1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 " +
  "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde " +
  "Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc " +
  "Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml " +
  "aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc " +
  "otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";

const OTHERS: Record<string, number> = {
  quot: 34,
  amp: 38,
  apos: 39,
  lt: 60,
  gt: 62,
  OElig: 338,
  oelig: 339,
  Scaron: 352,
  scaron: 353,
  Yuml: 376,
  fnof: 402,
  circ: 710,
  tilde: 732,
  ensp: 8194,
  emsp: 8195,
  thinsp: 8201,
  zwnj: 8204,
  zwj: 8205,
  lrm: 8206,
  rlm: 8207,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  dagger: 8224,
  Dagger: 8225,
  bull: 8226,
  hellip: 8230,
  permil: 8240,
  prime: 8242,
  Prime: 8243,
  lsaquo: 8249,
  rsaquo: 8250,
  oline: 8254,
  frasl: 8260,
  euro: 8364,
  trade: 8482,
  larr: 8592,
  uarr: 8593,
  rarr: 8594,
  darr: 8595,
  harr: 8596,
  minus: 8722,
  infin: 8734,
  asymp: 8776,
  ne: 8800,
  le: 8804,
  ge: 8805,
  Delta: 916,
  alpha: 945,
  beta: 946,
  mu: 956,
  pi: 960,
  sigma: 963,
};

const NAMED = new Map<string, string>();
for (const [i, name] of LATIN_1.split(" ").entries()) NAMED.set(name, String.fromCodePoint(160 + i));
for (const [name, code] of Object.entries(OTHERS)) NAMED.set(name, String.fromCodePoint(code));
for (const name of ["AMP", "LT", "GT", "QUOT", "COPY", "REG"]) {
  NAMED.set(name, NAMED.get(name.toLowerCase()) ?? "");
}

/** Names HTML decodes even without the closing semicolon ("&amp" , "&nbsp"). */
const WITHOUT_SEMICOLON = new Set([
  "amp",
  "lt",
  "gt",
  "quot",
  "nbsp",
  "copy",
  "reg",
  "AMP",
  "LT",
  "GT",
  "QUOT",
]);

/** What HTML makes of &#128;–&#159;: the windows-1252 characters, not C1 controls. */
const WINDOWS_1252: Record<number, number> = {
  128: 0x20ac,
  130: 0x201a,
  131: 0x0192,
  132: 0x201e,
  133: 0x2026,
  134: 0x2020,
  135: 0x2021,
  136: 0x02c6,
  137: 0x2030,
  138: 0x0160,
  139: 0x2039,
  140: 0x0152,
  142: 0x017d,
  145: 0x2018,
  146: 0x2019,
  147: 0x201c,
  148: 0x201d,
  149: 0x2022,
  150: 0x2013,
  151: 0x2014,
  152: 0x02dc,
  153: 0x2122,
  154: 0x0161,
  155: 0x203a,
  156: 0x0153,
  158: 0x017e,
  159: 0x0178,
};

function fromCodePoint(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(WINDOWS_1252[code] ?? code);
}

const REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g;

/**
 * Replaces character references ("&amp;", "&#8217;", "&#x4e2d;") with the characters they stand
 * for; unknown names stay as written so "AT&T" and "&foo;" survive.
 */
function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(REFERENCE, (whole, decimal, hex, name, semicolon) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    const value = NAMED.get(name);
    if (value === undefined) return whole;
    if (semicolon || WITHOUT_SEMICOLON.has(name)) return value;
    return whole;
  });
}

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
function removeControlCharacters(text: string): string {
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
export function oldHtmlToText(html: string): string {
  const clean = html.replace(/[\uE000\uE001]/g, "");
  const marked = ANY_TAG.test(clean) || clean.includes("<!--") ? markupToMarked(clean) : plainToMarked(clean);
  return fold(removeControlCharacters(decodeEntities(marked)));
}
