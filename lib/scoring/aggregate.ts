/**
 * Totals, verdict, drills and the report body. All computed in code, never by a model: a judge
 * (AI or offline) only supplies a level per dimension.
 */
import type { LevelKey, PromptContent, RubricContent, RubricDimensionContent } from "@/lib/content/schema";
import { findTerms, inSentence } from "./text";
import type { DimensionResult, Findings, ReportBody, ScoringInput, Verdict } from "./types";

/** Below this share of the rubric's weight assessed, there is no overall score. */
export const MIN_ASSESSED_WEIGHT = 0.5;

/**
 * Weighted mean of the assessed levels, weights renormalised over the assessed dimensions, rounded to
 * two decimals; null when less than half of the weight could be assessed.
 */
export function weightedScore(dimensions: readonly DimensionResult[]): number | null {
  const total = dimensions.reduce((sum, d) => sum + d.weight, 0);
  const assessed = dimensions.filter((d) => d.level !== null);
  const assessedWeight = assessed.reduce((sum, d) => sum + d.weight, 0);
  if (total <= 0 || assessedWeight <= 0 || assessedWeight / total < MIN_ASSESSED_WEIGHT) return null;
  const mean = assessed.reduce((sum, d) => sum + d.weight * (d.level ?? 0), 0) / assessedWeight;
  return Math.round(mean * 100) / 100;
}

/**
 * Lowest weighted score for each verdict, by the level the candidate is interviewing for. Senior is the
 * reference; mid is 0.3 lower and staff 0.3 higher, because the same anchored levels mean more at a
 * lower bar.
 */
export const VERDICT_THRESHOLDS: Record<LevelKey, [Verdict, number][]> = {
  mid: [
    ["strong hire", 3.0],
    ["hire", 2.6],
    ["lean hire", 2.3],
    ["lean no hire", 1.9],
  ],
  senior: [
    ["strong hire", 3.3],
    ["hire", 2.9],
    ["lean hire", 2.6],
    ["lean no hire", 2.2],
  ],
  staff: [
    ["strong hire", 3.6],
    ["hire", 3.2],
    ["lean hire", 2.9],
    ["lean no hire", 2.5],
  ],
};

const VERDICT_ORDER: Verdict[] = ["no hire", "lean no hire", "lean hire", "hire", "strong hire"];

