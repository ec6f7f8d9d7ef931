/**
 * Checks the evidence an LLM judge cites, in code. A quote counts only if it occurs in a CANDIDATE
 * turn with the id the judge gave (after normalising whitespace, quote marks, dashes, letter case and
 * invisible characters) and is long enough to mean something; a board id counts only if it exists in
 * the final board. Everything else is dropped and counted. Pure.
 */
import type { DiagramGraph } from "@/lib/diagram";
import type { JudgeEvidence } from "./judge-output";
import type { Evidence, ScoringInput } from "./types";

type QuoteEvidence = Extract<Evidence, { kind: "quote" }>;
type NodeEvidence = Extract<Evidence, { kind: "node" }>;

/** Shorter quotes (after normalising) prove nothing ("yes", "RAG", "use a cache"). */
export const MIN_QUOTE_CHARS = 12;
const MIN_QUOTE_WORDS = 2;

export interface VerifiedEvidence {
  /** Verified evidence; quotes are replaced by the exact text of the candidate turn they match. */
  kept: Evidence[];
  /** Cited evidence that did not check out. Exact duplicates of kept items are merged, not counted. */
  dropped: number;
}

export function verifyEvidence(
  evidence: readonly JudgeEvidence[],
  input: Pick<ScoringInput, "messages">,
  finalGraph: DiagramGraph | null,
): VerifiedEvidence {
  const candidateTurns = new Map(input.messages.filter((m) => m.role === "candidate").map((m) => [m.id, m.content]));
  const boardLabels = finalGraph ? boardItemLabels(finalGraph) : new Map<string, string>();
  const kept: Evidence[] = [];
  const seen = new Set<string>();
  let dropped = 0;

  for (const item of evidence) {
    const verified =
      item.kind === "quote"
        ? verifyQuote(item.messageId, item.quote, candidateTurns)
        : verifyBoardItem(item.nodeId, boardLabels);
    if (verified === null) {
      dropped += 1;
      continue;
    }
    const key =
      verified.kind === "quote"
        ? `q ${verified.messageId} ${normalizeForMatch(verified.quote)}`
        : `n ${verified.nodeId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(verified);
  }
  return { kept, dropped };
}

function verifyQuote(messageId: string, quote: string, candidateTurns: Map<string, string>): QuoteEvidence | null {
  const content = candidateTurns.get(messageId);
  if (content === undefined) return null;
  const needle = normalizeForMatch(stripQuoteDecoration(quote));
  if (!isSubstantial(needle)) return null;
  const span = findNormalized(content, needle);
  return span === null ? null : { kind: "quote", messageId, quote: span };
}

function verifyBoardItem(id: string, labels: Map<string, string>): NodeEvidence | null {
  const label = labels.get(id.trim());
  return label === undefined ? null : { kind: "node", nodeId: id.trim(), label };
}

/** Ids the board digest shows and the judge may cite: nodes (n…), notes (t…) and zones (z…). */
function boardItemLabels(graph: DiagramGraph): Map<string, string> {
  const labels = new Map<string, string>();
  for (const node of graph.nodes) {
    const what = node.kind === "group" ? "group" : (node.shape ?? node.kind);
    labels.set(node.id, node.label !== "" ? node.label : `(unlabelled ${what})`);
  }
  for (const note of graph.notes) labels.set(note.id, note.text);
  for (const zone of graph.zones) labels.set(zone.id, zone.label !== "" ? zone.label : "(unlabelled zone)");
  return labels;
}

function isSubstantial(normalized: string): boolean {
  if (normalized.length < MIN_QUOTE_CHARS) return false;
  // Scripts written without spaces (Chinese, Japanese) count by length alone.
  if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(normalized)) return true;
  return normalized.split(" ").length >= MIN_QUOTE_WORDS;
}

/** Models like to wrap quotes in quotation marks or trim them with ellipses; neither is part of the quote. */
function stripQuoteDecoration(quote: string): string {
  return quote
    .trim()
    .replace(/^(?:["'“”‘’«»„]|\.\.\.|…)+|(?:["'“”‘’«»„]|\.\.\.|…)+$/g, "")
    .trim();
}

// ───────────────────────── normalisation ─────────────────────────

// Controls and invisible characters (zero-width, bidi controls, BOM), except whitespace.
const INVISIBLE =
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const CHARACTER_MAP: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "‚": "'",
  "‛": "'",
  "′": "'",
  "`": "'",
  "´": "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "‟": '"',
  "″": '"',
  "«": '"',
  "»": '"',
  "‐": "-",
  "‑": "-",
  "‒": "-",
  "–": "-",
  "—": "-",
  "―": "-",
  "−": "-",
  // The fence brackets are shown to the judge as square brackets (prompts/interviewer.v1.ts).
  "⟦": "[",
  "⟧": "]",
  "〚": "[",
  "〛": "]",
};

interface Normalized {
  text: string;
  /** For each character of `text`, where its source character starts and ends in the original. */
  starts: number[];
  ends: number[];
}

/**
 * Per character: NFKC (full-width and ligature forms), quote marks and dashes unified, invisible
 * characters removed, lower case, whitespace runs collapsed to one space, ends trimmed. Look-alike
 * letters from other scripts (Cyrillic "а" for Latin "a") are NOT folded: a quote must be verbatim.
 */
function normalizeWithMap(original: string): Normalized {
  const out: Normalized = { text: "", starts: [], ends: [] };
  let pendingSpace: { start: number; end: number } | null = null;
  let index = 0;
  for (const char of original) {
    const start = index;
    index += char.length;
    if (INVISIBLE.test(char)) continue;
    const mapped = [...char.normalize("NFKC")]
      .map((c) => CHARACTER_MAP[c] ?? c)
      .join("")
      .toLowerCase();
    if (/^\s+$/.test(mapped)) {
      if (out.text !== "") pendingSpace ??= { start, end: index };
      continue;
    }
    if (pendingSpace !== null) {
      out.text += " ";
      out.starts.push(pendingSpace.start);
      out.ends.push(pendingSpace.end);
      pendingSpace = null;
    }
    for (const piece of mapped) {
      out.text += piece;
      for (let i = 0; i < piece.length; i++) {
        out.starts.push(start);
        out.ends.push(index);
      }
    }
  }
  return out;
}

/** The normalised form used for matching (exported for tests and for callers that compare quotes). */
export function normalizeForMatch(text: string): string {
  return normalizeWithMap(text.normalize("NFC")).text;
}

/** Where the normalised `needle` occurs in `haystack`, as the exact original text; null if nowhere. */
function findNormalized(haystack: string, needle: string): string | null {
  const source = haystack.normalize("NFC");
  const normalized = normalizeWithMap(source);
  const at = normalized.text.indexOf(needle);
  if (at < 0 || needle === "") return null;
  const start = normalized.starts[at];
  const end = normalized.ends[at + needle.length - 1];
  return start === undefined || end === undefined ? null : source.slice(start, end);
}
