import { describe, expect, it } from "vitest";
import { checkFeedUrl, describeNonPublicAddress, type Lookup } from "../../src/ingest/url-guard.js";

const resolvesTo =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const neverCalled: Lookup = async (hostname) => {
  throw new Error(`lookup should not be called for ${hostname}`);
};

async function reasonFor(url: string, lookup: Lookup = neverCalled): Promise<string> {
  const check = await checkFeedUrl(url, { lookup });
  return check.ok ? "allowed" : check.reason;
}

describe("checkFeedUrl", () => {
  it("allows a host that resolves only to public addresses", async () => {
    const check = await checkFeedUrl("https://news.example.com/rss", {
      lookup: resolvesTo("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
    });
    expect(check).toEqual({
      ok: true,
      url: "https://news.example.com/rss",
      addresses: ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    });
  });

  it("refuses a host that resolves to a private address, saying how to allow it", async () => {
    expect(await reasonFor("https://intranet.example.com/rss", resolvesTo("10.0.0.5"))).toBe(
      "refused: intranet.example.com resolves to a private address 10.0.0.5 (set FEED_ALLOW_PRIVATE=true to allow)",
    );
  });

  it("refuses when any one of several addresses is private", async () => {
    expect(
      await reasonFor("https://mixed.example.com/", resolvesTo("93.184.216.34", "192.168.1.20")),
    ).toMatch(/private address 192\.168\.1\.20/);
  });

  it.each([
    ["http://127.0.0.1/", "a loopback address"],
    ["http://[::1]/", "a loopback address"],
    ["http://10.1.2.3/", "a private address"],
    ["http://172.16.0.1/", "a private address"],
    ["http://172.31.255.255/", "a private address"],
    ["http://192.168.0.1/", "a private address"],
    ["http://[fc00::1]/", "a private address"],
    ["http://[fd12:3456::1]/", "a private address"],
    ["http://169.254.1.1/", "a link-local address"],
    ["http://[fe80::1]/", "a link-local address"],
    ["http://100.64.0.1/", "a carrier-grade NAT address"],
    ["http://0.0.0.0/", "an unspecified address"],
    ["http://[::]/", "an unspecified address"],
    ["http://169.254.169.254/latest/meta-data/", "a cloud metadata address"],
    ["http://[fd00:ec2::254]/", "a cloud metadata address"],
  ])("refuses the literal address in %s as %s without DNS", async (url, kind) => {
    expect(await reasonFor(url)).toContain(`is ${kind}`);
  });

  it.each([
    ["http://2130706433/", "decimal"],
    ["http://0x7f000001/", "hexadecimal"],
    ["http://0x7f.1/", "short hexadecimal"],
    ["http://017700000001/", "octal"],
    ["http://127.1/", "short dotted"],
  ])("refuses loopback written in %s form (%s)", async (url) => {
    expect(await reasonFor(url)).toBe(
      "refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)",
    );
  });

  it("refuses IPv4-mapped IPv6 addresses by their IPv4 part", async () => {
    expect(await reasonFor("http://[::ffff:10.0.0.5]/")).toContain("is a private address");
    expect(await reasonFor("http://[::ffff:169.254.169.254]/")).toContain("is a cloud metadata address");
  });

  it("refuses a host that resolves to an IPv4-mapped loopback address", async () => {
    expect(await reasonFor("https://sneaky.example.com/", resolvesTo("::ffff:127.0.0.1"))).toContain(
      "resolves to a loopback address ::ffff:127.0.0.1",
    );
  });

  it("refuses cloud metadata host names without DNS", async () => {
    expect(await reasonFor("http://metadata.google.internal/computeMetadata/v1/")).toBe(
      "refused: metadata.google.internal is a cloud metadata service (set FEED_ALLOW_PRIVATE=true to allow)",
    );
  });

  it("refuses localhost without DNS", async () => {
    expect(await reasonFor("http://localhost:3000/feed")).toContain("localhost is a loopback address");
  });

  it("refuses schemes other than http and https", async () => {
    expect(await reasonFor("file:///etc/passwd")).toBe(
      "refused: only http and https feeds are allowed, not file:",
    );
    expect(await reasonFor("gopher://example.com/")).toContain("not gopher:");
  });

  it("reports a host that does not resolve", async () => {
    const failing: Lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.invalid"), { code: "ENOTFOUND" });
    };
    expect(await reasonFor("https://nowhere.invalid/rss", failing)).toBe(
      "could not resolve host nowhere.invalid: no such host",
    );
  });

  it("allows private addresses when allowPrivate is set, without DNS", async () => {
    const check = await checkFeedUrl("http://10.0.0.5/rss", { lookup: neverCalled, allowPrivate: true });
    expect(check.ok).toBe(true);
  });

  it("still refuses other schemes when allowPrivate is set", async () => {
    const check = await checkFeedUrl("file:///etc/passwd", { allowPrivate: true });
    expect(check.ok).toBe(false);
  });
});

describe("describeNonPublicAddress", () => {
  it("gives null for public addresses and for text that is not an address", () => {
    expect(describeNonPublicAddress("8.8.8.8")).toBeNull();
    expect(describeNonPublicAddress("172.32.0.1")).toBeNull();
    expect(describeNonPublicAddress("100.128.0.1")).toBeNull();
    expect(describeNonPublicAddress("2001:4860:4860::8888")).toBeNull();
    expect(describeNonPublicAddress("example.com")).toBeNull();
  });

  it("judges NAT64 and 6to4 addresses by the IPv4 address inside", () => {
    expect(describeNonPublicAddress("64:ff9b::10.0.0.1")).toBe("a private address");
    expect(describeNonPublicAddress("2002:7f00:1::")).toBe("a loopback address");
    expect(describeNonPublicAddress("::ffff:0:192.168.1.1")).toBe("a private address");
    expect(describeNonPublicAddress("::ffff:0:8.8.8.8")).toBeNull();
  });

  it("refuses local-use NAT64 and Teredo tunnels, whose IPv4 end cannot be judged here", () => {
    expect(describeNonPublicAddress("64:ff9b:1::8.8.8.8")).toBe("a local NAT64 address");
    expect(describeNonPublicAddress("2001:0:4136:e378:8000:63bf:3fff:fdd2")).toBe("a Teredo tunnel address");
    expect(describeNonPublicAddress("2001:4860::1")).toBeNull();
  });

  it("judges multicast and reserved ranges", () => {
    expect(describeNonPublicAddress("224.0.0.1")).toBe("a multicast address");
    expect(describeNonPublicAddress("255.255.255.255")).toBe("a reserved address");
    expect(describeNonPublicAddress("ff02::1")).toBe("a multicast address");
  });
});

describe("describeNonPublicAddress on unusual spellings", () => {
  it("reads brackets, zone ids and a dotted IPv4 tail", () => {
    expect(describeNonPublicAddress("[::1]")).toBe("a loopback address");
    expect(describeNonPublicAddress("fe80::1%eth0")).toBe("a link-local address");
    expect(describeNonPublicAddress("::ffff:1.2.3.4")).toBeNull();
    expect(describeNonPublicAddress("::7f00:1")).toBe("a loopback address");
  });

  it("gives null for malformed addresses, which are host names to resolve, not addresses", () => {
    expect(describeNonPublicAddress("1::2::3")).toBeNull();
    expect(describeNonPublicAddress("12345::")).toBeNull();
    expect(describeNonPublicAddress("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(describeNonPublicAddress("127.1")).toBeNull();
  });
});
