/**
 * The scoring contract: what a scorer reads (ScoringInput, independent of the database so the CLI and
 * the interchange format use it too), what it finds in code (Findings), and the versioned report body
 * stored in reports.data. Levels are 1–4 as anchored by the rubric, or null = not assessable.
 */
import type { FrameworkContent, LevelKey, PromptContent, RubricContent } from "@/lib/content/schema";
import type { DiagramGraph } from "@/lib/diagram";

export interface ScoringMessage {
  /** Stable id a judge can cite (database id, or the interchange file's message id). */
  id: string;
  seq: number;
  role: "candidate" | "interviewer" | "system";
  kind: "chat" | "curveball" | "nudge" | "hint";
  content: string;
  atSeconds: number;
}

export interface ScoringInput {
  prompt: PromptContent;
  framework: FrameworkContent;
  rubric: RubricContent;
  level: LevelKey;
  mode: "interview" | "coach";
  durationMinutes: number;
  messages: ScoringMessage[];
  /** Curveballs issued, with when, the message that announced them and the board version at that moment. */
  curveballs: { key: string; atSeconds: number; messageId: string | null; snapshotSeq: number | null }[];
  /** Every board save in order, as graphs (lib/diagram), for before/after comparisons. */
  snapshots: { seq: number; atSeconds: number; graph: DiagramGraph }[];
}

/** Evidence for a judgment. Quotes must occur verbatim in a candidate turn; node ids must exist in the final board. */
export type Evidence =
  | { kind: "quote"; messageId: string; quote: string }
  | { kind: "node"; nodeId: string; label: string }
  | { kind: "finding"; findingKey: string; detail: string };

export type ScoreLevel = 1 | 2 | 3 | 4;

export interface DimensionResult {
  key: string;
  title: string;
  weight: number;
  level: ScoreLevel | null;
  /** Why this level, in words a candidate can act on; for null, why it could not be assessed. */
  rationale: string;
  evidence: Evidence[];
  /** Evidence the judge cited that did not check out (dropped, counted here). */
  droppedEvidence: number;
  source: "ai" | "offline";
}

export interface EstimateCheck {
  messageId: string;
  /** The arithmetic as the candidate stated it, e.g. "100K users × 10 requests × 2K tokens = 2B tokens/day". */
  statement: string;
  stated: number;
  computed: number;
  ok: boolean;
  detail: string;
}

export interface Findings {
  /** Rubric signals seen in candidate turns, per dimension (from the rubric's `signals` terms). */
  coverage: { dimension: string; hit: { signal: string; label: string; messageIds: string[] }[]; missed: string[] }[];
  diagram: {
    nodeCount: number;
    edgeCount: number;
    checks: { key: string; label: string; passed: boolean; detail: string; nodeIds: string[] }[];
  };
  estimates: EstimateCheck[];
  phaseTime: { key: string; title: string; plannedMinutes: number; actualMinutes: number }[];
  curveballs: {
    key: string;
    title: string;
    atSeconds: number;
    /** Board changes from the snapshot at the curveball to the last one, in words (lib/diagram describeDiff). */
    boardChange: string;
    boardChanged: boolean;
    /** Candidate turns after the curveball that respond to it. */
    responseMessageIds: string[];
    /** Words from the curveball's good adaptation that the candidate's response used. */
    adaptationTermsUsed: string[];
  }[];
  redFlags: { key: string; title: string; dimension: string; detail: string; messageIds: string[] }[];
  /** Attempts to instruct the scorer from inside the transcript or the board. They never raise a score. */
  injection: { detected: boolean; messageIds: string[]; nodeIds: string[]; excerpts: string[] };
  hintsUsed: number;
}

export type Verdict = "strong hire" | "hire" | "lean hire" | "lean no hire" | "no hire";

export interface ReportBody {
  version: 1;
  source: "ai" | "offline";
  /** name@version of the prompt(s) that produced AI judgments, or "offline-scorer@1". */
  scorerRef: string;
  findings: Findings;
  dimensions: DimensionResult[];
  /** Weighted mean of assessed levels on a 1–4 scale; null when too little could be assessed. */
  weightedScore: number | null;
  verdict: { level: LevelKey; verdict: Verdict; summary: string } | null;
  drills: { dimension: string; title: string; why: string }[];
  evidenceDropped: number;
}
