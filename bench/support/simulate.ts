/**
 * Plays the scripted candidate (interview-script.ts) against the real interviewer engine (lib/interview,
 * pure functions), the way the app drives it: board saved before the message, time nudges as system
 * messages, curveballs recorded, the offline interviewer's wording as the reply. No database, no clock.
 */
import type { FrameworkContent, PromptContent } from "@/lib/content/schema";
import type { ContentBank } from "@/lib/content/validate";
import { parseScene, sceneToGraph, type DiagramGraph } from "@/lib/diagram";
import {
  dueNudge,
  offlineReply,
  openingMessage,
  planTurn,
  type InterviewState,
  type TranscriptMessage,
  type TurnPlan,
} from "@/lib/interview";
import type { ScoringInput } from "@/lib/scoring/types";
import { CANDIDATE_TURNS, SCRIPT_MINUTES, sceneAt } from "./interview-script";

export interface TurnContext {
  /** 0-based candidate turn. */
  index: number;
  state: InterviewState;
  plan: TurnPlan;
  /** The board as Excalidraw JSON (what the browser saved), "" while empty. */
  sceneJson: string;
  boardElements: number;
}

export interface SimulatedInterview {
  state: InterviewState;
  snapshots: { seq: number; atSeconds: number; graph: DiagramGraph }[];
  curveballs: { key: string; atSeconds: number; seq: number; snapshotSeq: number | null }[];
}

/** Runs the 40 scripted turns; `onTurn` sees each turn's state and plan before the reply is added. */
export function simulateInterview(
  content: { bank: ContentBank; prompt: PromptContent; framework: FrameworkContent },
  onTurn: (turn: TurnContext) => void = () => {},
): SimulatedInterview {
  const { bank, prompt, framework } = content;
  const state: InterviewState = {
    prompt,
    framework,
    level: "senior",
    mode: "interview",
    durationMinutes: SCRIPT_MINUTES,
    elapsedSeconds: 0,
    messages: [],
    curveballsIssued: [],
    nudgesIssued: [],
    followUps: bank.followups.flatMap((b) =>
      b.questions.map((q) => ({ key: `${b.slug}/${q.key}`, question: q.question, dimension: q.dimension })),
    ),
    diagram: { current: null, atLastInterviewerTurn: null, snapshotSeq: null },
  };
  const say = (role: TranscriptMessage["role"], kind: TranscriptMessage["kind"], text: string) => {
    state.messages.push({
      seq: state.messages.length + 1,
      role,
      kind,
      content: text,
      atSeconds: Math.round(state.elapsedSeconds),
      phase: null,
    });
    return state.messages.length;
  };
  say("interviewer", "chat", openingMessage(prompt, framework, "interview", SCRIPT_MINUTES));

  const snapshots: SimulatedInterview["snapshots"] = [];
  const curveballs: SimulatedInterview["curveballs"] = [];
  let lastScene = "";
  const spacing = (SCRIPT_MINUTES * 60) / (CANDIDATE_TURNS.length + 1);
  for (const [index, turn] of CANDIDATE_TURNS.entries()) {
    state.elapsedSeconds = Math.round((index + 1) * spacing);
    const scene = sceneAt(index + 1);
    const sceneJson = scene ? JSON.stringify(scene) : "";
    if (scene && sceneJson !== lastScene) {
      const parsed = parseScene(scene);
      if (!parsed.ok) throw new Error(`scripted board after turn ${index + 1}: ${parsed.error.message}`);
      const graph = sceneToGraph(parsed.scene);
      snapshots.push({ seq: snapshots.length + 1, atSeconds: Math.max(0, state.elapsedSeconds - 20), graph });
      state.diagram = { ...state.diagram, current: graph, snapshotSeq: snapshots.length };
      lastScene = sceneJson;
    }
    const nudge = dueNudge(state);
    if (nudge) {
      say("system", "nudge", nudge.text);
      state.nudgesIssued.push(nudge.key);
    }
    say("candidate", "chat", turn.text);

    const plan = planTurn(state);
    onTurn({ index, state, plan, sceneJson, boardElements: scene?.elements.length ?? 0 });
    const reply = offlineReply(state, plan);
    const curveball = plan.action.kind === "curveball" ? plan.action.curveball : null;
    const seq = say("interviewer", curveball ? "curveball" : "chat", reply);
    if (curveball) {
      state.curveballsIssued.push({ key: curveball.key, atSeconds: state.elapsedSeconds });
      curveballs.push({
        key: curveball.key,
        atSeconds: state.elapsedSeconds,
        seq,
        snapshotSeq: state.diagram.snapshotSeq,
      });
    }
    state.diagram = { ...state.diagram, atLastInterviewerTurn: state.diagram.current };
  }
  return { state, snapshots, curveballs };
}

/** The simulated interview as the scorer reads it (message ids m1, m2, … by seq). */
export function toScoringInput(simulated: SimulatedInterview, rubric: ScoringInput["rubric"]): ScoringInput {
  const { state } = simulated;
  return {
    prompt: state.prompt,
    framework: state.framework,
    rubric,
    level: state.level,
    mode: state.mode,
    durationMinutes: state.durationMinutes,
    messages: state.messages.map((m) => ({
      id: `m${m.seq}`,
      seq: m.seq,
      role: m.role,
      kind: m.kind,
      content: m.content,
      atSeconds: m.atSeconds,
    })),
    curveballs: simulated.curveballs.map((c) => ({
      key: c.key,
      atSeconds: c.atSeconds,
      messageId: `m${c.seq}`,
      snapshotSeq: c.snapshotSeq,
    })),
    snapshots: simulated.snapshots,
  };
}
