import { TextDecoder } from "node:util";
import { replaceCodePoint } from "entities/decode";

/**
 * Bytes of a feed response to text. The encoding comes from, in order: a byte-order mark, the
 * HTTP Content-Type charset (RFC 7303: it overrides the document), the XML declaration, UTF-8.
 */

export interface DecodedBody {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "windows-1252". */
  encoding: string;
  /** Where the encoding came from. */
  source: "bom" | "http" | "xml-declaration" | "default";
}

function fromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/** The charset parameter of a Content-Type header, or null. */
export function charsetOf(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  return match?.[1]?.toLowerCase() ?? null;
}

function fromXmlDeclaration(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 512));
  const match = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  const label = match?.[1]?.toLowerCase() ?? null;
  // A declaration readable as ASCII means the document is not UTF-16, whatever it says.
  return label?.startsWith("utf-16") ? null : label;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/**
 * Decodes a response body. Unknown or unsupported charset labels fall back to the next source,
 * ending at UTF-8 (with replacement characters for invalid bytes), so decoding never fails.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const candidates: [string | null, DecodedBody["source"]][] = [
    [fromBom(bytes), "bom"],
    [charsetOf(contentType), "http"],
    [fromXmlDeclaration(bytes), "xml-declaration"],
  ];
  for (const [label, source] of candidates) {
    if (!label) continue;
    const decoder = decoderFor(label);
    if (!decoder) continue;
    const text = stripBom(decoder.decode(bytes));
    const fixed = decoder.encoding === "windows-1252" ? remapWindows1252(text) : text;
    return { text: fixed, encoding: decoder.encoding, source };
  }
  return { text: stripBom(new TextDecoder("utf-8").decode(bytes)), encoding: "utf-8", source: "default" };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Replaces C1 control characters with the windows-1252 characters at the same byte values (the
 * table is entities' `replaceCodePoint`, the one HTML uses for "&#147;"). Node 20's TextDecoder
 * decodes "windows-1252" (and its aliases iso-8859-1, latin1, ascii) as plain ISO-8859-1, which
 * turns curly quotes and the euro sign into invisible controls.
 */
export function remapWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => String.fromCodePoint(replaceCodePoint(c.charCodeAt(0))));
}
