import { describe, expect, it } from "vitest";
import { charsetOf, decodeBody } from "../../src/ingest/decode-body.js";

const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeBody", () => {
  it("uses the charset from the Content-Type header", () => {
    const decoded = decodeBody(latin1("<rss>caf\u00e9</rss>"), "application/rss+xml; charset=ISO-8859-1");
    expect(decoded.text).toBe("<rss>café</rss>");
    expect(decoded.source).toBe("http");
  });

  it("uses the XML declaration when the header has no charset", () => {
    const decoded = decodeBody(
      latin1('<?xml version="1.0" encoding="iso-8859-1"?><rss>\u00e0</rss>'),
      "text/xml",
    );
    expect(decoded.text).toContain("<rss>à</rss>");
    expect(decoded.source).toBe("xml-declaration");
  });

  it("reads windows-1252 curly quotes that ISO-8859-1 labels carry in practice", () => {
    expect(decodeBody(Uint8Array.from([0x93, 0x41, 0x94]), "text/xml; charset=iso-8859-1").text).toBe("“A”");
  });

  it("lets the HTTP charset win over the XML declaration", () => {
    const bytes = utf8('<?xml version="1.0" encoding="ISO-8859-1"?><rss>é</rss>');
    expect(decodeBody(bytes, "application/xml; charset=utf-8").text).toContain("<rss>é</rss>");
  });

  it("strips a UTF-8 byte-order mark and lets it win over the header", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("<rss>中</rss>")]);
    const decoded = decodeBody(bytes, "text/xml; charset=iso-8859-1");
    expect(decoded.text).toBe("<rss>中</rss>");
    expect(decoded.source).toBe("bom");
  });

  it("decodes UTF-16 marked by a byte-order mark", () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00, 0x3e, 0x00]);
    expect(decodeBody(bytes, null).text).toBe("<a>");
  });

  it("falls back to UTF-8 for an unknown charset label", () => {
    const decoded = decodeBody(utf8("<rss>é</rss>"), "text/xml; charset=x-made-up");
    expect(decoded.text).toBe("<rss>é</rss>");
    expect(decoded.encoding).toBe("utf-8");
  });

  it("ignores a UTF-16 declaration in a document readable as ASCII", () => {
    const decoded = decodeBody(utf8('<?xml version="1.0" encoding="UTF-16"?><a>é</a>'), null);
    expect(decoded.text).toContain("<a>é</a>");
  });
});

describe("charsetOf", () => {
  it("reads quoted and unquoted charset parameters", () => {
    expect(charsetOf('text/xml; charset="UTF-8"')).toBe("utf-8");
    expect(charsetOf("text/xml;charset=windows-1252")).toBe("windows-1252");
    expect(charsetOf("text/xml")).toBeNull();
    expect(charsetOf(null)).toBeNull();
  });
});
