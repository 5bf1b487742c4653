/**
 * Turns the MATCH expressions src/search/match-query.ts builds (FTS5 syntax: double-quoted words
 * and phrases, AND, OR and parentheses) into a PostgreSQL tsquery expression: each quoted string
 * becomes phraseto_tsquery('english', $n) with the string as a bound parameter, AND becomes &&
 * and OR becomes ||. Nothing from the text is ever spliced into SQL; anything else is refused.
 */
export interface TsQuery {
  /** SQL that evaluates to a tsquery, with placeholders numbered from `firstParam`. */
  sql: string;
  values: string[];
}

export function toTsQuery(match: string, firstParam: number): TsQuery | null {
  const values: string[] = [];
  const parts: string[] = [];
  let i = 0;
  while (i < match.length) {
    const c = match[i] as string;
    if (c === " ") {
      i++;
    } else if (c === "(" || c === ")") {
      parts.push(c);
      i++;
    } else if (c === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= match.length) return null;
        if (match[i] === '"') {
          if (match[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += match[i];
        i++;
      }
      values.push(text);
      parts.push(`phraseto_tsquery('english', $${firstParam + values.length - 1})`);
    } else if (match.startsWith("AND", i)) {
      parts.push("&&");
      i += 3;
    } else if (match.startsWith("OR", i)) {
      parts.push("||");
      i += 2;
    } else {
      return null;
    }
  }
  if (values.length === 0) return null;
  return { sql: `(${parts.join(" ")})`, values };
}
