/**
 * The OFFLINE interviewer: words a TurnPlan without a model. Short, one question at a time, never
 * hands over the design; answers clarifying questions with the fact sheet's own numbers. Wording
 * varies deterministically with the message sequence number so it does not sound robotic, and
 * the same state always produces the same reply.
 */
import type { FrameworkContent, PromptContent } from "@/lib/content/schema";
import { planPhases, type PlannedPhase } from "./phases";
import { pendingFacts, unansweredCandidateMessages } from "./policy";
import { askingSentences, joinList, pick } from "./text";
import type { InterviewModeKey, InterviewState, TranscriptMessage, TurnAction, TurnPlan } from "./types";

type Facts = { topic: string; answer: string }[];

/** A seed for wording choices: the newest message's sequence number. */
function replySeed(messages: readonly TranscriptMessage[]): number {
  return messages[messages.length - 1]?.seq ?? 0;
}

const QUESTION_WORDS =
  /^(how|what|which|why|when|where|who|do|does|did|is|are|can|could|would|should|will|given|if|walk|tell)\b/i;

/** Lowercases the first letter when the text opens with an ordinary question word (never a name). */
function continueSentence(question: string): string | null {
  return QUESTION_WORDS.test(question) ? question[0]!.toLowerCase() + question.slice(1) : null;
}

/** "X — how …?" when the question reads on from the dash, else "X. Question?". */
function leadInto(lead: string, question: string): string {
  const continued = continueSentence(question);
  return continued ? `${lead} — ${continued}` : `${lead}. ${question}`;
}

function factAnswers(facts: Facts): string {
  return facts.map((f) => f.answer).join(" ");
}

