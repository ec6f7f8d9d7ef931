/** What coach review hands to pages and the browser: plain JSON shapes, no Prisma types. Client-safe. */
import type { DiagramGraph } from "@/lib/diagram";
import type { AgreementStats } from "@/lib/scoring/calibration";
import type { CommentAnchor } from "./schemas";

export type ReviewStatusKey = "in-progress" | "complete";

export interface OverrideView {
  dimensionKey: string;
  dimensionTitle: string;
  /** The AI's level when the coach overrode it (null = the AI found it not assessable). */
  aiLevel: number | null;
  coachLevel: number;
  reason: string;
  updatedAt: string;
}

export interface ReviewView {
  id: string;
  reportId: string;
  coach: { id: string; name: string };
  status: ReviewStatusKey;
  summary: string | null;
  completedAt: string | null;
  overrides: OverrideView[];
}

export interface CommentView {
  id: string;
  author: { id: string; name: string };
  body: string;
  anchor: CommentAnchor;
  createdAt: string;
}

/** The coach's own review of the latest report and every comment on the interview. */
export interface ReviewState {
  review: ReviewView | null;
  comments: CommentView[];
}

/** What the candidate's report shows of coach reviews (every coach's, newest first). */
export interface ReportReviews {
  reviews: ReviewView[];
  comments: CommentView[];
}

export interface ReplayMessage {
  id: string;
  seq: number;
  role: "candidate" | "interviewer" | "system";
  kind: "chat" | "curveball" | "nudge" | "hint";
  content: string;
  atSeconds: number;
}

export interface ReplayFrame {
  seq: number;
  atSeconds: number;
  graph: DiagramGraph | null;
}

/** Board snapshots and messages on one time axis (interview seconds), for the scrubber. */
export interface Replay {
  /** Where the timeline ends: the later of the end of the interview and its last event. */
  endSeconds: number;
  durationSeconds: number;
  frames: ReplayFrame[];
  messages: ReplayMessage[];
}

export interface QueueRow {
  interviewId: string;
  candidate: { id: string; name: string; email: string };
  prompt: { slug: string; title: string };
  level: string;
  mode: string;
  model: string;
  durationMinutes: number;
  startedAt: string;
  endedAt: string | null;
  report: {
    id: string;
    status: "pending" | "complete" | "incomplete";
    verdict: string | null;
    weightedScore: number | null;
  } | null;
  review: { status: "not-started" | ReviewStatusKey; completedAt: string | null; overrides: number };
}

export interface QueueResult {
  rows: QueueRow[];
  page: number;
  pageSize: number;
  hasMore: boolean;
  /** How many interviews match the filters other than the status, by status (for the tabs). */
  counts: { waiting: number; inProgress: number; complete: number; all: number };
}

export interface CalibrationRow extends AgreementStats {
  dimensionKey: string;
  title: string;
  overridden: number;
  confirmed: number;
  /** Overrides of a dimension the AI found not assessable: they have no AI level to pair with. */
  unpaired: number;
}

export interface CalibrationResult {
  rows: CalibrationRow[];
  overall: AgreementStats;
  reviewsCounted: number;
  options: {
    rubrics: { id: string; label: string }[];
    models: string[];
  };
}
