/**
 * Deterministic detectors for the rubric's red flags, by flag key. A detector exists only where a
 * heuristic is defensible from words and the board; the others are left to the judge:
 * - privacy-afterthought: needs to know whether the data is sensitive and where it is sent — judgment;
 * - over-engineering: "more than the problem calls for" cannot be read off keywords;
 * - llm-as-magic-box: overlaps ignores-cost-latency and llm-as-source-of-truth, and otherwise needs judgment;
 * - lost-in-internals: time on transformer internals is not separable from legitimate serving depth by terms.
 *
 * Flags built on ABSENCE ("never mentioned evaluation") only fire when the candidate said enough for
 * absence to mean something (MIN_CANDIDATE_TURNS); a two-turn session is reported as not assessable instead.
 */
import { isAskingSentence } from "@/lib/interview/text";
import { findTerms, hasAnyTerm, sentenceSpans } from "./text";
import { hasQuantity } from "./estimates";
import { candidateTurns, MIN_CANDIDATE_TURNS } from "./signals";
import type { Findings, ScoringInput, ScoringMessage } from "./types";

type RedFlag = Findings["redFlags"][number];
/** The findings the detectors read (computed before red flags). */
type FlagInputs = Pick<Findings, "coverage" | "diagram" | "estimates" | "curveballs">;

