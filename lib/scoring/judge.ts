/**
 * The LLM judge: one structured call per rubric dimension (all in parallel), evidence verified in
 * code, levels without verifiable evidence discarded. The judge never computes totals.
 *
 * Injection defence, in code (it does not rely on the model resisting):
 *  - text flagged by the deterministic detector (findings.injection) is removed from what the judge
 *    sees: flagged candidate turns and board items read "[removed: instructions to the grader]", and
 *    flagged excerpts are cut from every other text shown;
 *  - evidence citing a flagged turn or board item is dropped, so a level can only rest on text that
 *    was not flagged — the judge's level cannot exceed what the material supports without it.
 * Text the detector misses is only as safe as the model and the evidence rules make it.
 */
import "server-only";
import type { DiagramGraph } from "@/lib/diagram";
import { graphToDigest } from "@/lib/diagram";
import type { RubricDimensionContent } from "@/lib/content/schema";
import type { CallDeps, CallOptions } from "@/lib/llm/call";
import { completeStructured, type StructuredRequest } from "@/lib/llm/structured";
import type { LlmProvider } from "@/lib/llm/types";
import {
  JUDGE_PROMPT_REF,
  REMOVED_FOR_INJECTION,
  buildDimensionFacts,
  buildJudgeCachedSystem,
  buildJudgeMaterial,
  buildJudgeTask,
  curveballsFor,
  type JudgeTurn,
} from "@/prompts/judge.v1";
import { judgeOutputStructuredSchema, type JudgeEvidence, type JudgeOutput } from "./judge-output";
import type { DimensionResult, Evidence, Findings, ScoreLevel, ScoringInput, ScoringMessage } from "./types";
import { normalizeForMatch, verifyEvidence } from "./verify";

export { JUDGE_PROMPT_REF } from "@/prompts/judge.v1";

export const NO_VERIFIABLE_EVIDENCE = "not assessable: no verifiable evidence";

/** CallDeps (record, and optional sleep/now/random for tests) plus the providers and the fence nonce. */
export interface JudgeDeps extends CallDeps {
  /** Providers in fallback order; the offline provider is skipped (it cannot judge). */
  chain: readonly LlmProvider[];
  /** Random per scoring run; delimits the untrusted material. */
  nonce: string;
}

export interface JudgeOptions {
  /** Independent samples per dimension, odd (default 1); the median level is kept. */
  samples?: number;
  /** Default 0 for one sample, 0.5 for several (samples must differ to be worth taking). */
  temperature?: number;
  /** Output budget per call (default 3000: reasoning models think inside it). */
  maxTokens?: number;
  signal?: AbortSignal;
  /** Retries, timeouts (lib/llm/call.ts). */
  call?: CallOptions;
}

export interface JudgeFailure {
  dimension: string;
  reason: string;
}

export interface JudgeOutcome {
  /**
   * One result per rubric dimension, in rubric order. A dimension in `failures` is here too, with
   * level null and a rationale saying it was not scored; the caller decides what a failure means.
   */
  dimensions: DimensionResult[];
  /** Some judge call reported an attempt to instruct the grader (see also findings.injection). */
  injectionSuspected: boolean;
  failures: JudgeFailure[];
}

/** A verified judgment of one dimension by one sample. */
interface SampleJudgment {
  level: ScoreLevel | null;
  rationale: string;
  evidence: Evidence[];
  droppedEvidence: number;
  injectionSuspected: boolean;
}

type SampleOutcome = { ok: true; judgment: SampleJudgment } | { ok: false; reason: string };

