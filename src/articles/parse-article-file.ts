/**
 * The seed article format: the first non-empty line is the title, the rest is the body. Files
 * saved from news sites often repeat the title and carry photo credits ("Depositphotos",
 * "Photo: Reuters") before the text; those lines are dropped so they do not reach the body.
 */

const MAX_TITLE_LENGTH = 300;
/** A short line standing alone before the first paragraph, with no sentence punctuation, is a credit or byline. */
const MAX_HEADER_CREDIT_LENGTH = 40;
const MAX_HEADER_CREDIT_WORDS = 4;
/** "Photo: Reuters", "Image credit: AP", "Source: Bloomberg" anywhere in the text. */
const CREDIT_LINE =
  /^(?:file\s+)?(?:photo|image|picture|illustration|graphic|video|credit|source)s?(?:\s+credits?)?\s*[:/]/i;
const MAX_CREDIT_LENGTH = 80;

function fold(line: string): string {
  return line.replace(/\s+/g, " ").trim();
}

function isCreditLine(line: string): boolean {
  return line.length <= MAX_CREDIT_LENGTH && CREDIT_LINE.test(line);
}

function isHeaderCredit(line: string): boolean {
  return (
    line.length <= MAX_HEADER_CREDIT_LENGTH &&
    line.split(" ").length <= MAX_HEADER_CREDIT_WORDS &&
    !/[.!?:;"”]$/.test(line)
  );
}

/**
 * Title and body of an article file's text, body paragraphs separated by a blank line and lines
 * within a paragraph joined. An empty or binary text is an error a person can read.
 */
export function parseArticleText(text: string): { title: string; body: string } | { error: string } {
  if (text.includes("\u0000")) return { error: "looks like a binary file, not an article" };
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map(fold);
  const titleIndex = lines.findIndex((line) => line.length > 0);
  const title = lines[titleIndex];
  if (titleIndex < 0 || title === undefined)
    return { error: "empty file: expected a title on the first line" };
  if (title.length > MAX_TITLE_LENGTH) {
    return {
      error: `first line is ${title.length} characters long; expected a title of at most ${MAX_TITLE_LENGTH}`,
    };
  }

  const paragraphs: string[] = [];
  let current: string[] = [];
  let inHeader = true;
  const folded = title.toLowerCase();
  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length === 0) {
      if (current.length > 0) paragraphs.push(current.join(" "));
      current = [];
      continue;
    }
    if (isCreditLine(line)) continue;
    const standsAlone = current.length === 0 && !lines[i + 1];
    if (inHeader && (line.toLowerCase() === folded || (standsAlone && isHeaderCredit(line)))) continue;
    inHeader = false;
    current.push(line);
  }
  if (current.length > 0) paragraphs.push(current.join(" "));
  return { title, body: paragraphs.join("\n\n") };
}
