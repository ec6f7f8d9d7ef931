/**
 * The ledger: what the conversation has covered so far, recomputed from the transcript and the
 * board on every turn (nothing is stored, so it can never drift from what was actually said).
 */
import { cleanText, type DiagramGraph } from "@/lib/diagram";
import type { PromptContent } from "@/lib/content/schema";
import { askingSentences, containsAnyTerm, findLoosePairs, findTerms, mentionsQuestion, type TermMatch } from "./text";
import type { InterviewState, Ledger, TranscriptMessage } from "./types";

type Fact = PromptContent["factSheet"][number];

type FactMatch = TermMatch & { topic: string; exact: boolean };

/**
 * Fact topics a message asks about, in fact-sheet order. Only sentences that ask count ("What's
 * the latency target?" asks; "Latency matters here." does not). When phrases overlap, exact
 * phrases beat loose pairs and the longest wins, so "tokens per second" finds the latency fact
 * and not the "tokens" one.
 */
export function factTopicsAskedIn(factSheet: readonly Fact[], text: string): string[] {
  const topics = new Set<string>();
  for (const sentence of askingSentences(text)) {
    const matches: FactMatch[] = factSheet.flatMap((fact) => [
      ...findTerms(sentence, fact.askedAs).map((m) => ({ ...m, topic: fact.topic, exact: true })),
      ...findLoosePairs(sentence, fact.askedAs).map((m) => ({ ...m, topic: fact.topic, exact: false })),
    ]);
    matches.sort(
      (a, b) => Number(b.exact) - Number(a.exact) || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
    const taken: { start: number; end: number }[] = [];
    for (const match of matches) {
      if (taken.some((t) => match.start < t.end && t.start < match.end)) continue;
      taken.push(match);
      topics.add(match.topic);
    }
  }
  return factSheet.map((f) => f.topic).filter((topic) => topics.has(topic));
}

/** The facts (topic and answer) a message asks about. */
export function factsAskedIn(
  prompt: Pick<PromptContent, "factSheet">,
  text: string,
): { topic: string; answer: string }[] {
  const topics = new Set(factTopicsAskedIn(prompt.factSheet, text));
  return prompt.factSheet
    .filter((f) => topics.has(f.topic))
    .map((f) => ({ topic: f.topic, answer: cleanText(f.answer) }));
}

export function candidateMessages(messages: readonly TranscriptMessage[]): TranscriptMessage[] {
  return messages.filter((m) => m.role === "candidate");
}

export function interviewerMessages(messages: readonly TranscriptMessage[]): TranscriptMessage[] {
  return messages.filter((m) => m.role === "interviewer");
}

/** The candidate's most recent message, if the candidate has said anything. */
export function latestCandidateMessage(messages: readonly TranscriptMessage[]): TranscriptMessage | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role === "candidate") return message;
  }
  return null;
}

/** Labels of the components on the board, cleaned, de-duplicated, in reading order. */
export function boardComponentLabels(graph: DiagramGraph | null): string[] {
  if (!graph) return [];
  const labels = graph.nodes.map((node) => cleanText(node.label)).filter((label) => label !== "");
  return [...new Set(labels)];
}

/** Whether any interviewer message asked `question` (verbatim or nearly). */
export function interviewerAsked(messages: readonly TranscriptMessage[], question: string): boolean {
  return interviewerMessages(messages).some((m) => mentionsQuestion(m.content, question));
}

export function buildLedger(
  state: Pick<InterviewState, "prompt" | "messages" | "curveballsIssued" | "diagram">,
): Ledger {
  const { prompt, messages } = state;
  const candidate = candidateMessages(messages);

  const asked = new Set(candidate.flatMap((m) => factTopicsAskedIn(prompt.factSheet, m.content)));
  const factsAsked = prompt.factSheet.map((f) => f.topic).filter((topic) => asked.has(topic));

  const probesCovered = prompt.probes
    .filter((probe) => candidate.some((m) => containsAnyTerm(m.content, probe.coveredBy)))
    .map((probe) => probe.key);

  const probesRaised = prompt.probes
    .filter((probe) => interviewerAsked(messages, probe.question))
    .map((probe) => probe.key);

  return {
    factsAsked,
    probesCovered,
    probesRaised,
    curveballsIssued: [...new Set(state.curveballsIssued.map((c) => c.key))],
    boardComponents: boardComponentLabels(state.diagram.current),
  };
}
