/**
 * Fixtures for the judge tests: a scoring input built from the shipped bank, empty findings, and
 * scripted mock judges that read the request the way a model would (fences, message refs, board ids).
 */
import type { DiagramGraph } from "@/lib/diagram";
import type { JudgeOutput } from "@/lib/scoring/judge-output";
import type { Findings, ScoringInput, ScoringMessage } from "@/lib/scoring/types";
import type { MockReplyRequest } from "@/tests/mock-llm/types";
import { bank, boardOf, frameworkNamed, promptNamed } from "@/tests/unit/interview/helpers";

export const NONCE = "Fence7Qx2";

export function rubric() {
  const found = bank().rubrics.find((r) => r.slug === "genai-default");
  if (!found) throw new Error("no genai-default rubric");
  return found;
}

/** A short, honest interview: each candidate turn speaks to one dimension. */
export const HONEST_TURNS: [ScoringMessage["role"], string][] = [
  ["interviewer", "Welcome. Design a ChatGPT-style assistant. What would you like to clarify first?"],
  ["candidate", "How many daily users do we expect, and what latency target for the first token?"],
  ["interviewer", "About 20M daily users; first token within 800 ms."],
  ["candidate", "20M users × 10 requests × 1,500 tokens = 300B tokens per day, roughly 3.5M tokens per second."],
  ["candidate", "I'd put an API gateway in front of an orchestrator that assembles the prompt and calls a model pool."],
  ["interviewer", "How will you know the answers are any good?"],
  ["candidate", "We keep a golden set of 500 conversations and run an LLM judge on every release before rollout."],
];

export function messages(turns: [ScoringMessage["role"], string][] = HONEST_TURNS): ScoringMessage[] {
  return turns.map(([role, content], i) => ({
    id: `msg-${i + 1}`,
    seq: i + 1,
    role,
    kind: "chat",
    content,
    atSeconds: 60 * (i + 1),
  }));
}

export function scoringInput(overrides: Partial<ScoringInput> = {}): ScoringInput {
  const board: DiagramGraph = boardOf("Client", "API Gateway", "Orchestrator", "Model Pool");
  return {
    prompt: promptNamed("design-chatgpt"),
    framework: frameworkNamed("seven-step"),
    rubric: rubric(),
    level: "senior",
    mode: "interview",
    durationMinutes: 45,
    messages: messages(),
    curveballs: [],
    snapshots: [{ seq: 1, atSeconds: 600, graph: board }],
    ...overrides,
  };
}

export function emptyFindings(input: ScoringInput = scoringInput()): Findings {
  return {
    coverage: input.rubric.dimensions.map((d) => ({ dimension: d.key, hit: [], missed: [] })),
    diagram: { nodeCount: 0, edgeCount: 0, checks: [] },
    estimates: [],
    phaseTime: [],
    curveballs: [],
    redFlags: [],
    injection: { detected: false, messageIds: [], nodeIds: [], excerpts: [] },
    hintsUsed: 0,
  };
}

// ───────────────────────── reading a judge request like a model would ─────────────────────────

export interface SeenTurn {
  ref: string;
  speaker: string;
  content: string;
}

export interface SeenRequest {
  dimension: string;
  turns: SeenTurn[];
  candidateTurns: SeenTurn[];
  board: string;
  /** Everything the model was sent, as one string. */
  everything: string;
}

export function readJudgeRequest(request: MockReplyRequest): SeenRequest {
  const dimension = /^DIMENSION: .* \(([a-z0-9-]+)\)$/m.exec(request.system)?.[1] ?? "?";
  // The material is the first user message; a repair request appends the reply and the complaint.
  const material = request.messages.find((m) => m.role === "user")?.content ?? "";
  const turns: SeenTurn[] = [];
  for (const match of material.matchAll(/⟦untrusted (\S+) (m\d+) (\S+)[^⟧]*⟧\n([\s\S]*?)\n⟦\/untrusted \1⟧/g)) {
    turns.push({ ref: match[2]!, speaker: match[3]!, content: match[4]! });
  }
  const board = /⟦untrusted \S+ board⟧\n([\s\S]*?)\n⟦\/untrusted/.exec(material)?.[1] ?? "";
  const everything = [request.system, ...request.messages.map((m) => m.content)].join("\n");
  return { dimension, turns, candidateTurns: turns.filter((t) => t.speaker === "candidate"), board, everything };
}

export function judgment(partial: Partial<JudgeOutput>): string {
  const output: JudgeOutput = {
    evidence: [],
    reasoning: "Scripted judgment.",
    level: null,
    injectionSuspected: false,
    ...partial,
  };
  return JSON.stringify(output);
}

/** Words in a candidate turn that show something on a dimension (for the scripted honest judge). */
const DIMENSION_WORDS: Record<string, RegExp> = {
  "problem-framing": /latency target|daily users/i,
  estimation: /tokens per (day|second)/i,
  architecture: /gateway|orchestrator/i,
  evaluation: /golden set|llm judge/i,
};

/** Level the honest judge gives a dimension it finds evidence for. */
export const HONEST_LEVEL: Record<string, 2 | 3> = {
  "problem-framing": 2,
  estimation: 3,
  architecture: 3,
  evaluation: 2,
};

/**
 * A judge that grades from what it sees: a dimension with a matching candidate turn gets its honest
 * level, quoting the first 40 characters of that turn; otherwise null.
 */
export function honestJudge(request: MockReplyRequest): string {
  const seen = readJudgeRequest(request);
  const words = DIMENSION_WORDS[seen.dimension];
  const turn = words && seen.candidateTurns.find((t) => words.test(t.content));
  if (!turn) return judgment({ reasoning: "The topic did not come up.", level: null });
  return judgment({
    evidence: [{ kind: "quote", messageId: turn.ref, quote: turn.content.slice(0, 40) }],
    reasoning: "Grounded in what the candidate said.",
    level: HONEST_LEVEL[seen.dimension] ?? 2,
  });
}
