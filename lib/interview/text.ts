/**
 * Text matching for the interviewer engine: finding bank terms (askedAs, coveredBy) in what the
 * candidate wrote, telling questions from statements, and recognising a question the interviewer
 * already asked. Deterministic and dependency-free.
 */

const LETTER_OR_DIGIT = "[\\p{L}\\p{N}]";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Lowercases and straightens typographic apostrophes so "what’s" and "what's" compare equal. */
export function normalizeForMatching(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}

/**
 * The regular-expression body for a bank term: case-insensitive, whole words only (a term never
 * matches inside another word), spaces and hyphens interchangeable ("kv cache" = "kv-cache"),
 * and tolerant of a plural on either side ("user" finds "users", "users" finds "user").
 */
function termPattern(term: string): string | null {
  const words = normalizeForMatching(term)
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean);
  const last = words.pop();
  if (last === undefined) return null;
  const singular = /^[\p{L}]{4,}s$/u.test(last) && !/(ss|us|is)$/.test(last) ? last.slice(0, -1) : last;
  const endsInLetter = /\p{L}$/u.test(singular);
  const body = [...words.map(escapeRegExp), escapeRegExp(singular) + (endsInLetter ? "(?:e?s)?" : "")].join("[\\s-]*");
  return `(?<!${LETTER_OR_DIGIT})${body}(?!${LETTER_OR_DIGIT})`;
}

const patternCache = new Map<string, RegExp | null>();

function termRegExp(term: string): RegExp | null {
  let re = patternCache.get(term);
  if (re === undefined) {
    const body = termPattern(term);
    re = body === null ? null : new RegExp(body, "giu");
    patternCache.set(term, re);
  }
  return re;
}

export interface TermMatch {
  term: string;
  start: number;
  end: number;
}

