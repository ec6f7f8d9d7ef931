/**
 * The offline scorer: a level per rubric dimension from the deterministic findings alone, for when no
 * model is available. Deliberately simple and explainable — every level can be traced to sentences in
 * its rationale:
 *
 *   base   share of the dimension's rubric signals heard in candidate turns:
 *          none → 1, under a quarter → 2, under half → 3, half or more → 4
 *   bonus  +1 from a finding that shows the skill directly (correct arithmetic → estimation; a walkable
 *          request path → architecture; guardrails in the flow → safety; a cache → cost & latency;
 *          time per phase close to plan → communication)
 *   caps   a red flag on the dimension caps it at 2; mostly wrong arithmetic caps estimation at 2; no
 *          board caps architecture at 3
 *   null   fewer than MIN_CANDIDATE_TURNS candidate turns (nothing is assessable), or adaptation when
 *          no curveball was issued
 *
 * Adaptation is scored from the curveball findings instead of signal share (see adaptationResult).
 *
 * Injected text never helps: the findings are computed without it (findings.ts), and when an attempt
 * was detected each level is also computed from the raw interview and the LOWER of the two is kept.
 */
import type { RubricDimensionContent } from "@/lib/content/schema";
import { findEstimates } from "./estimates";
import { computeFindings, computeFindingsUnfiltered, finalGraph } from "./findings";
import { withoutInjection } from "./injection";
import {
  adaptationTerms,
  candidateTurns,
  MIN_CANDIDATE_TURNS,
  signalOccurrences,
  type SignalOccurrence,
} from "./signals";
import { clip, inSentence, isSubstantialQuote, joinList, quoteAround } from "./text";
import type { DimensionResult, Evidence, Findings, ScoreLevel, ScoringInput } from "./types";

/** Quotes per dimension: enough to show the pattern, few enough to read. */
const MAX_QUOTES = 3;
const MAX_LISTED = 5;
/** Time per phase counts as "close to plan" when the total absolute deviation is at most this share of the plan. */
export const PHASE_DEVIATION_LIMIT = 0.5;

function clampLevel(n: number): ScoreLevel {
  return Math.max(1, Math.min(4, Math.round(n))) as ScoreLevel;
}

function levelFromShare(hits: number, total: number): ScoreLevel {
  if (hits === 0 || total === 0) return 1;
  const share = hits / total;
  if (share < 0.25) return 2;
  if (share < 0.5) return 3;
  return 4;
}

interface Adjustment {
  /** A sentence for the rationale. */
  sentence: string;
  evidence: Evidence[];
}

interface Cap {
  level: ScoreLevel;
  /** Why, as a clause: "Capped at 2: <reason>." when it bites, "Also: <reason>." when it does not. */
  reason: string;
  evidence: Evidence[];
}

interface Context {
  input: ScoringInput;
  findings: Findings;
  occurrences: SignalOccurrence[];
}

// ───────────────────────── evidence helpers ─────────────────────────

type QuoteEvidence = Extract<Evidence, { kind: "quote" }>;

function quoteEvidence(ctx: Context, occurrence: SignalOccurrence): QuoteEvidence | null {
  const message = ctx.input.messages.find((m) => m.id === occurrence.messageId);
  if (!message) return null;
  const quote = quoteAround(message.content, occurrence.start, occurrence.end, 120);
  return isSubstantialQuote(quote) ? { kind: "quote", messageId: message.id, quote } : null;
}

/** Node evidence for ids that are nodes of the final board (zones and edges are not citable as nodes). */
function nodeEvidence(ctx: Context, ids: readonly string[], max = 4): Evidence[] {
  const graph = finalGraph(ctx.input);
  if (!graph) return [];
  return ids
    .map((id) => graph.nodes.find((n) => n.id === id))
    .filter((n): n is NonNullable<typeof n> => n !== undefined && n.label !== "")
    .slice(0, max)
    .map((n) => ({ kind: "node", nodeId: n.id, label: n.label }));
}

function check(ctx: Context, key: string) {
  return ctx.findings.diagram.checks.find((c) => c.key === key);
}

// ───────────────────────── per-dimension findings ─────────────────────────

