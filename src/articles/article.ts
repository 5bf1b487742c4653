/** One topic assigned to an article, with why. */
export interface TopicMatch {
  topic: string;
  score: number;
  /** Phrases as they appear in the article that made the classifier assign the topic. */
  evidence: string[];
}

/** An article as read from a feed item or an article file, normalised but not yet stored. */
export interface ArticleDraft {
  title: string;
  body: string;
  /** Canonical http(s) URL, or null for article files and items without a usable link. */
  url: string | null;
  /** Feed item GUID / Atom id, or null. */
  guid: string | null;
  /** Human-readable source: the feed's title or host, or "file:NAME". */
  source: string;
  /** Epoch milliseconds. */
  publishedAt: number;
  /** The feed it came from, or null for article files. */
  feedId: number | null;
}

/** A stored article. */
export interface Article extends ArticleDraft {
  id: number;
  /** Epoch milliseconds when it was stored. */
  fetchedAt: number;
  topics: TopicMatch[];
}