/** Every occurrence of every term in `text`, in no particular order. */
export function findTerms(text: string, terms: readonly string[]): TermMatch[] {
  const haystack = normalizeForMatching(text);
  const matches: TermMatch[] = [];
  for (const term of terms) {
    const re = termRegExp(term);
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(haystack); m !== null; m = re.exec(haystack)) {
      matches.push({ term, start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return matches;
}

/** Words too common to anchor a loose match on. */
const FUNCTION_WORDS = new Set([
  "how",
  "many",
  "much",
  "what",
  "per",
  "the",
  "of",
  "a",
  "an",
  "to",
  "is",
  "are",
  "do",
  "we",
  "vs",
  "and",
  "or",
  "in",
  "on",
  "for",
  "by",
]);
/** Most characters between the two words of a loosely matched pair ("data is sensitive"). */
const LOOSE_PAIR_GAP = 16;

/**
 * Two-word phrases also match with the words swapped or a few words apart: "sensitive data"
 * finds "how much data is sensitive", "long conversations" finds "how long are conversations".
 * Both words must carry meaning (no "how many").
 */
export function findLoosePairs(text: string, terms: readonly string[]): TermMatch[] {
  const matches: TermMatch[] = [];
  for (const term of terms) {
    const words = normalizeForMatching(term)
      .trim()
      .split(/[\s-]+/)
      .filter(Boolean);
    if (words.length !== 2 || words.some((w) => w.length < 3 || FUNCTION_WORDS.has(w))) continue;
    const firsts = findTerms(text, [words[0]!]);
    const seconds = findTerms(text, [words[1]!]);
    for (const a of firsts) {
      for (const b of seconds) {
        const gap = a.start < b.start ? b.start - a.end : a.start - b.end;
        if (gap >= 0 && gap <= LOOSE_PAIR_GAP)
          matches.push({ term, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
      }
    }
  }
  return matches;
}

/** Whether `text` mentions any of `terms` as whole words. */
export function containsAnyTerm(text: string, terms: readonly string[]): boolean {
  return findTerms(text, terms).length > 0;
}

/** Splits a message into sentences (and lines), keeping each sentence's closing punctuation. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const QUESTION_OPENERS = new Set([
  "how",
  "what",
  "what's",
  "whats",
  "which",
  "who",
  "whom",
  "whose",
  "when",
  "where",
  "why",
  "is",
  "are",
  "was",
  "were",
  "do",
  "does",
  "did",
  "can",
  "could",
  "should",
  "would",
  "will",
  "shall",
  "may",
  "might",
  "have",
  "has",
  "any",
]);
const REQUEST_PHRASES = [
  "tell me",
  "like to know",
  "want to know",
  "like to understand",
  "wondering",
  "curious",
  "can you share",
  "could you share",
  "do we know",
  "let me ask",
  "can i ask",
  "could i ask",
];

/** A sentence asks something when it ends in "?", opens like a question, or politely requests information. */
export function isAskingSentence(sentence: string): boolean {
  const s = normalizeForMatching(sentence).trim();
  if (s.includes("?")) return true;
  const firstWord = s.replace(/^[^\p{L}]+/u, "").split(/[^\p{L}']+/u)[0] ?? "";
  if (QUESTION_OPENERS.has(firstWord)) return true;
  return REQUEST_PHRASES.some((phrase) => s.includes(phrase));
}

/** The sentences of a message that ask something. */
export function askingSentences(text: string): string[] {
  return splitSentences(text).filter(isAskingSentence);
}

const STOPWORDS = new Set([
  "about",
  "after",
  "also",
  "and",
  "another",
  "before",
  "being",
  "does",
  "doing",
  "each",
  "even",
  "every",
  "from",
  "have",
  "here",
  "into",
  "just",
  "keep",
  "like",
  "make",
  "many",
  "more",
  "most",
  "much",
  "only",
  "other",
  "over",
  "same",
  "should",
  "some",
  "such",
  "than",
  "that",
  "their",
  "them",
  "then",
  "there",
  "these",
  "they",
  "this",
  "those",
  "through",
  "today",
  "very",
  "were",
  "what",
  "when",
  "where",
  "which",
  "while",
  "will",
  "with",
  "without",
  "would",
  "your",
  "you're",
  "actually",
  "could",
  "happens",
  "happen",
  "going",
  "things",
]);

/** Lowercase words of at least four letters that carry meaning (no stopwords). */
export function contentWords(text: string): string[] {
  return normalizeForMatching(text)
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length >= 4 && !STOPWORDS.has(w));
}

function squash(text: string): string {
  return normalizeForMatching(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Whether an interviewer message asked `question`: verbatim (ignoring case and punctuation), or
 * — because a model words things its own way — with most of the question's meaningful words.
 */
export function mentionsQuestion(message: string, question: string): boolean {
  const asked = normalised(question);
  if (asked.squashed.length === 0) return false;
  const said = normalised(message);
  if (said.squashed.includes(asked.squashed)) return true;
  if (asked.words.size < 3) return false;
  let hits = 0;
  for (const w of asked.words) if (said.words.has(w)) hits += 1;
  return hits / asked.words.size >= 0.7;
}

// Every turn checks each interviewer message against every probe and key question, so the same
// texts are normalised hundreds of times (bench:turn). Texts are immutable: remember the result.
const NORMALISED_LIMIT = 4096;
const normalisedCache = new Map<string, { squashed: string; words: Set<string> }>();

function normalised(text: string): { squashed: string; words: Set<string> } {
  let entry = normalisedCache.get(text);
  if (!entry) {
    if (normalisedCache.size >= NORMALISED_LIMIT) normalisedCache.clear();
    entry = { squashed: squash(text), words: new Set(contentWords(text)) };
    normalisedCache.set(text, entry);
  }
  return entry;
}

/**
 * Word stems for loose topic matching: a title word's first six letters ("estimation" →
 * "estima") so "estimate", "estimating" and "estimation" all count.
 */
export function stemsOf(text: string): string[] {
  return [...new Set(contentWords(text).map((w) => w.slice(0, 6)))];
}

/** Whether `text` has a word starting with any of `stems`. */
export function mentionsAnyStem(text: string, stems: readonly string[]): boolean {
  if (stems.length === 0) return false;
  const words = normalizeForMatching(text).split(/[^\p{L}\p{N}']+/u);
  return words.some((word) => stems.some((stem) => word.startsWith(stem)));
}

/** Deterministic choice from a list (wording variety without randomness). */
export function pick<T>(options: readonly [T, ...T[]], seed: number): T {
  const index = ((Math.trunc(seed) % options.length) + options.length) % options.length;
  return options[index] ?? options[0];
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Minutes and seconds, e.g. 754 → "12:34". */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  return `${minutes}:${rest.toString().padStart(2, "0")}`;
}
