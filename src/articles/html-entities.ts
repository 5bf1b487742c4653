/**
 * HTML character references: numeric ones in full (with the HTML rules for windows-1252 code
 * points and invalid values) and the named ones feeds actually use — the HTML 4 set.
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

/**
 * Replaces C1 control characters with the windows-1252 characters at the same byte values. Node's
 * TextDecoder decodes "windows-1252" (and its aliases iso-8859-1, latin1, ascii) as plain
 * ISO-8859-1, which turns curly quotes and the euro sign into invisible controls.
 */
export function remapWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) =>
    String.fromCodePoint(WINDOWS_1252[c.charCodeAt(0)] ?? c.charCodeAt(0)),
  );
}

function fromCodePoint(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(WINDOWS_1252[code] ?? code);
}

const REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g;

/**
 * Replaces character references ("&amp;", "&#8217;", "&#x4e2d;") with the characters they stand
 * for; unknown names stay as written so "AT&T" and "&foo;" survive.
 */
export function decodeEntities(text: string): string {
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