/** Asking for a number the fact sheet does not have: the candidate should assume one. */
const NUMBER_QUESTION =
  /\bhow (many|much|fast|long|big|large|often)\b|\bwhat(?:'s| is| are) (?:the|our) (?:target|budget|scale|number|volume|size|limit|sla|slo)\b/i;

function askedForUnknownNumber(state: InterviewState): boolean {
  const open = unansweredCandidateMessages(state.messages)
    .map((m) => m.content)
    .join("\n");
  return askingSentences(open).some((s) => NUMBER_QUESTION.test(s)) && pendingFacts(state).length === 0;
}

function answerFacts(action: Extract<TurnAction, { kind: "answer-facts" }>, plan: TurnPlan, seed: number): string {
  const opener = pick(["Good question.", "Sure.", "Fair question.", "Happy to clarify."], seed);
  const stillClarifying = plan.phases[0]?.key === plan.currentPhase.key;
  const closer = action.followUp
    ? action.followUp.question
    : stillClarifying
      ? pick(
          [
            "What else would you like to know?",
            "Anything else you want to pin down before you start?",
            "What else do you need?",
          ],
          seed,
        )
      : pick(["Does that change anything in your design?", "How does that fit with what you have so far?"], seed);
  return `${opener} ${factAnswers(action.facts)} ${closer}`;
}

function curveball(action: Extract<TurnAction, { kind: "curveball" }>, state: InterviewState, seed: number): string {
  const facts = pendingFacts(state);
  const answered = facts.length > 0 ? `Quick answer first: ${factAnswers(facts)} ` : "";
  const lead = pick(
    [
      "Let me change one thing.",
      "New information just came in.",
      "Let's change a constraint.",
      "Something has changed.",
    ],
    seed,
  );
  const announcement = action.curveball.announcement.trim();
  // Many announcements already end by asking what changes; one question is enough.
  const ask = announcement.includes("?") ? "" : " How does your design change?";
  return `${answered}${lead} ${announcement}${ask}`;
}

const MAX_NAMED = 3;

function namedList(labels: readonly string[]): string {
  if (labels.length <= MAX_NAMED) return joinList(labels);
  return `${labels.slice(0, MAX_NAMED).join(", ")} and ${labels.length - MAX_NAMED} more`;
}

function reactToDiagram(action: Extract<TurnAction, { kind: "react-to-diagram" }>): string {
  const [focus] = action.added;
  if (focus === undefined) return action.question;
  const added = `You added ${namedList(action.added)}`;
  // A probe question stands on its own; a component question says "it", so say which one.
  if (action.probeKey !== null || action.added.length === 1) return leadInto(added, action.question);
  return `${added}. ${leadInto(`Starting with ${focus}`, action.question)}`;
}

function probe(question: string, state: InterviewState, seed: number): string {
  if (askedForUnknownNumber(state)) {
    return `I don't have a number for that — make a reasonable assumption, say it out loud, and keep going. ${question}`;
  }
  const opener = pick(["Okay.", "Got it.", "Thanks.", "Let me push on one thing.", "Let's go a level deeper."], seed);
  return `${opener} ${question}`;
}

function frameworkQuestion(question: string, seed: number): string {
  const opener = pick(["Let's move on.", "Okay, next topic.", "Let's shift gears.", "Next one."], seed);
  return `${opener} ${question}`;
}

function wrapUp(question: string, plan: TurnPlan, seed: number): string {
  const minutes = Math.max(1, Math.round(plan.remainingSeconds / 60));
  const lead = pick([`We have about ${minutes} minute${minutes === 1 ? "" : "s"} left.`, "We're close to time."], seed);
  return `${lead} ${question}`;
}

const CLOSING =
  "That's time — thanks for walking me through your design. We'll stop here; your written feedback will follow shortly.";

/** The offline interviewer's message for a plan. Never empty. */
export function offlineReply(state: InterviewState, plan: TurnPlan): string {
  const seed = replySeed(state.messages);
  const action = plan.action;
  switch (action.kind) {
    case "closing":
      return CLOSING;
    case "curveball":
      return curveball(action, state, seed);
    case "answer-facts":
      return answerFacts(action, plan, seed);
    case "react-to-diagram":
      return reactToDiagram(action);
    case "probe":
      return probe(action.question, state, seed);
    case "framework-question":
      return frameworkQuestion(action.question, seed);
    case "wrap-up":
      return wrapUp(action.question, plan, seed);
  }
}

// ───────────────────────── the first message ─────────────────────────

function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function lowerFirstWord(title: string): string {
  return title.length > 1 && title[1] === title[1]!.toLowerCase() ? title[0]!.toLowerCase() + title.slice(1) : title;
}

function minutes(count: number): string {
  return count === 1 ? "1 minute" : `${count} minutes`;
}

/** How the time will be used, from the planned phases: first phase, the middle, last phase. */
function timePlan(phases: readonly PlannedPhase[], durationMinutes: number): string {
  const used = phases.filter((p) => p.minutes > 0);
  const first = used[0];
  const last = used[used.length - 1];
  if (!first || !last || first === last) return `We have ${minutes(durationMinutes)}.`;
  const middle = used.slice(1, -1);
  const middleText =
    middle.length === 0
      ? ""
      : middle.length <= 2
        ? `then ${joinList(middle.map((p) => lowerFirstWord(p.title)))}, `
        : "then most of the time on the design itself, ";
  return (
    `We have ${minutes(durationMinutes)}: roughly the first ${first.minutes} on ${lowerFirstWord(first.title)}, ` +
    `${middleText}and the last ${last.minutes} on ${lowerFirstWord(last.title)}.`
  );
}

/**
 * The interviewer's first message: greets, restates the problem in a line, says how the time
 * will be used, and asks the candidate to start with clarifying questions.
 */
export function openingMessage(
  prompt: Pick<PromptContent, "title" | "summary">,
  framework: Pick<FrameworkContent, "steps" | "baseMinutes">,
  mode: InterviewModeKey,
  durationMinutes: number = framework.baseMinutes,
): string {
  const phases = planPhases(framework.steps, durationMinutes);
  const modeLine =
    mode === "coach"
      ? "This is a coaching session: if you get stuck, ask me for a hint — hints are noted in your report."
      : "I'll answer clarifying questions with real numbers, but I won't give hints — treat it like the real thing.";
  return [
    `Hi, thanks for joining — I'll be your interviewer today. The problem: ${prompt.title.trim()}. In short: ${asSentence(prompt.summary)}`,
    `${timePlan(phases, durationMinutes)} Sketch on the whiteboard as you go; I'll be following it. ${modeLine}`,
    "Before you design anything, what would you like to clarify?",
  ].join("\n\n");
}
