/**
 * Rubric signals in candidate turns (coverage), and the vocabulary of a curveball's good adaptation.
 * Only CANDIDATE turns count: the interviewer saying "what about prompt injection?" is not evidence
 * that the candidate thought of it.
 */
import type { RubricContent } from "@/lib/content/schema";
import { findTerms } from "./text";
import type { Findings, ScoringMessage } from "./types";

/** Fewer candidate turns than this and nothing is assessed: too little was said. */
export const MIN_CANDIDATE_TURNS = 3;

/** Candidate turns with something in them (a turn emptied by injection stripping does not count). */
export function candidateTurns(messages: readonly ScoringMessage[]): ScoringMessage[] {
  return messages.filter((m) => m.role === "candidate" && m.content.trim() !== "");
}

export interface SignalOccurrence {
  dimension: string;
  signal: string;
  label: string;
  messageId: string;
  /** Offsets of the first matching term in the message. */
  start: number;
  end: number;
}

/** The first occurrence of each signal in each candidate turn, in transcript order. */
export function signalOccurrences(rubric: RubricContent, messages: readonly ScoringMessage[]): SignalOccurrence[] {
  const turns = candidateTurns(messages).sort((a, b) => a.seq - b.seq);
  const found: SignalOccurrence[] = [];
  for (const dimension of rubric.dimensions) {
    for (const signal of dimension.signals) {
      for (const turn of turns) {
        const match = findTerms(turn.content, signal.terms)[0];
        if (match) {
          found.push({
            dimension: dimension.key,
            signal: signal.key,
            label: signal.label,
            messageId: turn.id,
            start: match.start,
            end: match.end,
          });
        }
      }
    }
  }
  return found;
}

export function computeCoverage(rubric: RubricContent, messages: readonly ScoringMessage[]): Findings["coverage"] {
  const occurrences = signalOccurrences(rubric, messages);
  return rubric.dimensions.map((dimension) => {
    const hit: Findings["coverage"][number]["hit"] = [];
    const missed: string[] = [];
    for (const signal of dimension.signals) {
      const ids = occurrences
        .filter((o) => o.dimension === dimension.key && o.signal === signal.key)
        .map((o) => o.messageId);
      if (ids.length > 0) hit.push({ signal: signal.key, label: signal.label, messageIds: [...new Set(ids)] });
      else missed.push(signal.key);
    }
    return { dimension: dimension.key, hit, missed };
  });
}

// ───────────────────────── adaptation vocabulary ─────────────────────────

/**
 * Two-word domain phrases kept whole when they occur in a good adaptation: "small model" means more
 * than "small" and "model" apart. Everything else is compared word by word.
 */
const DOMAIN_PHRASES = [
  "smaller model",
  "small model",
  "cheaper model",
  "distilled model",
  "fallback model",
  "open model",
  "prefix caching",
  "prompt caching",
  "semantic cache",
  "kv cache",
  "response cache",
  "admission control",
  "load shedding",
  "rate limit",
  "rate limits",
  "free tier",
  "paid tier",
  "paid users",
  "free users",
  "reserved capacity",
  "output length",
  "context window",
  "audit trail",
  "batch api",
  "circuit breaker",
  "data residency",
  "golden set",
  "gold set",
  "kill switch",
  "human review",
  "dedicated pool",
  "red team",
  "canary rollout",
  "regional failover",
  "second region",
  "second provider",
  "secondary provider",
  "self hosted",
  "self-hosted",
  "open weight",
  "open-weight",
  "token budget",
  "spend limit",
  "cost cap",
  "queue depth",
  "priority queue",
  "long context",
  "context parallel",
  "eval suite",
  "evaluation suites",
  "deletion request",
  "retention policy",
  "model routing",
  "model router",
  "graceful degradation",
];

const STOPWORDS = new Set(
  `about above across after again against ahead already also although always among another anything around
  because been before behind being below between beyond both but came cannot could does doing done down during
  each either else enough even ever every first from further gets give given gives going gone good have having
  here how instead into itself just keep keeps kept know last least less like made make makes making many may
  maybe means might more most much must need needs never next none nothing once only onto other others otherwise
  over own rather really same says shall should show shows since some something still such take takes than that
  their them then there these they thing things this those though through thus together too toward towards under
  unless until upon used uses using very want wants well were what whatever when where whether which while who
  whole whom whose why will with within without would your yours adds add decides names turns moves protects
  puts picks states tells does honest regularly future week weeks days hours minutes instead ones part parts
  step steps rather lets sure able makes covered covers plus via per fixes answer asks works doing first second
  third half half-way same also mostly often later earlier today tomorrow right left`.split(/\s+/),
);

/** Short words that still carry meaning in an adaptation. */
const SHORT_TERMS = new Set([
  "gpu",
  "gpus",
  "kv",
  "eu",
  "api",
  "llm",
  "ttl",
  "pii",
  "rag",
  "qps",
  "ssd",
  "cpu",
  "fp8",
  "int8",
  "sla",
  "slo",
  "ttft",
]);

function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/[’']s$/, "")
    .replace(/[^\p{L}\p{N}-]/gu, "");
}

/**
 * The substantive words and phrases of a good adaptation, in order, without stopwords or numbers:
 * "Routes free-tier traffic to the small model…" → ["routes", "free-tier", "traffic", "small model", …].
 */
export function adaptationTerms(goodAdaptation: string, max = 30): string[] {
  const text = goodAdaptation.toLowerCase();
  const taken: { start: number; end: number; term: string }[] = [];
  for (const phrase of DOMAIN_PHRASES) {
    for (const match of findTerms(text, [phrase])) {
      if (taken.some((t) => match.start < t.end && t.start < match.end)) continue;
      taken.push({ start: match.start, end: match.end, term: text.slice(match.start, match.end) });
    }
  }
  const wordRe = /[\p{L}][\p{L}\p{N}'’-]*/gu;
  for (let m = wordRe.exec(text); m !== null; m = wordRe.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some((t) => start < t.end && t.start < end)) continue;
    const word = normalizeWord(m[0]).replace(/^-+|-+$/g, "");
    if (word === "" || STOPWORDS.has(word)) continue;
    if (word.length < 4 && !SHORT_TERMS.has(word)) continue;
    taken.push({ start, end, term: word });
  }
  const ordered = taken.sort((a, b) => a.start - b.start).map((t) => t.term);
  // One entry per stem: "caches" and "caching" in the same adaptation count once.
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const term of ordered) {
    const key = term
      .split(/[\s-]+/)
      .map(stem)
      .join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms.slice(0, max);
}

/** A light stemmer: enough that "caching" meets "cache" and "smaller" meets "small". */
export function stem(word: string): string {
  const w = word.toLowerCase();
  for (const ending of [
    "izations",
    "isations",
    "ization",
    "isation",
    "ations",
    "ation",
    "ings",
    "ing",
    "ers",
    "er",
    "ied",
    "ies",
    "ed",
    "es",
    "s",
    "ly",
    "e",
  ]) {
    if (w.endsWith(ending) && w.length - ending.length >= 4) return w.slice(0, -ending.length);
  }
  return w;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `text` uses the term: every word by stem, in order, at most two words (and punctuation) apart. */
export function usesTerm(text: string, term: string): boolean {
  const words = term.split(/[\s-]+/).filter(Boolean);
  if (words.length === 0) return false;
  const gap = "[\\s,;:/-]+";
  const body = words
    .map((w) => `${escapeRegExp(stem(w))}[\\p{L}\\p{N}]*`)
    .join(`(?:${gap}[\\p{L}\\p{N}'’]+){0,2}?${gap}`);
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}`, "iu").test(text);
}
