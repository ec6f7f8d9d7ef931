/**
 * What a model call for the interviewer's next message needs: the cached system prefix, the
 * per-turn notes and the recent transcript, held to a token budget. The wording lives in the
 * versioned template (prompts/interviewer.v1.ts); this module chooses and fits the content.
 */
import { estimateTokens, graphToDigest, truncateText } from "@/lib/diagram";
import {
  INTERVIEWER_PROMPT_REF,
  NO_NEW_MESSAGE_LINE,
  OPENING_USER_LINE,
  buildCachedSystem,
  buildDirective,
  buildDynamicSystem,
  fenceUntrusted,
} from "@/prompts/interviewer.v1";
import { componentName } from "./board";
import { readClock } from "./clock";
import { pendingFacts } from "./policy";
import { formatClock } from "./text";
import type { InterviewState, InterviewerContext, TranscriptMessage, TurnPlan } from "./types";

export interface InterviewerContextOptions {
  /** Budget for the whole context (system parts and messages), estimated with `estimateTokens`. Default 6000. */
  maxTokens?: number;
  /** Most transcript messages included, newest last. Default 12. */
  recentTurns?: number;
  /**
   * Fence id for untrusted data. Pass a random per-interview value in production (stable across
   * the interview keeps the transcript prefix cacheable). Default: derived from the interview's
   * settings, which keeps tests deterministic — safe either way, because fence brackets are
   * stripped from untrusted text.
   */
  nonce?: string;
}

export const DEFAULT_CONTEXT_MAX_TOKENS = 6000;
export const DEFAULT_RECENT_TURNS = 12;
/** Board digest budget inside the per-turn notes. */
const BOARD_DIGEST_TOKENS = 450;
/** Rough per-message overhead of the chat format. */
const MESSAGE_OVERHEAD_TOKENS = 4;
/** The newest message keeps at least this much even when the system parts alone fill the budget. */
const MIN_LATEST_MESSAGE_TOKENS = 200;

type ChatMessage = InterviewerContext["messages"][number];

/** FNV-1a, 32 bits: a small deterministic hash for the default nonce. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Stable for all turns of one interview (its settings and its first message never change). */
export function deriveNonce(
  state: Pick<InterviewState, "prompt" | "framework" | "level" | "mode" | "durationMinutes" | "messages">,
): string {
  const first = state.messages[0];
  const basis = [
    state.prompt.slug,
    state.framework.slug,
    state.level,
    state.mode,
    state.durationMinutes,
    first?.seq ?? "",
    first?.content ?? "",
  ].join("|");
  return `f${fnv1a(basis).toString(36)}${fnv1a(basis, 0x2545f491).toString(36)}`;
}

function usableNonce(nonce: string | undefined): string | null {
  const cleaned = (nonce ?? "").replace(/[^A-Za-z0-9]/g, "");
  return cleaned.length >= 6 ? cleaned.slice(0, 64) : null;
}

function tokensOf(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);
}

/** Cuts text until its estimate fits `maxTokens` (the estimate weighs non-ASCII text heavier). */
function truncateToTokens(text: string, maxTokens: number): string {
  let chars = maxTokens * 4;
  let cut = truncateText(text, chars);
  while (chars > 1 && estimateTokens(cut) > maxTokens) {
    chars = Math.floor(chars * 0.8);
    cut = truncateText(text, chars);
  }
  return cut;
}

/** One transcript message as the model sees it; candidate text fenced as untrusted data. */
function toChatMessage(message: TranscriptMessage, nonce: string, maxTokens?: number): ChatMessage {
  const content = maxTokens === undefined ? message.content : truncateToTokens(message.content, maxTokens);
  if (message.role === "candidate") {
    return { role: "user", content: fenceUntrusted(content, nonce, `candidate at ${formatClock(message.atSeconds)}`) };
  }
  return { role: "assistant", content };
}