const FINE_TUNING_TERMS = [
  "fine-tune",
  "fine-tuning",
  "finetune",
  "finetuning",
  "train the model on",
  "train a model on",
  "train our own model",
  "train our own llm",
  "train a custom model",
  "retrain",
  "train it on",
  "train from scratch",
  "pretrain",
];
/** Sentences that defer or reject fine-tuning do not propose it ("we would not fine-tune first"). */
const DEFERRAL =
  /\b(?:no|not|don't|do not|won't|wouldn't|avoid|instead of|rather than|without|before|skip|later|only if|only after|unless|until|eventually|last resort|if needed|if necessary|down the line|phase 2|v2|plateau\w*|not worth)\b/i;
const PROMPT_OR_RETRIEVAL_TERMS = [
  "prompt",
  "prompting",
  "system prompt",
  "few-shot",
  "few shot",
  "in-context",
  "rag",
  "retrieval",
  "retrieve",
  "vector",
  "embedding",
  "search",
  "tool",
  "function calling",
  "grounding",
  "knowledge base",
];
const GROUNDING_TERMS = [
  "retrieval",
  "retrieve",
  "rag",
  "grounding",
  "grounded",
  "vector",
  "embedding",
  "search",
  "citation",
  "cite",
  "tool",
  "function calling",
  "knowledge base",
  "lookup",
  "look up",
  "source of truth",
  "verify",
  "verification",
];
/** "The model knows our products", "the LLM will remember", "from the model's own knowledge". */
const MODEL_KNOWS =
  /\b(?:the\s+)?(?:model|llm|gpt(?:-?\d[\w.]*)?|ai|chatbot|base model|foundation model)\s+(?:already\s+|will\s+|would\s+|should\s+|just\s+|can\s+|does\s+)?(?:knows?|remembers?|has\s+(?:all\s+)?(?:the\s+)?knowledge|has\s+memori[sz]ed|memori[sz]es)\b(?!\s+(?:nothing|little|only|very little))|\b(?:from|rely on|relies on|relying on)\s+(?:its|the model's|the llm's)\s+(?:own\s+)?(?:knowledge|memory|training data)\b/i;
const COMPONENT_TERMS = [
  "vector db",
  "vector database",
  "vector store",
  "pinecone",
  "faiss",
  "gpt-4",
  "gpt-4o",
  "gpt",
  "claude",
  "llama",
  "mistral",
  "redis",
  "kafka",
  "kubernetes",
  "k8s",
  "api gateway",
  "load balancer",
  "microservice",
  "rag",
  "fine-tune",
  "fine-tuning",
  "embedding",
  "langchain",
  "i'd use",
  "i would use",
  "we'll use",
  "we will use",
  "let's use",
  "we can use",
  "i'll use",
  "i'll draw",
  "let me draw",
  "architecture would",
  "the architecture is",
];
const TOOL_TERMS = [
  "tool call",
  "tool calling",
  "function calling",
  "tools",
  "agent",
  "agents",
  "call an api",
  "execute actions",
  "take actions",
];
const TOOL_SAFETY_TERMS = [
  "least privilege",
  "least-privilege",
  "allowlist",
  "allow-list",
  "allow list",
  "scoped",
  "permission",
  "confirmation",
  "confirm",
  "approval",
  "human-in-the-loop",
  "human in the loop",
  "sandbox",
  "max iterations",
  "step limit",
  "spend limit",
  "budget",
  "rate limit",
  "read-only",
];

function flagOf(input: ScoringInput, key: string): Omit<RedFlag, "detail" | "messageIds"> | null {
  const flag = input.rubric.redFlags.find((f) => f.key === key);
  return flag ? { key: flag.key, title: flag.title, dimension: flag.dimension } : null;
}

function hitCount(partial: FlagInputs, dimension: string): number {
  return partial.coverage.find((c) => c.dimension === dimension)?.hit.length ?? 0;
}

function signalHit(partial: FlagInputs, signal: string): boolean {
  return partial.coverage.some((c) => c.hit.some((h) => h.signal === signal));
}

function checkPassed(partial: FlagInputs, key: string): boolean {
  return partial.diagram.checks.some((c) => c.key === key && c.passed);
}

interface Position {
  turn: number;
  offset: number;
  messageId: string;
}

function before(a: Position, b: Position): boolean {
  return a.turn < b.turn || (a.turn === b.turn && a.offset < b.offset);
}

/** The first term match in the turns whose sentence passes `keep`, as a position. */
function firstMention(
  turns: readonly ScoringMessage[],
  terms: readonly string[],
  keep: (sentence: string) => boolean = () => true,
): Position | null {
  for (let turn = 0; turn < turns.length; turn++) {
    const message = turns[turn]!;
    const spans = sentenceSpans(message.content);
    for (const match of findTerms(message.content, terms)) {
      const span = spans.find((s) => s.start <= match.start && match.start < s.end);
      const sentence = span ? message.content.slice(span.start, span.end) : message.content;
      if (keep(sentence)) return { turn, offset: match.start, messageId: message.id };
    }
  }
  return null;
}

function firstQuestion(turns: readonly ScoringMessage[]): Position | null {
  for (let turn = 0; turn < turns.length; turn++) {
    const message = turns[turn]!;
    for (const span of sentenceSpans(message.content)) {
      if (isAskingSentence(message.content.slice(span.start, span.end)))
        return { turn, offset: span.start, messageId: message.id };
    }
  }
  return null;
}

export function detectRedFlags(input: ScoringInput, partial: FlagInputs): RedFlag[] {
  const turns = candidateTurns(input.messages).sort((a, b) => a.seq - b.seq);
  const enoughSaid = turns.length >= MIN_CANDIDATE_TURNS;
  const flags: RedFlag[] = [];
  const raise = (key: string, detail: string, messageIds: string[] = []) => {
    const flag = flagOf(input, key);
    if (flag) flags.push({ ...flag, detail, messageIds: [...new Set(messageIds)] });
  };
  const dimensionOf = (key: string) => flagOf(input, key)?.dimension ?? "";

  // Absence of a whole dimension (the rubric's own signal terms), confirmed by the board where it can speak.
  if (enoughSaid) {
    if (hitCount(partial, dimensionOf("no-evaluation-plan")) === 0 && !checkPassed(partial, "observability")) {
      raise(
        "no-evaluation-plan",
        "No candidate turn mentions how quality would be measured (evaluation set, LLM judge, human review, A/B test, monitoring), and nothing on the board evaluates or monitors the system.",
      );
    }
    if (
      hitCount(partial, dimensionOf("ignores-cost-latency")) === 0 &&
      !checkPassed(partial, "cache") &&
      !signalHit(partial, "streaming") &&
      !signalHit(partial, "model-routing") &&
      !signalHit(partial, "latency-requirement")
    ) {
      raise(
        "ignores-cost-latency",
        "No candidate turn discusses caching, token budgets, model routing, streaming or a latency target, and there is no cache on the board.",
      );
    }
    if (hitCount(partial, dimensionOf("no-failure-modes")) === 0) {
      raise(
        "no-failure-modes",
        "No candidate turn discusses what breaks (outages, rate limits, timeouts, overload) or how the system degrades.",
      );
    }
    if (hitCount(partial, dimensionOf("ignores-safety")) === 0 && !checkPassed(partial, "guardrails")) {
      raise(
        "ignores-safety",
        "No candidate turn mentions prompt injection, jailbreaks, moderation, PII or data leakage, and no guardrail is drawn around the model.",
      );
    }
    const communication = dimensionOf("no-trade-offs");
    const dimension = input.rubric.dimensions.find((d) => d.key === communication);
    const tradeOffSignals = dimension?.signals.filter((s) => s.key === "trade-offs" || s.key === "alternatives") ?? [];
    if (tradeOffSignals.length > 0 && tradeOffSignals.every((s) => !signalHit(partial, s.key))) {
      raise(
        "no-trade-offs",
        "No candidate turn names a trade-off, a downside or an alternative that was considered and rejected.",
      );
    }
    if (partial.estimates.length === 0 && !turns.some((t) => hasQuantity(t.content))) {
      raise(
        "no-numbers",
        "The candidate gave no numbers at all: no users, requests, tokens, cost or hardware estimate.",
      );
    }
  }

  // fine-tuning-first: the first (non-deferred) proposal to fine-tune comes before any prompting or retrieval.
  const fineTune = firstMention(turns, FINE_TUNING_TERMS, (sentence) => !DEFERRAL.test(sentence));
  if (fineTune) {
    const grounding = firstMention(turns, PROMPT_OR_RETRIEVAL_TERMS);
    if (!grounding || before(fineTune, grounding)) {
      raise(
        "fine-tuning-first",
        grounding
          ? "Fine-tuning was proposed before prompting, retrieval or tools were considered."
          : "Fine-tuning was proposed, and prompting, retrieval or tools were never considered.",
        [fineTune.messageId],
      );
    }
  }

  // llm-as-source-of-truth: "the model knows …" with no retrieval, tools or verification anywhere.
  const claims = turns.filter((t) => MODEL_KNOWS.test(t.content));
  if (claims.length > 0 && !turns.some((t) => hasAnyTerm(t.content, GROUNDING_TERMS))) {
    raise(
      "llm-as-source-of-truth",
      "The candidate relies on what the model knows and never grounds answers with retrieval, tools, citations or verification.",
      claims.map((t) => t.id),
    );
  }

  // jumps-to-solution: components named before the first question.
  const proposal = firstMention(turns, COMPONENT_TERMS);
  if (proposal) {
    const question = firstQuestion(turns);
    if (!question || before(proposal, question)) {
      raise(
        "jumps-to-solution",
        question
          ? "Components were proposed before any clarifying question was asked."
          : "Components were proposed and no clarifying question was asked at all.",
        [proposal.messageId],
      );
    }
  }

  // unscoped-tool-access: the model gets tools or agents, and nothing limits what it may do with them.
  const toolTurns = turns.filter((t) => hasAnyTerm(t.content, TOOL_TERMS));
  if (toolTurns.length > 0 && !turns.some((t) => hasAnyTerm(t.content, TOOL_SAFETY_TERMS))) {
    raise(
      "unscoped-tool-access",
      "The model is given tools or agent actions, but no permission scoping, allowlist, confirmation step or limit is mentioned.",
      toolTurns.map((t) => t.id),
    );
  }

  // rigid-under-change: a curveball met with silence, or with words that change nothing.
  for (const curveball of partial.curveballs) {
    const respondedWithNumbers = partial.estimates.some((e) => curveball.responseMessageIds.includes(e.messageId));
    const responses = curveball.responseMessageIds.filter((id) => turns.some((t) => t.id === id));
    if (responses.length === 0) {
      raise("rigid-under-change", `No candidate turn responded to "${curveball.title}".`);
      break;
    }
    if (!curveball.boardChanged && curveball.adaptationTermsUsed.length < 2 && !respondedWithNumbers) {
      raise(
        "rigid-under-change",
        `After "${curveball.title}" the board did not change, no numbers were redone, and the response used almost none of the expected adaptation.`,
        responses,
      );
      break;
    }
  }

  // Report in the rubric's order, like every other list in the findings.
  const order = input.rubric.redFlags.map((f) => f.key);
  return flags.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

/** Union of two flag lists by key (message ids merged), in rubric order. */
export function mergeRedFlags(input: ScoringInput, a: readonly RedFlag[], b: readonly RedFlag[]): RedFlag[] {
  const byKey = new Map<string, RedFlag>();
  for (const flag of [...a, ...b]) {
    const existing = byKey.get(flag.key);
    if (existing)
      byKey.set(flag.key, { ...existing, messageIds: [...new Set([...existing.messageIds, ...flag.messageIds])] });
    else byKey.set(flag.key, flag);
  }
  const order = input.rubric.redFlags.map((f) => f.key);
  return [...byKey.values()].sort((x, y) => order.indexOf(x.key) - order.indexOf(y.key));
}
