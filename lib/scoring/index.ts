// Public API of the scoring module (pure parts). Server-only pieces (pipeline, worker, load, reports)
// are imported from their own files. One export line per module keeps merges simple.

export type * from "./types";

/** Deterministic findings: coverage, diagram checks, estimates, phase time, curveballs, red flags, injection. */
export {
  computeFindings,
  computeFindingsUnfiltered,
  computeCurveballs,
  computePhaseTime,
  finalGraph,
} from "./findings";
export { computeCoverage } from "./signals";

/** The scorer used when no model is available. */
export { scoreOffline, PHASE_DEVIATION_LIMIT } from "./offline-scorer";

/** Totals, verdict and drills, computed in code. */
export {
  buildReportBody,
  MIN_ASSESSED_WEIGHT,
  suggestDrills,
  VERDICT_THRESHOLDS,
  verdictFor,
  verdictRank,
  weightedScore,
} from "./aggregate";

/** Building blocks, exported for the judge and for tests. */
export { checkEstimates, ESTIMATE_TOLERANCE, findEstimates, formatQuantity, hasQuantity } from "./estimates";
export { DIAGRAM_CHECK_LABELS, diagramChecks } from "./diagram-checks";
export { detectInjection, isInjection, scanForInjection, stripInjection, withoutInjection } from "./injection";
export { detectRedFlags } from "./red-flags";
export { adaptationTerms, candidateTurns, MIN_CANDIDATE_TURNS, signalOccurrences } from "./signals";
export { findTerms, quoteAround } from "./text";
