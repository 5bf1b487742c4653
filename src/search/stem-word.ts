/**
 * The Porter stemmer (M.F. Porter, 1980, with the widely used "bli"/"logi" revisions), the same
 * family of stemming SQLite's `porter` tokenizer applies to the index, so a question word and a
 * sentence word meet on the same stem ("purchases" and "purchased" → "purchas").
 */

const CONSONANT = "[^aeiou]";
const VOWEL = "[aeiouy]";
const CONSONANTS = `${CONSONANT}[^aeiouy]*`;
const VOWELS = `${VOWEL}[aeiou]*`;

const MEASURE_ABOVE_0 = new RegExp(`^(${CONSONANTS})?${VOWELS}${CONSONANTS}`);
const MEASURE_EXACTLY_1 = new RegExp(`^(${CONSONANTS})?${VOWELS}${CONSONANTS}(${VOWELS})?$`);
const MEASURE_ABOVE_1 = new RegExp(`^(${CONSONANTS})?${VOWELS}${CONSONANTS}${VOWELS}${CONSONANTS}`);
const HAS_VOWEL = new RegExp(`^(${CONSONANTS})?${VOWEL}`);
const ENDS_CVC = new RegExp(`^${CONSONANTS}${VOWEL}[^aeiouwxy]$`);

const STEP2: Record<string, string> = {
  ational: "ate",
  tional: "tion",
  enci: "ence",
  anci: "ance",
  izer: "ize",
  bli: "ble",
  alli: "al",
  entli: "ent",
  eli: "e",
  ousli: "ous",
  ization: "ize",
  ation: "ate",
  ator: "ate",
  alism: "al",
  iveness: "ive",
  fulness: "ful",
  ousness: "ous",
  aliti: "al",
  iviti: "ive",
  biliti: "ble",
  logi: "log",
};

const STEP3: Record<string, string> = {
  icate: "ic",
  ative: "",
  alize: "al",
  iciti: "ic",
  ical: "ic",
  ful: "",
  ness: "",
};

const STEP2_PATTERN =
  /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3_PATTERN = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_PATTERN = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;

function step1(word: string): string {
  let w = word;
  if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, "$1$2");
  else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, "$1$2");

  const eed = /^(.+?)eed$/.exec(w);
  const edIng = /^(.+?)(ed|ing)$/.exec(w);
  if (eed?.[1] !== undefined) {
    if (MEASURE_ABOVE_0.test(eed[1])) w = w.slice(0, -1);
  } else if (edIng?.[1] !== undefined && HAS_VOWEL.test(edIng[1])) {
    w = edIng[1];
    if (/(at|bl|iz)$/.test(w)) w += "e";
    else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
    else if (ENDS_CVC.test(w)) w += "e";
  }

  const y = /^(.+?)y$/.exec(w);
  if (y?.[1] !== undefined && HAS_VOWEL.test(y[1])) w = `${y[1]}i`;
  return w;
}

function replaceSuffix(w: string, pattern: RegExp, table: Record<string, string>): string {
  const m = pattern.exec(w);
  if (m?.[1] === undefined || m[2] === undefined || !MEASURE_ABOVE_0.test(m[1])) return w;
  return m[1] + (table[m[2]] ?? "");
}

function step4(w: string): string {
  const m = STEP4_PATTERN.exec(w);
  if (m?.[1] !== undefined) return MEASURE_ABOVE_1.test(m[1]) ? m[1] : w;
  const ion = /^(.+?)(s|t)(ion)$/.exec(w);
  if (ion?.[1] !== undefined && ion[2] !== undefined) {
    const stem = ion[1] + ion[2];
    if (MEASURE_ABOVE_1.test(stem)) return stem;
  }
  return w;
}

function step5(word: string): string {
  let w = word;
  const e = /^(.+?)e$/.exec(w);
  if (e?.[1] !== undefined) {
    const stem = e[1];
    if (MEASURE_ABOVE_1.test(stem) || (MEASURE_EXACTLY_1.test(stem) && !ENDS_CVC.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && MEASURE_ABOVE_1.test(w)) w = w.slice(0, -1);
  return w;
}

/** The Porter stem of one lower-case word; words shorter than 3 letters or with digits are kept. */
export function stemWord(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  const startsWithY = word.startsWith("y");
  let w = startsWithY ? `Y${word.slice(1)}` : word;
  w = step1(w);
  w = replaceSuffix(w, STEP2_PATTERN, STEP2);
  w = replaceSuffix(w, STEP3_PATTERN, STEP3);
  w = step4(w);
  w = step5(w);
  return startsWithY ? `y${w.slice(1)}` : w;
}
