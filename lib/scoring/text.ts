/**
 * Term matching for the deterministic scorer: rubric signal terms in candidate turns, keyword lists
 * in diagram labels. Pure and dependency-free.
 *
 * Differences from the interviewer's matcher (lib/interview/text.ts), on purpose:
 * - the rubric writes some terms as stems ("autoscal", "anonymiz", "horizontally scal"), so a term may
 *   be followed by a common English ending ("autoscaling", "anonymization", "reranker");
 * - matches are reported as offsets into the ORIGINAL text (the text is never re-cased or reshaped,
 *   only apostrophes are straightened one character for one), so evidence quotes cut from those
 *   offsets are verbatim substrings of the candidate's message.
 */

const LETTER_OR_DIGIT = "[\\p{L}\\p{N}]";

/**
 * Endings a term may take. Tried as a regex alternation, so the longest that fits wins. Only for terms
 * whose last word has four or more letters: "rag" must not find "rage", "mvp" may still find "mvps".
 */
const ENDINGS = [
  "izations",
  "isations",
  "ization",
  "isation",
  "zations",
  "sations",
  "zation",
  "sation",
  "ations",
  "ation",
  "izing",
  "ising",
  "ions",
  "ion",
  "ing",
  "ers",
  "zed",
  "sed",
  "ize",
  "ise",
  "ze",
  "se",
  "er",
  "ed",
  "es",
  "ly",
  "s",
  "d",
  "e",
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Straightens typographic apostrophes, one character for one, so offsets stay valid. */
export function straightenApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'");
}

/** The regex body for one term, without the leading word boundary (checked in code, see findTerms). */
function termBody(term: string): string | null {
  const words = straightenApostrophes(term.toLowerCase())
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean);
  let last = words.pop();
  if (last === undefined) return null;
  // "use cases" also finds "use case"; "slos" finds "slo"; but not "analysis" → "analysi".
  if (/^\p{L}{4,}$/u.test(last) && /s$/.test(last) && !/(ss|us|is)$/.test(last)) last = last.slice(0, -1);
  let ending = "";
  if (/\p{L}$/u.test(last)) ending = last.length >= 4 ? `(?:${ENDINGS.join("|")})?` : "s?";
  else if (/\p{N}$/u.test(last)) ending = "s?"; // "H100s", "429s"
  const parts = [...words, last].map(escapeRegExp);
  // Spaces and hyphens are interchangeable (and optional): "kv cache" = "kv-cache" = "kvcache".
  return `${parts.join("[\\s-]*")}${ending}`;
}

interface TermSet {
  re: RegExp;
  /** Term for each capture group, in group order. */
  terms: string[];
}

const cache = new Map<string, TermSet | null>();

/**
 * One regex for a list of terms: an alternation of capture groups, longest term first so the longest
 * wins where two start at the same place. The leading word boundary is checked in code rather than with
 * a lookbehind: a regex that starts with a lookbehind cannot be scanned quickly, and coverage runs
 * thousands of these.
 */
function termSet(terms: readonly string[]): TermSet | null {
  const key = terms.join("\u0000");
  let set = cache.get(key);
  if (set === undefined) {
    const usable = [...new Set(terms)]
      .map((term) => ({ term, body: termBody(term) }))
      .filter((t): t is { term: string; body: string } => t.body !== null)
      .sort((a, b) => b.body.length - a.body.length);
    set =
      usable.length === 0
        ? null
        : {
            re: new RegExp(`${usable.map((t) => `(${t.body})`).join("|")}(?!${LETTER_OR_DIGIT})`, "gu"),
            terms: usable.map((t) => t.term),
          };
    cache.set(key, set);
  }
  return set;
}

