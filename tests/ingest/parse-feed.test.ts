import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeBody } from "../../src/ingest/decode-body.js";
import { type FeedItem, parseFeed } from "../../src/ingest/parse-feed.js";

const FEED_URL = "https://feeds.example.com/trade/feed.xml";

function fixture(name: string): string {
  return decodeBody(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url)), null).text;
}

async function itemsOf(name: string): Promise<FeedItem[]> {
  const parsed = await parseFeed(fixture(name), FEED_URL);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.items;
}

describe("parseFeed: RSS 2.0", () => {
  it("reads the channel title and every item", async () => {
    const parsed = await parseFeed(fixture("rss2.xml"), FEED_URL);
    expect(parsed.ok && parsed.title).toBe("Trade Wire");
    expect(parsed.ok && parsed.items).toHaveLength(5);
  });

  it("offers content:encoded before the description as body", async () => {
    const [first] = await itemsOf("rss2.xml");
    expect(first?.contents[0]).toContain("<p>U.S. soybean exports");
    expect(first?.contents[1]).toBe("Short summary.");
  });

  it("reads guid, link and pubDate as written", async () => {
    const [first] = await itemsOf("rss2.xml");
    expect(first?.guid).toBe("soy-7");
    expect(first?.published).toBe("Tue, 14 May 2024 08:30:00 GMT");
    expect(first?.link).toContain("soybeans?utm_source=rss");
  });

  it("resolves a relative item link against the feed URL", async () => {
    const items = await itemsOf("rss2.xml");
    expect(items[1]?.link).toBe("https://feeds.example.com/2024/05/huawei-licences");
  });

  it("returns no items for a feed without any", async () => {
    const parsed = await parseFeed(fixture("empty.xml"), FEED_URL);
    expect(parsed).toEqual({ ok: true, title: "Quiet Feed", items: [] });
  });

  it("accepts <rss> without a version attribute", async () => {
    const parsed = await parseFeed(
      "<rss><channel><title>T</title><item><title>A</title></item></channel></rss>",
      FEED_URL,
    );
    expect(parsed.ok && parsed.items[0]?.title).toBe("A");
  });
});

describe("parseFeed: Atom 1.0", () => {
  it("resolves links against the entry's xml:base inside the feed's xml:base", async () => {
    const [first] = await itemsOf("atom.xml");
    expect(first?.link).toBe("https://blog.example.org/trade/2024/talks-resume.html");
  });

  it("resolves links against the feed's xml:base when the entry has none", async () => {
    const items = await itemsOf("atom.xml");
    expect(items[1]?.link).toBe("https://blog.example.org/trade/pork-relief.html?fbclid=abc");
  });

  it("reads the id as GUID and the HTML title as written", async () => {
    const [first] = await itemsOf("atom.xml");
    expect(first?.guid).toBe("tag:blog.example.org,2024:talks-resume");
    expect(first?.title).toBe("Tariff talks <b>resume</b>");
  });

  it("offers content before summary", async () => {
    const [first] = await itemsOf("atom.xml");
    expect(first?.contents[0]).toContain("Negotiators from both sides");
    expect(first?.contents[1]).toBe("Negotiators meet again.");
  });

  it("keeps the entry whose published date is garbage, without a date", async () => {
    const items = await itemsOf("atom.xml");
    expect(items).toHaveLength(2);
    expect(items[1]?.published).toBeNull();
  });

  it("decodes an HTML feed title to plain text", async () => {
    const parsed = await parseFeed(fixture("atom.xml"), FEED_URL);
    expect(parsed.ok && parsed.title).toBe("Tariffs & Talks");
  });
});

describe("parseFeed: RSS 1.0 (RDF)", () => {
  it("reads items, their dc:date and rdf:about", async () => {
    const parsed = await parseFeed(fixture("rdf.xml"), FEED_URL);
    expect(parsed.ok && parsed.title).toBe("RDF Trade Digest");
    const item = parsed.ok ? parsed.items[0] : undefined;
    expect(item?.title).toBe("Boeing order confirmed");
    expect(item?.published).toBe("2024-05-10T07:00:00Z");
    expect(item?.guid).toBe("https://rdf.example.net/a/1");
    expect(item?.link).toBe("https://rdf.example.net/a/1");
  });
});

describe("parseFeed: what is not a feed", () => {
  it("says where malformed XML breaks", async () => {
    const parsed = await parseFeed(fixture("malformed.xml"), FEED_URL);
    expect(parsed).toEqual({ ok: false, reason: "malformed XML: Unexpected close tag (line 6, column 12)" });
  });

  it("recognises an HTML page", async () => {
    expect(await parseFeed(fixture("page.html"), FEED_URL)).toEqual({
      ok: false,
      reason: "not a feed: the server returned an HTML page",
    });
  });

  it("names the root element of XML that is not a feed", async () => {
    const parsed = await parseFeed(fixture("not-a-feed.xml"), FEED_URL);
    expect(parsed.ok ? "" : parsed.reason).toBe(
      "not a feed: the document's root element is <catalog>, not <rss>, <feed> or <rdf:RDF>",
    );
  });

  it("says so when the response is not XML at all", async () => {
    expect(await parseFeed('{"version": "https://jsonfeed.org/version/1.1"}', FEED_URL)).toEqual({
      ok: false,
      reason: 'not a feed: the response is not XML (it starts with "{"version": "https:/")',
    });
  });

  it("says so when the body is empty", async () => {
    expect(await parseFeed("  \n", FEED_URL)).toEqual({
      ok: false,
      reason: "not a feed: the response body is empty",
    });
  });

  it("does not expand entities declared in a DTD", async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]><rss version="2.0"><channel><item><title>&a;</title></item></channel></rss>`;
    const parsed = await parseFeed(xml, FEED_URL);
    expect(parsed.ok).toBe(false);
  });
});
