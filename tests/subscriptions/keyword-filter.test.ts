import { describe, expect, it } from "vitest";
import { articleWords, compileFilters, parseKeywordList } from "../../src/subscriptions/keyword-filter.js";

const article = (title: string, body = "") => ({ title, body });

describe("keyword filters", () => {
  it("passes everything without keywords", () => {
    expect(compileFilters({ include: [], exclude: [] })(article("anything"))).toBe(true);
  });

  it("needs at least one include keyword, on word boundaries, in title or body, any case", () => {
    const passes = compileFilters({ include: ["soybean", "phase one"], exclude: [] });
    expect(passes(article("SOYBEAN orders rise"))).toBe(true);
    expect(passes(article("Talks", "The Phase\nOne deal holds."))).toBe(true);
    expect(passes(article("Soybeans rally"))).toBe(false);
    expect(passes(article("Megasoybean"))).toBe(false);
    expect(passes(article("Phase two"))).toBe(false);
  });

  it("leaves out an article that mentions any exclude keyword, even when it is included", () => {
    const passes = compileFilters({ include: ["soybean"], exclude: ["pork"] });
    expect(passes(article("Soybean and pork tariffs"))).toBe(false);
    expect(passes(article("Soybean tariffs", "No mention of porky things."))).toBe(true);
  });

  it("treats regular-expression characters in keywords literally", () => {
    const passes = compileFilters({ include: ["c++", "u.s."], exclude: [] });
    expect(passes(article("C++ compilers"))).toBe(true);
    expect(passes(article("US farmers"))).toBe(false);
    expect(passes(article("U.S. farmers"))).toBe(true);
  });

  it("reads a typed list with commas, spaces and quoted phrases, dropping repeats", () => {
    expect(parseKeywordList('soybean, "phase one" corn Soybean')).toEqual({
      ok: true,
      keywords: ["soybean", "phase one", "corn"],
    });
    expect(parseKeywordList("   ")).toEqual({ ok: true, keywords: [] });
    expect(parseKeywordList("!!!")).toMatchObject({ ok: false });
  });
});

describe("keyword filters with shared word sets", () => {
  it("decide exactly as the patterns do, for words, phrases and keywords with punctuation", () => {
    const filters = { include: ["soybean", "phase one", "u.s.", "c++"], exclude: ["pork", "pork belly"] };
    const plain = compileFilters(filters);
    const shared = compileFilters(filters, articleWords);
    const cases = [
      article("Soybean news"),
      article("Soybeans news"),
      article("The phase one deal", "held"),
      article("Phase", "one more"),
      article("U.S. farmers"),
      article("US farmers"),
      article("C++ code"),
      article("Soybean and pork"),
      article("Soybean", "Pork\nbelly prices"),
      article("Ünïcode SOYBEAN"),
    ];
    expect(cases.map(shared)).toEqual(cases.map(plain));
    expect(cases.map(shared)).toEqual([true, false, true, false, true, false, true, false, false, true]);
  });
});

describe("keyword lists typed in the form", () => {
  it("drops the text grammar's own mark and refuses the other box's", () => {
    expect(parseKeywordList('+soybean +"phase one"', "include")).toEqual({
      ok: true,
      keywords: ["soybean", "phase one"],
    });
    expect(parseKeywordList("-pork", "exclude")).toEqual({ ok: true, keywords: ["pork"] });
    expect(parseKeywordList("soybean -pork", "include")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("belongs in the leave-out box"),
    });
  });
});