function estimationAdjustments(ctx: Context): { bonus: Adjustment | null; cap: Cap | null; evidence: Evidence[] } {
  const checks = ctx.findings.estimates;
  const correct = checks.filter((c) => c.ok);
  const wrong = checks.filter((c) => !c.ok);
  const evidence: Evidence[] = [];
  // Quote the arithmetic itself, cut from the message so it verifies.
  for (const c of [...wrong, ...correct].slice(0, MAX_QUOTES)) {
    const message = ctx.input.messages.find((m) => m.id === c.messageId);
    const found = message ? findEstimates(message.content).find((e) => e.statement === c.statement) : undefined;
    if (message && found) {
      const quote = quoteAround(message.content, found.start, found.end, 120);
      if (isSubstantialQuote(quote)) evidence.push({ kind: "quote", messageId: message.id, quote });
    }
    evidence.push({ kind: "finding", findingKey: "estimates", detail: `${clip(c.statement, 80)}: ${c.detail}` });
  }
  if (checks.length === 0) {
    return { bonus: null, cap: null, evidence };
  }
  const summary = `${correct.length} of ${checks.length} arithmetic statement${checks.length === 1 ? "" : "s"} checked out`;
  if (wrong.length > correct.length) {
    return {
      bonus: null,
      cap: {
        level: 2,
        reason: `${summary}; most of the arithmetic was wrong (e.g. ${clip(wrong[0]!.statement, 60)})`,
        evidence: [],
      },
      evidence,
    };
  }
  if (correct.length >= 2 && wrong.length * 2 <= correct.length) {
    return { bonus: { sentence: `+1: ${summary}.`, evidence: [] }, cap: null, evidence };
  }
  return {
    bonus: null,
    cap: null,
    evidence: [...evidence, { kind: "finding", findingKey: "estimates", detail: `${summary}.` }],
  };
}

function diagramBonus(ctx: Context, dimension: string): Adjustment | null {
  const path = check(ctx, "request-path");
  const components = check(ctx, "components");
  if (dimension === "architecture" && path?.passed && components?.passed) {
    return {
      sentence: `+1: the board shows a walkable request path (${clip(path.detail, 140)}).`,
      evidence: [
        ...nodeEvidence(ctx, path.nodeIds),
        { kind: "finding", findingKey: "diagram.request-path", detail: path.detail },
      ],
    };
  }
  const guard = check(ctx, "guardrails");
  if (dimension === "safety-privacy" && guard?.passed) {
    return {
      sentence: `+1: ${clip(guard.detail, 160)}`,
      evidence: [
        ...nodeEvidence(ctx, guard.nodeIds),
        { kind: "finding", findingKey: "diagram.guardrails", detail: guard.detail },
      ],
    };
  }
  const cache = check(ctx, "cache");
  if (dimension === "cost-latency" && cache?.passed) {
    return {
      sentence: `+1: a cache is on the board (${clip(cache.detail, 120)}).`,
      evidence: [
        ...nodeEvidence(ctx, cache.nodeIds),
        { kind: "finding", findingKey: "diagram.cache", detail: cache.detail },
      ],
    };
  }
  return null;
}

function phaseBonus(ctx: Context): { bonus: Adjustment | null; note: string } {
  const phases = ctx.findings.phaseTime;
  const planned = phases.reduce((sum, p) => sum + p.plannedMinutes, 0);
  const actual = phases.reduce((sum, p) => sum + p.actualMinutes, 0);
  if (planned === 0 || phases.length === 0) return { bonus: null, note: "" };
  const deviation = phases.reduce((sum, p) => sum + Math.abs(p.actualMinutes - p.plannedMinutes), 0) / planned;
  const worst = [...phases].sort(
    (a, b) => Math.abs(b.actualMinutes - b.plannedMinutes) - Math.abs(a.actualMinutes - a.plannedMinutes),
  )[0]!;
  const detail = `time per phase deviated ${Math.round(deviation * 100)}% from the plan (largest: ${worst.title}, ${worst.actualMinutes} min against ${worst.plannedMinutes} planned)`;
  // A session that stopped early cannot show time management, however its few minutes were split.
  if (deviation <= PHASE_DEVIATION_LIMIT && actual >= 0.6 * planned) {
    return {
      bonus: {
        sentence: `+1: ${detail}, close to the plan (estimated from the vocabulary of each turn).`,
        evidence: [{ kind: "finding", findingKey: "phaseTime", detail }],
      },
      note: "",
    };
  }
  return { bonus: null, note: `Timing: ${detail} (an estimate from the vocabulary of each turn).` };
}

// ───────────────────────── the dimension results ─────────────────────────

/** "a, b and c" or "a, b, c, d, e and 3 more". */
function listSome(items: readonly string[]): string {
  if (items.length <= MAX_LISTED) return joinList(items);
  return `${items.slice(0, MAX_LISTED).join(", ")} and ${items.length - MAX_LISTED} more`;
}

