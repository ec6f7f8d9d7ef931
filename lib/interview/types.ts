/**
 * The interviewer engine's contract: what the caller loads (InterviewState), what the engine
 * decides (TurnPlan), and what a model call needs (InterviewerContext). Pure data, no I/O.
 */
import type { DiagramGraph } from "@/lib/diagram";
import type { FrameworkContent, LevelKey, PromptContent } from "@/lib/content/schema";
import type { PlannedPhase } from "./phases";

export type InterviewModeKey = "interview" | "coach";
export type MessageRoleKey = "candidate" | "interviewer" | "system";
export type MessageKindKey = "chat" | "curveball" | "nudge" | "hint";

export interface TranscriptMessage {
  seq: number;
  role: MessageRoleKey;
  kind: MessageKindKey;
  content: string;
  /** Seconds since the interview started (in interview time, i.e. already scaled). */
  atSeconds: number;
  /** Phase key when the message was written. */
  phase: string | null;
}

/** Everything the engine needs to decide the next step, loaded by the caller. */
export interface InterviewState {
  prompt: PromptContent;
  framework: FrameworkContent;
  level: LevelKey;
  mode: InterviewModeKey;
  durationMinutes: number;
  /** Seconds of interview time elapsed now (the server's clock, scaled for tests). */
  elapsedSeconds: number;
  messages: TranscriptMessage[];
  /** Curveballs already issued, by key, with when. */
  curveballsIssued: { key: string; atSeconds: number }[];
  /** Keys of time nudges already given (each fires once). */
  nudgesIssued: string[];
  /** Generic follow-up questions (latency vs quality, privacy, safety, scale) for when the prompt's own probes run out. */
  followUps?: { key: string; question: string; dimension: string }[];
  /** The board now, and as it was when the interviewer last spoke (null: empty / none yet). */
  diagram: { current: DiagramGraph | null; atLastInterviewerTurn: DiagramGraph | null; snapshotSeq: number | null };
}

export interface Ledger {
  /** Fact-sheet topics the candidate has asked about (and so has been given). */
  factsAsked: string[];
  /** Probe keys the candidate covered unprompted or after being asked. */
  probesCovered: string[];
  /** Probe keys the interviewer has raised. */
  probesRaised: string[];
  curveballsIssued: string[];
  /** Labels of components on the board now. */
  boardComponents: string[];
}

export type TurnAction =
  | { kind: "answer-facts"; facts: { topic: string; answer: string }[]; followUp: FollowUp | null }
  | { kind: "curveball"; curveball: { key: string; title: string; announcement: string } }
  | { kind: "react-to-diagram"; added: string[]; question: string; probeKey: string | null }
  | { kind: "probe"; probeKey: string; question: string }
  | { kind: "framework-question"; stepKey: string; question: string }
  | { kind: "wrap-up"; question: string }
  | { kind: "closing" };

export interface FollowUp {
  probeKey: string | null;
  question: string;
}

export interface TimeNudge {
  key: string;
  text: string;
}

/** What the engine decided for the interviewer's next message. */
export interface TurnPlan {
  elapsedSeconds: number;
  remainingSeconds: number;
  phases: PlannedPhase[];
  currentPhase: PlannedPhase;
  ledger: Ledger;
  action: TurnAction;
  /** Plain-language summary of what changed on the board since the interviewer last spoke, if anything. */
  diagramDelta: string | null;
}

export interface InterviewerContext {
  /** `name@version` of the prompt template that produced this context. */
  promptRef: string;
  /** Identical for every turn of an interview: persona, rules, private problem pack (prompt caching). */
  cachedSystem: string;
  /** Changes every turn: time, phase, ledger, this turn's directive, board digest/delta. */
  dynamicSystem: string;
  messages: { role: "user" | "assistant"; content: string }[];
  estimatedTokens: number;
}
