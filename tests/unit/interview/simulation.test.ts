// A scripted short interview over every prompt in the bank, through planTurn + offlineReply, the
// way the app drives the offline interviewer: nudges posted as system messages, curveballs
// recorded, the board snapshot at each interviewer turn remembered.
import { describe, expect, it } from "vitest";
import type { DiagramGraph } from "@/lib/diagram";
import type { FrameworkContent, PromptContent } from "@/lib/content/schema";
import {
  dueNudge,
  offlineReply,
  openingMessage,
  planTurn,
  type InterviewState,
  type TranscriptMessage,
  type TurnAction,
} from "@/lib/interview";
import { bank, boardOf, makeState } from "./helpers";

interface ScriptedTurn {
  /** When the candidate speaks, as a share of the interview. */
  at: number;
  text: string;
  board: DiagramGraph | null;
}

function script(prompt: PromptContent): ScriptedTurn[] {
  const latency = prompt.factSheet.find((f) => f.topic === "latency")!;
  return [
    { at: 0.03, text: "Hi! How many users do we expect?", board: null },
    {
      at: 0.08,
      text: `Thanks. Could you tell me about the ${latency.askedAs[0]}? Also, what's the budget?`,
      board: null,
    },
    { at: 0.2, text: "I'll start with a client calling an API gateway.", board: boardOf("Client", "API Gateway") },
    {
      at: 0.32,
      text: "Requests go through an orchestrator to the LLM service, and tokens stream back.",
      board: boardOf("Client", "API Gateway", "Orchestrator", "LLM Service"),
    },
    {
      at: 0.45,
      text: "I'd add a vector DB for retrieval and a cache in front of the model.",
      board: boardOf("Client", "API Gateway", "Orchestrator", "LLM Service", "Vector DB", "Cache"),
    },
    {
      at: 0.58,
      text: "For safety I'd put guardrails before and after the model.",
      board: boardOf("Client", "API Gateway", "Orchestrator", "LLM Service", "Vector DB", "Cache", "Guardrails"),
    },
    {
      at: 0.72,
      text: "Offline golden sets and canaries online; if the model is down we fall back to a smaller one.",
      board: boardOf(
        "Client",
        "API Gateway",
        "Orchestrator",
        "LLM Service",
        "Vector DB",
        "Cache",
        "Guardrails",
        "Eval Pipeline",
      ),
    },
    {
      at: 0.9,
      text: "To summarise: gateway, orchestrator, retrieval, model pool and guardrails; the main trade-off is cost against latency.",
      board: null,
    },
  ];
}

interface Turn {
  action: TurnAction;
  reply: string;
}

function simulate(
  prompt: PromptContent,
  framework: FrameworkContent,
  durationMinutes: number,
): { turns: Turn[]; nudges: string[]; state: InterviewState } {
  const state = makeState({ prompt, framework, durationMinutes });
  const say = (role: TranscriptMessage["role"], kind: TranscriptMessage["kind"], content: string) =>
    state.messages.push({
      seq: state.messages.length + 1,
      role,
      kind,
      content,
      atSeconds: state.elapsedSeconds,
      phase: null,
    });
  const interviewerTurn = (): Turn => {
    const plan = planTurn(state);
    const reply = offlineReply(state, plan);
    if (plan.action.kind === "curveball")
      state.curveballsIssued.push({ key: plan.action.curveball.key, atSeconds: state.elapsedSeconds });
    say("interviewer", plan.action.kind === "curveball" ? "curveball" : "chat", reply);
    state.diagram.atLastInterviewerTurn = state.diagram.current;
    return { action: plan.action, reply };
  };

  say("interviewer", "chat", openingMessage(prompt, framework, state.mode, durationMinutes));
  const turns: Turn[] = [];
  const nudges: string[] = [];
  for (const step of script(prompt)) {
    state.elapsedSeconds = Math.round(step.at * durationMinutes * 60);
    if (step.board) state.diagram.current = step.board;
    say("candidate", "chat", step.text);
    const nudge = dueNudge(state);
    if (nudge) {
      say("system", "nudge", nudge.text);
      state.nudgesIssued.push(nudge.key);
      nudges.push(nudge.text);
    }
    turns.push(interviewerTurn());
  }
  state.elapsedSeconds = durationMinutes * 60;
  turns.push(interviewerTurn());
  return { turns, nudges, state };
}

const squash = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

/**
 * Text of the reference outline a reply must never contain: every run of eight words (whole items
 * of four to seven words), except runs the interviewer may say anyway because the fact sheet,
 * a probe, a curveball or the framework says the same (outline requirements restate facts).
 */
function outlineShingles(prompt: PromptContent, framework: FrameworkContent): string[] {
  const outline = prompt.referenceOutline;
  const texts = [
    ...outline.requirements,
    ...outline.estimates.flatMap((e) => [e.quantity, e.arithmetic]),
    ...outline.architecture,
    ...outline.deepDives,
    ...outline.tradeoffs,
    ...outline.failureModes,
  ];
  const sayable = squash(
    [
      prompt.title,
      prompt.summary,
      ...prompt.factSheet.map((f) => f.answer),
      ...prompt.probes.map((p) => p.question),
      ...prompt.curveballs.map((c) => c.announcement),
      ...framework.steps.flatMap((s) => [s.title, ...s.keyQuestions]),
    ].join(" | "),
  );
  const shingles = new Set<string>();
  for (const text of texts) {
    const words = squash(text).split(" ");
    if (words.length >= 4 && words.length < 8) shingles.add(words.join(" "));
    for (let i = 0; i + 8 <= words.length; i++) shingles.add(words.slice(i, i + 8).join(" "));
  }
  return [...shingles].filter((shingle) => !sayable.includes(shingle));
}

const { prompts, frameworks } = bank();
const DURATIONS = [45, 30, 60];

describe("offline interview simulation over the whole bank", () => {
  it("covers every prompt", () => {
    expect(prompts.length).toBeGreaterThanOrEqual(33);
  });

  it.each(
    prompts.map(
      (prompt, i) =>
        [prompt.slug, prompt, frameworks[i % frameworks.length]!, DURATIONS[i % DURATIONS.length]!] as const,
    ),
  )("%s", (_slug, prompt, framework, duration) => {
    const { turns, state } = simulate(prompt, framework, duration);

    for (const turn of turns) expect(turn.reply.trim().length, turn.action.kind).toBeGreaterThan(0);

    const answered = turns.flatMap((t) => (t.action.kind === "answer-facts" ? t.action.facts : []));
    expect(answered.length).toBeGreaterThan(0);
    for (const fact of answered) expect(turns.some((t) => t.reply.includes(fact.answer))).toBe(true);

    expect(state.curveballsIssued.length).toBeGreaterThanOrEqual(1);
    expect(turns.at(-1)?.action.kind).toBe("closing");

    const shingles = outlineShingles(prompt, framework);
    expect(shingles.length).toBeGreaterThan(20);
    for (const { reply } of turns) {
      const said = squash(reply);
      const leaked = shingles.find((shingle) => said.includes(shingle));
      expect(leaked, `reply leaks the reference outline: ${reply}`).toBeUndefined();
    }
  });
});