/** Higher is better: "no hire" 0 … "strong hire" 4. */
export function verdictRank(verdict: Verdict): number {
  return VERDICT_ORDER.indexOf(verdict);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function names(dimensions: readonly DimensionResult[]): string {
  const parts = dimensions.map((d) => `${d.title} (${d.level})`);
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

export function verdictFor(
  score: number | null,
  level: LevelKey,
  dimensions: readonly DimensionResult[],
): ReportBody["verdict"] {
  if (score === null) return null;
  let verdict: Verdict = "no hire";
  for (const [name, minimum] of VERDICT_THRESHOLDS[level]) {
    if (score >= minimum - 1e-9) {
      verdict = name;
      break;
    }
  }
  const assessed = dimensions.filter((d) => d.level !== null);
  // A "strong" signal with a dimension below the bar is not strong: one level 1 holds it at "hire".
  const belowBar = assessed.filter((d) => d.level === 1);
  let note = "";
  if (verdict === "strong hire" && belowBar.length > 0) {
    verdict = "hire";
    note = ` Held at hire because ${names(belowBar)} is below the bar.`;
  }
  // Strongest and weakest: by level, then by weight (what matters more is named first).
  const byStrength = [...assessed].sort((a, b) => (b.level ?? 0) - (a.level ?? 0) || b.weight - a.weight);
  const byWeakness = [...assessed].sort((a, b) => (a.level ?? 0) - (b.level ?? 0) || b.weight - a.weight);
  const top = byStrength[0]?.level ?? 0;
  const bottom = byWeakness[0]?.level ?? 0;
  const strongest = byStrength.filter((d) => d.level === top).slice(0, 2);
  const weakest = byWeakness.filter((d) => d.level === bottom).slice(0, 2);
  const head = `${capitalise(verdict)} at ${level} (${score.toFixed(2)} of 4)`;
  const body =
    top === bottom
      ? `: level ${top} across all ${assessed.length} assessed dimensions.`
      : `: strongest in ${names(strongest)}, weakest in ${names(weakest)}.`;
  const skipped = dimensions.length - assessed.length;
  const unassessed = skipped > 0 ? ` ${skipped} dimension${skipped === 1 ? " was" : "s were"} not assessable.` : "";
  return { level, verdict, summary: `${head}${body}${note}${unassessed}` };
}

/** What to practise first, per dimension key of the default rubric (other rubrics get a generic title). */
const DRILL_TITLES: Record<string, string> = {
  "problem-framing": "Clarify before you design",
  estimation: "Back-of-the-envelope: tokens, QPS, cost and GPUs",
  architecture: "Walk one request end to end on the board",
  "data-context": "Choose the knowledge path: prompting, RAG, tools or fine-tuning",
  "model-serving": "Model tiers, routing and serving mechanics",
  evaluation: "Design the evaluation plan before launch",
  "safety-privacy": "Threat-model the LLM system",
  reliability: "Failure modes and graceful degradation",
  "cost-latency": "Latency budget and cost levers",
  adaptation: "Adapt the design when a constraint changes",
  communication: "Structure, trade-offs and time",
};

/**
 * A prompt-specific reference point from the reference outline for the drill's "why": the outline line
 * that uses most of the dimension's signal terms (so a data-strategy drill gets the retrieval line, not
 * the first deep dive), falling back to the section that usually matches the dimension.
 */
function outlineHint(prompt: PromptContent, dimension: RubricDimensionContent | undefined, key: string): string | null {
  const outline = prompt.referenceOutline;
  const lines = [
    ...outline.requirements,
    ...outline.estimates.map((e) => `${e.quantity}: ${e.arithmetic}`),
    ...outline.architecture,
    ...outline.deepDives,
    ...outline.tradeoffs,
    ...outline.failureModes,
  ];
  if (dimension) {
    const terms = dimension.signals.flatMap((s) => s.terms);
    let best: { line: string; hits: number } | null = null;
    for (const line of lines) {
      const hits = new Set(findTerms(line, terms).map((m) => m.term)).size;
      if (hits > 0 && (!best || hits > best.hits)) best = { line, hits };
    }
    if (best) return best.line;
  }
  const fallback: Record<string, string | undefined> = {
    "problem-framing": outline.requirements[0],
    estimation: lines[outline.requirements.length],
    architecture: outline.architecture[0],
    reliability: outline.failureModes[0],
    communication: outline.tradeoffs[0],
    "cost-latency": outline.tradeoffs[0],
  };
  return fallback[key] ?? outline.deepDives[0] ?? null;
}

/**
 * Three drills from the weakest assessed dimensions (lowest level, then highest weight, then rubric
 * order), each saying what the next level looks like (the rubric's level-3 anchor, or level 4 for a
 * dimension already at the bar) and, when findings are given, which signals were missing.
 */
export function suggestDrills(
  dimensions: readonly DimensionResult[],
  rubric: RubricContent,
  prompt: PromptContent,
  findings?: Pick<Findings, "coverage">,
  count = 3,
): ReportBody["drills"] {
  const order = new Map(rubric.dimensions.map((d, i) => [d.key, i]));
  const weakest = dimensions
    .filter((d): d is DimensionResult & { level: 1 | 2 | 3 } => d.level !== null && d.level < 4)
    .sort((a, b) => a.level - b.level || b.weight - a.weight || (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0))
    .slice(0, count);
  return weakest.map((d) => {
    const content = rubric.dimensions.find((r) => r.key === d.key);
    const target = d.level >= 3 ? 4 : 3;
    const anchor = content?.levels.find((l) => l.level === target)?.anchor;
    const current = content?.levels.find((l) => l.level === d.level)?.label ?? `level ${d.level}`;
    const missed = findings?.coverage.find((c) => c.dimension === d.key)?.missed ?? [];
    const missedLabels = missed
      .map((key) => {
        const label = content?.signals.find((s) => s.key === key)?.label;
        return label ? inSentence(label) : undefined;
      })
      .filter((label): label is string => Boolean(label))
      .slice(0, 4);
    const hint = outlineHint(prompt, content, d.key);
    const why = [
      `You were at level ${d.level} (${current}).`,
      anchor ? `Level ${target} looks like this: ${anchor}` : "",
      missedLabels.length > 0 ? `Not heard this time: ${missedLabels.join("; ")}.` : "",
      hint ? `For "${prompt.title}", a reference point: ${hint}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    return {
      dimension: d.key,
      title: `${DRILL_TITLES[d.key] ?? `Practise ${d.title.toLowerCase()}`} (${prompt.title})`,
      why,
    };
  });
}

export function buildReportBody(
  input: ScoringInput,
  dimensions: DimensionResult[],
  findings: Findings,
  source: ReportBody["source"],
  scorerRef: string,
): ReportBody {
  const score = weightedScore(dimensions);
  const verdict = verdictFor(score, input.level, dimensions);
  if (verdict && findings.injection.detected) {
    verdict.summary += " Text that tries to instruct the scorer was flagged; it earns nothing.";
  }
  return {
    version: 1,
    source,
    scorerRef,
    findings,
    dimensions,
    weightedScore: score,
    verdict,
    drills: suggestDrills(dimensions, input.rubric, input.prompt, findings),
    evidenceDropped: dimensions.reduce((sum, d) => sum + d.droppedEvidence, 0),
  };
}