export interface TermMatch {
  term: string;
  /** Offsets into the text as given. */
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Every non-overlapping occurrence of the terms, by position. Case-insensitive: matched against the
 * lower-cased text (same offsets whenever lower-casing keeps the length, which is all but a few exotic
 * letters; otherwise against the original with the `i` flag).
 */
export function findTerms(text: string, terms: readonly string[]): TermMatch[] {
  const set = termSet(terms);
  if (!set) return [];
  const straight = straightenApostrophes(text);
  const lower = straight.toLowerCase();
  const sameLength = lower.length === straight.length;
  const haystack = sameLength ? lower : straight;
  const re = sameLength ? set.re : new RegExp(set.re.source, "giu");
  const matches: TermMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(haystack); m !== null; m = re.exec(haystack)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const before = m.index > 0 ? haystack[m.index - 1]! : "";
    if (before !== "" && WORD_CHAR.test(before)) {
      // Inside a word ("rag" in "storage"): try again one character later.
      re.lastIndex = m.index + 1;
      continue;
    }
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    matches.push({ term: set.terms[group - 1] ?? m[0], start: m.index, end: m.index + m[0].length });
  }
  return matches;
}

/** The first occurrence of any of the terms, or null. */
export function firstTerm(text: string, terms: readonly string[]): TermMatch | null {
  return findTerms(text, terms)[0] ?? null;
}

export function hasAnyTerm(text: string, terms: readonly string[]): boolean {
  return findTerms(text, terms).length > 0;
}

/** Sentence spans (offsets) of a text: split after . ! ? followed by space, and at line breaks. */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const boundary = /(?<=[.!?])\s+|\n+/g;
  let start = 0;
  for (let m = boundary.exec(text); m !== null; m = boundary.exec(text)) {
    if (m.index > start) spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans.filter((s) => text.slice(s.start, s.end).trim().length > 0);
}

/** A quote shorter than this (or of one word) proves nothing; the judge's verifier drops such quotes too. */
export const MIN_QUOTE_LENGTH = 20;

/**
 * A short verbatim quote around [start, end): the sentence containing the match, cut to at most
 * `maxLength` characters on word boundaries; when the sentence is too short to mean anything ("RAG."),
 * the text around it instead. Always a substring of `text` (no ellipses added), so an evidence verifier
 * that checks "the quote occurs in the message" accepts it.
 */
export function quoteAround(text: string, start: number, end: number, maxLength = 120): string {
  const sentence = sentenceSpans(text).find((s) => s.start <= start && end <= s.end) ?? { start, end };
  const bounds = sentence.end - sentence.start >= MIN_QUOTE_LENGTH ? sentence : { start: 0, end: text.length };
  let from = bounds.start;
  let to = bounds.end;
  if (to - from > maxLength) {
    const room = Math.max(0, maxLength - (end - start));
    from = Math.max(bounds.start, start - Math.floor(room / 2));
    to = Math.min(bounds.end, from + maxLength);
    from = Math.max(bounds.start, to - maxLength);
    // Snap inwards to word boundaries so the quote does not start or end mid-word.
    if (from > bounds.start) {
      const space = text.indexOf(" ", from);
      if (space !== -1 && space < start) from = space + 1;
    }
    if (to < bounds.end) {
      const space = text.lastIndexOf(" ", to);
      if (space > end) to = space;
    }
  }
  return text.slice(from, to).trim();
}

/** Whether a quote says enough to be evidence: long enough and more than one word. */
export function isSubstantialQuote(quote: string): boolean {
  return quote.length >= MIN_QUOTE_LENGTH && /\S\s+\S/.test(quote);
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * A label in running text: "Golden or evaluation set" → "golden or evaluation set", but acronyms stay
 * ("KV cache", "A/B tests, canaries…", "LLM-as-judge").
 */
export function inSentence(label: string): string {
  const first = label.split(/\s/)[0] ?? "";
  if (/^[^a-z]*[A-Z][^a-z]*$/.test(first.replace(/-.*$/, "")) && first.replace(/[^A-Za-z]/g, "").length > 1)
    return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Cuts a string for display (reports), marking the cut. Not for evidence quotes. */
export function clip(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= maxLength ? flat : `${flat.slice(0, maxLength - 1).trimEnd()}…`;
}