function signalSentences(
  ctx: Context,
  dimension: RubricDimensionContent,
): { sentences: string[]; evidence: Evidence[]; hits: number } {
  const coverage = ctx.findings.coverage.find((c) => c.dimension === dimension.key);
  const hit = coverage?.hit ?? [];
  const missedKeys = new Set(coverage?.missed ?? dimension.signals.map((s) => s.key));
  const missed = dimension.signals.filter((s) => missedKeys.has(s.key)).map((s) => inSentence(s.label));
  const sentences: string[] = [];
  if (hit.length > 0) {
    sentences.push(
      `Heard ${hit.length} of ${dimension.signals.length} signals: ${listSome(hit.map((h) => inSentence(h.label)))}.`,
    );
  } else {
    sentences.push(
      `None of the ${dimension.signals.length} signals for this dimension came up in the candidate's turns.`,
    );
  }
  if (missed.length > 0 && hit.length > 0) sentences.push(`Not heard: ${listSome(missed)}.`);
  const evidence: Evidence[] = [];
  for (const h of hit.slice(0, MAX_QUOTES)) {
    const occurrence = ctx.occurrences.find((o) => o.dimension === dimension.key && o.signal === h.signal);
    const quote = occurrence ? quoteEvidence(ctx, occurrence) : null;
    if (quote && !evidence.some((e) => e.kind === "quote" && e.quote === quote.quote)) evidence.push(quote);
  }
  return { sentences, evidence, hits: hit.length };
}

function finish(
  ctx: Context,
  dimension: RubricDimensionContent,
  start: ScoreLevel,
  sentences: string[],
  evidence: Evidence[],
  bonus: Adjustment | null,
  caps: Cap[],
): DimensionResult {
  let level = start;
  const text = [...sentences];
  const allEvidence = [...evidence];
  if (bonus) {
    if (level < 4) {
      level = clampLevel(level + 1);
      text.push(bonus.sentence);
    } else text.push(bonus.sentence.replace(/^\+1: /, "Also: "));
    allEvidence.push(...bonus.evidence);
  }
  const flags = ctx.findings.redFlags.filter((f) => f.dimension === dimension.key);
  const allCaps: Cap[] = [
    ...caps,
    ...flags.map((f) => ({
      level: 2 as ScoreLevel,
      reason: `red flag "${f.title}" — ${f.detail.replace(/\.$/, "")}`,
      evidence: [{ kind: "finding", findingKey: `redFlag.${f.key}`, detail: f.detail } as Evidence],
    })),
  ];
  for (const cap of allCaps) {
    allEvidence.push(...cap.evidence);
    if (level > cap.level) {
      level = cap.level;
      text.push(`Capped at ${cap.level}: ${cap.reason}.`);
    } else text.push(`Also: ${cap.reason}.`);
  }
  const label = dimension.levels.find((l) => l.level === level)?.label;
  text.push(`Offline level ${level}${label ? ` (${label})` : ""}.`);
  return {
    key: dimension.key,
    title: dimension.title,
    weight: dimension.weight,
    level,
    rationale: text.join(" "),
    evidence: dedupeEvidence(allEvidence),
    droppedEvidence: 0,
    source: "offline",
  };
}