export async function judgeDimensions(
  input: ScoringInput,
  findings: Findings,
  deps: JudgeDeps,
  options: JudgeOptions = {},
): Promise<JudgeOutcome> {
  const samples = options.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1 || samples % 2 === 0) {
    throw new RangeError(`samples must be a positive odd number (got ${samples})`);
  }
  const view = judgeView(input, findings);
  const cachedSystem = buildJudgeCachedSystem();

  const requestFor = (dimension: RubricDimensionContent): StructuredRequest<JudgeOutput> => ({
    purpose: "judge",
    promptRef: JUDGE_PROMPT_REF,
    cachedSystem,
    dynamicSystem: buildJudgeTask({
      nonce: deps.nonce,
      prompt: input.prompt,
      level: input.level,
      mode: input.mode,
      durationMinutes: input.durationMinutes,
      dimension,
      facts: buildDimensionFacts(findings, { dimension, prompt: input.prompt, refOf: view.refOf }),
    }),
    messages: [{ role: "user", content: view.material(dimension, deps.nonce) }],
    maxTokens: options.maxTokens ?? 3_000,
    temperature: options.temperature ?? (samples === 1 ? 0 : 0.5),
    signal: options.signal,
    schema: judgeOutputStructuredSchema,
  });

  const judgeOnce = async (request: StructuredRequest<JudgeOutput>): Promise<SampleOutcome> => {
    try {
      const { value } = await completeStructured(deps.chain, request, deps, options.call);
      return { ok: true, judgment: view.check(value) };
    } catch (error) {
      return { ok: false, reason: failureReason(error) };
    }
  };

  // Every call for every dimension at once: the slowest call, not the sum, sets the wall time.
  const perDimension = await Promise.all(
    input.rubric.dimensions.map(async (dimension) => {
      const request = requestFor(dimension);
      return { dimension, outcomes: await Promise.all(Array.from({ length: samples }, () => judgeOnce(request))) };
    }),
  );

  const failures: JudgeFailure[] = [];
  let injectionSuspected = false;
  const dimensions = perDimension.map(({ dimension, outcomes }): DimensionResult => {
    const base = { key: dimension.key, title: dimension.title, weight: dimension.weight, source: "ai" as const };
    const judged = outcomes.flatMap((o) => (o.ok ? [o.judgment] : []));
    injectionSuspected ||= judged.some((j) => j.injectionSuspected);
    const chosen = medianJudgment(judged);
    if (chosen === null) {
      const reason = outcomes.find((o) => !o.ok)?.reason ?? "no judgment";
      failures.push({ dimension: dimension.key, reason });
      return {
        ...base,
        level: null,
        rationale: `not scored: the AI judge failed (${reason})`,
        evidence: [],
        droppedEvidence: 0,
      };
    }
    const { level, rationale, evidence, droppedEvidence } = chosen;
    return { ...base, level, rationale, evidence, droppedEvidence };
  });
  return { dimensions, injectionSuspected, failures };
}

/**
 * The median sample: a not-assessable one when most samples found nothing to assess, else the
 * sample holding the median assessed level (the lower middle one when an even number remain, after
 * failures or not-assessable samples).
 */
function medianJudgment(judged: readonly SampleJudgment[]): SampleJudgment | null {
  const unassessed = judged.filter((j) => j.level === null);
  if (unassessed.length * 2 > judged.length) return unassessed[0] ?? null;
  const assessed = judged.filter((j) => j.level !== null).sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
  return assessed[Math.floor((assessed.length - 1) / 2)] ?? unassessed[0] ?? null;
}

function failureReason(error: unknown): string {
  if (error instanceof Error) {
    const kind = (error as { kind?: unknown }).kind;
    return typeof kind === "string" ? `${kind}: ${error.message}` : error.message;
  }
  return String(error);
}

// ───────────────────────── what the judge sees, and what it may cite ─────────────────────────

interface JudgeView {
  refOf(messageId: string): string;
  /** The user message for one dimension. */
  material(dimension: RubricDimensionContent, nonce: string): string;
  /** Verifies and caps one raw judgment. */
  check(output: JudgeOutput): SampleJudgment;
}

/**
 * The material with flagged text removed, the message refs (m1, m2, …) the judge cites, and the
 * checks applied to its output. Refs rather than raw ids: ids from an imported file are arbitrary
 * strings, and short refs cost fewer tokens.
 */
