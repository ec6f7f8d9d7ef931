/** What the interview room receives from the server (JSON over the API and the page's first render). */
import type { PhaseActual } from "./phase-tracking";
import type { PlannedPhase } from "./phases";

export interface RoomMessage {
  id: string;
  seq: number;
  role: "candidate" | "interviewer" | "system";
  kind: "chat" | "curveball" | "nudge" | "hint";
  status: "complete" | "streaming" | "partial" | "failed";
  content: string;
  clientId: string | null;
  replyToSeq: number | null;
  atSeconds: number;
}

export interface RoomState {
  interview: {
    id: string;
    status: "active" | "ended";
    level: string;
    mode: string;
    model: string;
    durationMinutes: number;
    clockScale: number;
    startedAt: string;
    endsAt: string;
    /** The server's clock when this was produced; the browser counts down from it, not from its own clock. */
    serverNow: string;
    elapsedSeconds: number;
  };
  prompt: { slug: string; version: number; title: string; brief: string };
  framework: { slug: string; version: number; title: string };
  phases: PlannedPhase[];
  /** Coach mode only: each phase's goal and key questions, shown as guidance in the room. */
  guide: { key: string; title: string; goal: string; keyQuestions: string[] }[] | null;
  /** Minutes spent per phase so far, estimated from what the candidate talked about. */
  phaseActuals: PhaseActual[];
  messages: RoomMessage[];
  board: { seq: number; hash: string; scene: unknown } | null;
}