/** Providers require alternating roles that start (and, for a reply, end) with the user. */
function alternate(messages: readonly ChatMessage[]): ChatMessage[] {
  const merged: ChatMessage[] = [];
  for (const message of messages) {
    const last = merged[merged.length - 1];
    if (last && last.role === message.role) last.content = `${last.content}\n\n${message.content}`;
    else merged.push({ ...message });
  }
  if (merged[0]?.role !== "user") merged.unshift({ role: "user", content: OPENING_USER_LINE });
  if (merged[merged.length - 1]?.role !== "user") merged.push({ role: "user", content: NO_NEW_MESSAGE_LINE });
  return merged;
}

/**
 * The newest transcript messages that fit `budget`, oldest dropped first. The newest message is
 * always kept, cut down if it alone does not fit.
 */
function fitTranscript(messages: readonly TranscriptMessage[], nonce: string, budget: number): ChatMessage[] {
  for (let start = 0; start < messages.length; start++) {
    const chat = alternate(messages.slice(start).map((m) => toChatMessage(m, nonce)));
    if (tokensOf(chat) <= budget) return chat;
  }
  const newest = messages[messages.length - 1];
  if (!newest) return alternate([]);
  // Leave room for the fence lines and the filler lines around the message.
  const allowance = Math.max(MIN_LATEST_MESSAGE_TOKENS, budget - 60);
  return alternate([toChatMessage(newest, nonce, allowance)]);
}

function focusNodeId(state: InterviewState, plan: TurnPlan): string | null {
  if (plan.action.kind !== "react-to-diagram") return null;
  const focus = plan.action.added[0];
  const node = state.diagram.current?.nodes.find((n) => componentName(n.label) === focus);
  return node?.id ?? null;
}

/** The model's input for the interviewer's next message. Pure: the same state gives the same context. */
export function buildInterviewerContext(
  state: InterviewState,
  plan: TurnPlan,
  options: InterviewerContextOptions = {},
): InterviewerContext {
  const maxTokens = options.maxTokens ?? DEFAULT_CONTEXT_MAX_TOKENS;
  const recentTurns = Math.max(1, Math.floor(options.recentTurns ?? DEFAULT_RECENT_TURNS));
  const nonce = usableNonce(options.nonce) ?? deriveNonce(state);
  const clock = readClock(state);

  const cachedSystem = buildCachedSystem({
    prompt: state.prompt,
    framework: state.framework,
    level: state.level,
    mode: state.mode,
    durationMinutes: state.durationMinutes,
    phases: clock.phases,
  });

  const directive = buildDirective(plan.action, {
    pendingFacts: plan.action.kind === "curveball" ? pendingFacts(state) : [],
    focusNodeId: focusNodeId(state, plan),
  });
  const dynamicSystem = buildDynamicSystem({
    nonce,
    elapsedSeconds: plan.elapsedSeconds,
    remainingSeconds: plan.remainingSeconds,
    durationMinutes: state.durationMinutes,
    currentPhase: plan.currentPhase,
    phaseNumber: clock.phaseIndex + 1,
    phaseCount: clock.phases.length,
    secondsLeftInPhase: clock.secondsLeftInPhase,
    ledger: plan.ledger,
    curveballTimes: state.curveballsIssued,
    directive,
    boardDigest: state.diagram.current
      ? graphToDigest(state.diagram.current, { maxTokens: BOARD_DIGEST_TOKENS })
      : "Diagram: empty.",
    boardDelta: plan.diagramDelta,
  });

  const systemTokens = estimateTokens(cachedSystem) + estimateTokens(dynamicSystem);
  const messages = fitTranscript(state.messages.slice(-recentTurns), nonce, maxTokens - systemTokens);
  return {
    promptRef: INTERVIEWER_PROMPT_REF,
    cachedSystem,
    dynamicSystem,
    messages,
    estimatedTokens: systemTokens + tokensOf(messages),
  };
}
