/**
 * One spelling per article URL, so the same story linked from two feeds (or with different
 * campaign tags) is recognised as one.
 */

const TRACKING_PREFIXES = ["utm_", "__hs", "hsa_", "pk_", "mtm_"];

const TRACKING_PARAMETERS = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "li_fat_id",
  "igshid",
  "igsh",
  "mc_cid",
  "mc_eid",
  "_hsenc",
  "_hsmi",
  "hsctatracking",
  "mkt_tok",
  "ref",
  "ref_src",
  "ref_url",
  "referrer",
  "cmpid",
  "ncid",
  "sr_share",
  "oly_anon_id",
  "oly_enc_id",
  "vero_id",
  "vero_conv",
  "rb_clickid",
  "s_cid",
  "wt.mc_id",
  "_ga",
  "_gl",
  "spm",
  "guccounter",
  "guce_referrer",
  "guce_referrer_sig",
  "ocid",
]);

/** True for query parameters that only track where a click came from. */
export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMETERS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function parameterName(pair: string): string {
  const raw = pair.split("=", 1)[0] ?? "";
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/**
 * The canonical form of a link: resolved against `base` when relative, http/https only (else
 * null), without fragment, credentials or tracking parameters, host lower-cased, default port
 * dropped. Other query parameters keep their order and spelling.
 */
export function canonicalUrl(href: string | null | undefined, base?: string | null): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname) return null;
  url.hash = "";
  url.username = "";
  url.password = "";
  if (url.hostname.endsWith(".") && url.hostname.length > 1) url.hostname = url.hostname.slice(0, -1);
  if (url.search) {
    const kept = url.search
      .slice(1)
      .split("&")
      .filter((pair) => pair.length > 0 && !isTrackingParameter(parameterName(pair)));
    url.search = kept.length > 0 ? `?${kept.join("&")}` : "";
  }
  return url.href;
}