function dedupeEvidence(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function notAssessable(dimension: RubricDimensionContent, rationale: string): DimensionResult {
  return {
    key: dimension.key,
    title: dimension.title,
    weight: dimension.weight,
    level: null,
    rationale,
    evidence: [],
    droppedEvidence: 0,
    source: "offline",
  };
}

/**
 * Adaptation, per issued curveball: no response → 1; otherwise 1 + one point each for using the
 * expected adaptation's vocabulary (a fifth of its terms, at least two), changing the board (or, when
 * the curveball needs no board, redoing numbers), and naming the adaptation moves the rubric lists
 * (at least two adaptation signals in the response). The mean over curveballs, rounded.
 */
function adaptationResult(ctx: Context, dimension: RubricDimensionContent): DimensionResult {
  const curveballs = ctx.findings.curveballs;
  if (curveballs.length === 0) {
    return notAssessable(
      dimension,
      "Not assessable: no constraint change (curveball) was introduced in this interview.",
    );
  }
  const turns = new Set(candidateTurns(ctx.input.messages).map((m) => m.id));
  const sentences: string[] = [];
  const evidence: Evidence[] = [];
  const levels: number[] = [];
  for (const cb of curveballs) {
    const content = ctx.input.prompt.curveballs.find((c) => c.key === cb.key);
    const responses = cb.responseMessageIds.filter((id) => turns.has(id));
    const minute = `${Math.floor(cb.atSeconds / 60)}:${String(Math.round(cb.atSeconds % 60)).padStart(2, "0")}`;
    if (responses.length === 0) {
      levels.push(1);
      sentences.push(`After "${cb.title}" (at ${minute}) the candidate did not respond.`);
      continue;
    }
    const totalTerms = content ? adaptationTerms(content.goodAdaptation).length : 0;
    const termsNeeded = Math.max(2, Math.ceil(totalTerms * 0.2));
    const termsOk = cb.adaptationTermsUsed.length >= termsNeeded;
    const reestimated = ctx.findings.estimates.some((e) => responses.includes(e.messageId));
    const needsDiagram = content?.needsDiagram ?? true;
    const concrete = needsDiagram ? cb.boardChanged : reestimated || cb.boardChanged;
    const moves = ctx.occurrences.filter((o) => o.dimension === dimension.key && responses.includes(o.messageId));
    const moveLabels = [...new Set(moves.map((o) => inSentence(o.label)))];
    const movesOk = moveLabels.length >= 2;
    levels.push(1 + Number(termsOk) + Number(concrete) + Number(movesOk));

    const parts = [
      `After "${cb.title}" (at ${minute}), ${responses.length} responding turn${responses.length === 1 ? "" : "s"}`,
      totalTerms > 0
        ? `used ${cb.adaptationTermsUsed.length} of ${totalTerms} terms of the expected adaptation${cb.adaptationTermsUsed.length > 0 ? ` (${joinList(cb.adaptationTermsUsed.slice(0, 6))})` : ""}`
        : "",
      needsDiagram
        ? cb.boardChanged
          ? `the board changed (${clip(cb.boardChange, 120)})`
          : "the board did not change"
        : reestimated
          ? "the numbers were redone"
          : cb.boardChanged
            ? "the board changed"
            : "no numbers were redone",
      moveLabels.length > 0
        ? `adaptation moves: ${joinList(moveLabels.slice(0, 4))}`
        : "no explicit adaptation moves (restating the change, knock-on effects, options, trade-off accepted)",
    ].filter(Boolean);
    sentences.push(`${parts.join("; ")}.`);
    evidence.push({
      kind: "finding",
      findingKey: `curveball.${cb.key}`,
      detail: `${cb.boardChange} Terms used: ${cb.adaptationTermsUsed.join(", ") || "none"}.`,
    });
    for (const move of moves.slice(0, 2)) {
      const quote = quoteEvidence(ctx, move);
      if (quote) evidence.push(quote);
    }
  }
  const mean = levels.reduce((a, b) => a + b, 0) / levels.length;
  return finish(ctx, dimension, clampLevel(mean), sentences, evidence, null, []);
}

function dimensionResult(ctx: Context, dimension: RubricDimensionContent): DimensionResult {
  if (dimension.key === "adaptation") return adaptationResult(ctx, dimension);
  const { sentences, evidence, hits } = signalSentences(ctx, dimension);
  const base = levelFromShare(hits, dimension.signals.length);
  let bonus: Adjustment | null = null;
  const caps: Cap[] = [];
  if (dimension.key === "estimation") {
    const estimation = estimationAdjustments(ctx);
    bonus = estimation.bonus;
    if (estimation.cap) caps.push(estimation.cap);
    evidence.push(...estimation.evidence);
  } else if (dimension.key === "communication") {
    const phase = phaseBonus(ctx);
    bonus = phase.bonus;
    if (phase.note) sentences.push(phase.note);
  } else {
    bonus = diagramBonus(ctx, dimension.key);
  }
  if (dimension.key === "architecture" && ctx.findings.diagram.nodeCount === 0) {
    caps.push({
      level: 3,
      reason: "no diagram was drawn, so no request could be walked through the design",
      evidence: [],
    });
  }
  return finish(ctx, dimension, base, sentences, evidence, bonus, caps);
}

function assess(input: ScoringInput, findings: Findings): DimensionResult[] {
  const turns = candidateTurns(input.messages);
  if (turns.length < MIN_CANDIDATE_TURNS) {
    const why = `Not assessable: too little was said (${turns.length} candidate turn${turns.length === 1 ? "" : "s"}; at least ${MIN_CANDIDATE_TURNS} are needed).`;
    return input.rubric.dimensions.map((d) => notAssessable(d, why));
  }
  const ctx: Context = { input, findings, occurrences: signalOccurrences(input.rubric, input.messages) };
  return input.rubric.dimensions.map((d) => dimensionResult(ctx, d));
}

export function scoreOffline(input: ScoringInput, findings: Findings = computeFindings(input)): DimensionResult[] {
  if (!findings.injection.detected) return assess(input, findings);
  // The findings were computed without the flagged text; read the interview the same way.
  const clean = assess(withoutInjection(input), findings);
  const raw = assess(input, computeFindingsUnfiltered(input, findings.injection));
  return clean.map((result, i) => {
    const other = raw[i];
    if (result.level === null || other?.level == null || other.level >= result.level) return result;
    return {
      ...result,
      level: other.level,
      rationale: `${result.rationale} Lowered to ${other.level}: read with the flagged text included, the level is lower, and flagged text may only lower a level.`,
    };
  });
}
