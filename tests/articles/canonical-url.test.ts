import { describe, expect, it } from "vitest";
import { canonicalUrl, isTrackingParameter } from "../../src/articles/canonical-url.js";

describe("canonicalUrl", () => {
  it("lower-cases the host and drops the default port and the fragment", () => {
    expect(canonicalUrl("HTTPS://News.Example.COM:443/Story#comments")).toBe(
      "https://news.example.com/Story",
    );
  });

  it("keeps a non-default port", () => {
    expect(canonicalUrl("http://example.com:8080/a")).toBe("http://example.com:8080/a");
  });

  it("removes utm_* and other tracking parameters but keeps the rest in order", () => {
    expect(
      canonicalUrl(
        "https://example.com/a?utm_source=rss&id=7&fbclid=X&page=2&gclid=Y&mc_cid=1&mc_eid=2&ref=tw",
      ),
    ).toBe("https://example.com/a?id=7&page=2");
  });

  it("drops the question mark when only tracking parameters were there", () => {
    expect(canonicalUrl("https://example.com/a?utm_campaign=x&UTM_MEDIUM=y")).toBe("https://example.com/a");
  });

  it("keeps the spelling of the parameters it does not remove", () => {
    expect(canonicalUrl("https://example.com/search?q=a%20b+c&utm_source=x")).toBe(
      "https://example.com/search?q=a%20b+c",
    );
  });

  it("resolves relative links against the base", () => {
    expect(canonicalUrl("../2024/story.html", "https://example.com/feeds/rss/")).toBe(
      "https://example.com/feeds/2024/story.html",
    );
    expect(canonicalUrl("//cdn.example.com/x", "https://example.com/")).toBe("https://cdn.example.com/x");
  });

  it("returns null for schemes other than http and https", () => {
    expect(canonicalUrl("mailto:editor@example.com")).toBeNull();
    expect(canonicalUrl("javascript:alert(1)")).toBeNull();
    expect(canonicalUrl("ftp://example.com/file")).toBeNull();
  });

  it("returns null for empty, missing or unparseable links", () => {
    expect(canonicalUrl("")).toBeNull();
    expect(canonicalUrl(null)).toBeNull();
    expect(canonicalUrl("not a url")).toBeNull();
  });

  it("drops credentials and a trailing dot on the host", () => {
    expect(canonicalUrl("https://user:secret@example.com./a")).toBe("https://example.com/a");
  });

  it("trims surrounding whitespace", () => {
    expect(canonicalUrl("  https://example.com/a \n")).toBe("https://example.com/a");
  });
});

describe("isTrackingParameter", () => {
  it("recognises prefixes and names case-insensitively, and not ordinary parameters", () => {
    expect(isTrackingParameter("utm_content")).toBe(true);
    expect(isTrackingParameter("FBCLID")).toBe(true);
    expect(isTrackingParameter("id")).toBe(false);
    expect(isTrackingParameter("page")).toBe(false);
  });
});