function judgeView(input: ScoringInput, findings: Findings): JudgeView {
  const flaggedMessages = new Set(findings.injection.messageIds);
  const flaggedBoardItems = new Set(findings.injection.nodeIds);
  // Flagged excerpts are cut wherever else they appear (an interviewer echoing them, an unflagged turn).
  const excerpts = findings.injection.excerpts
    .map((e) => e.trim())
    .filter((e) => e.length >= 8)
    .map((e) => new RegExp(e.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"));
  const scrub = (text: string) => excerpts.reduce((out, excerpt) => out.replace(excerpt, REMOVED_FOR_INJECTION), text);

  const ordered = [...input.messages].sort((a, b) => a.seq - b.seq);
  const shown: ScoringMessage[] = ordered.map((m) => ({
    ...m,
    content: flaggedMessages.has(m.id) ? REMOVED_FOR_INJECTION : scrub(m.content),
  }));
  const refById = new Map(ordered.map((m, i) => [m.id, `m${i + 1}`]));
  const idByRef = new Map(ordered.map((m, i) => [`m${i + 1}`, m.id]));
  const turns: JudgeTurn[] = shown.map((m) => ({
    ref: refById.get(m.id) ?? m.id,
    role: m.role,
    kind: m.kind,
    atSeconds: m.atSeconds,
    content: m.content,
  }));

  const finalGraph = input.snapshots.at(-1)?.graph ?? null;
  const shownGraph = finalGraph && withoutFlaggedText(finalGraph, flaggedBoardItems, scrub);
  const digest = shownGraph ? graphToDigest(shownGraph) : null;
  const removedMarker = normalizeForMatch(REMOVED_FOR_INJECTION);

  return {
    refOf: (id) => refById.get(id) ?? "(unknown turn)",

    material(dimension, nonce) {
      const relevant = new Set(curveballsFor(dimension, input.prompt.curveballs).map((c) => c.key));
      // Change descriptions quote board labels; when the board held flagged text, only the facts' yes/no is kept.
      const boardChanges =
        flaggedBoardItems.size > 0 || excerpts.length > 0
          ? []
          : findings.curveballs
              .filter((c) => relevant.has(c.key) && c.boardChange.trim() !== "")
              .map((c) => ({ title: c.title, atSeconds: c.atSeconds, text: c.boardChange }));
      return buildJudgeMaterial({ nonce, turns, boardDigest: digest, boardChanges, dimensionTitle: dimension.title });
    },

    check(output) {
      const cited = output.evidence.map((item): JudgeEvidence =>
        item.kind === "quote" ? { ...item, messageId: idByRef.get(item.messageId.trim()) ?? item.messageId } : item,
      );
      const { kept, dropped } = verifyEvidence(cited, { messages: shown }, shownGraph);
      const allowed = kept.filter((e) => !restsOnFlaggedText(e, flaggedMessages, flaggedBoardItems, removedMarker));
      const droppedEvidence = dropped + kept.length - allowed.length;
      const reasoning = output.reasoning.trim();
      if (output.level !== null && allowed.length === 0) {
        return {
          level: null,
          rationale: NO_VERIFIABLE_EVIDENCE,
          evidence: [],
          droppedEvidence,
          injectionSuspected: output.injectionSuspected,
        };
      }
      const rationale =
        reasoning !== ""
          ? reasoning
          : output.level === null
            ? "not assessable: no evidence either way"
            : "no reasoning given";
      return {
        level: output.level,
        rationale,
        evidence: allowed,
        droppedEvidence,
        injectionSuspected: output.injectionSuspected,
      };
    },
  };
}

function restsOnFlaggedText(
  evidence: Evidence,
  flaggedMessages: ReadonlySet<string>,
  flaggedBoardItems: ReadonlySet<string>,
  removedMarker: string,
): boolean {
  if (evidence.kind === "quote") {
    return flaggedMessages.has(evidence.messageId) || normalizeForMatch(evidence.quote).includes(removedMarker);
  }
  if (evidence.kind === "node") {
    return flaggedBoardItems.has(evidence.nodeId) || normalizeForMatch(evidence.label).includes(removedMarker);
  }
  return false;
}

/** A copy of the board with flagged items' text replaced and flagged excerpts cut from the rest. */
function withoutFlaggedText(
  graph: DiagramGraph,
  flagged: ReadonlySet<string>,
  scrub: (text: string) => string,
): DiagramGraph {
  const clean = (id: string, text: string) => (flagged.has(id) ? REMOVED_FOR_INJECTION : scrub(text));
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({ ...n, label: clean(n.id, n.label) })),
    notes: graph.notes.map((n) => ({ ...n, text: clean(n.id, n.text) })),
    zones: graph.zones.map((z) => ({ ...z, label: clean(z.id, z.label) })),
    edges: graph.edges.map((e) => ({ ...e, label: clean(e.id, e.label) })),
  };
}
