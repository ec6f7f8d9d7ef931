/**
 * Reading the board for the interviewer: what was added since the interviewer last spoke, and
 * which question that addition deserves — a probe from the pack when one relates to the new
 * component, else a specific question about that kind of component's job and failure mode.
 */
import { cleanText, describeDiff, diffGraphs, truncateText, type DiagramGraph, type GraphDiff } from "@/lib/diagram";
import type { PromptContent } from "@/lib/content/schema";
import { contentWords, normalizeForMatching } from "./text";
import type { InterviewState } from "./types";

type Probe = PromptContent["probes"][number];

export const EMPTY_GRAPH: DiagramGraph = {
  elementCount: 0,
  nodes: [],
  edges: [],
  notes: [],
  zones: [],
  unresolvedEdges: 0,
};

/** What describeDiff says about an unchanged board. */
const NO_CHANGES = describeDiff(diffGraphs(EMPTY_GRAPH, EMPTY_GRAPH));

/** Longest component name used in a reply (labels are free text). */
const MAX_NAME_LENGTH = 40;

function boardDiff(state: Pick<InterviewState, "diagram">): GraphDiff | null {
  const { current, atLastInterviewerTurn } = state.diagram;
  if (!current && !atLastInterviewerTurn) return null;
  return diffGraphs(atLastInterviewerTurn ?? EMPTY_GRAPH, current ?? EMPTY_GRAPH);
}

/** One paragraph describing what changed since the interviewer last spoke, or null when nothing did. */
export function diagramDeltaSince(state: Pick<InterviewState, "diagram">): string | null {
  const diff = boardDiff(state);
  if (!diff) return null;
  const text = describeDiff(diff);
  return text === NO_CHANGES ? null : text;
}

export function componentName(label: string): string {
  return truncateText(cleanText(label), MAX_NAME_LENGTH);
}

/** Labels of components added (or given a new name) since the interviewer last spoke, in reading order. */
export function addedComponents(state: Pick<InterviewState, "diagram">): string[] {
  const diff = boardDiff(state);
  if (!diff) return [];
  const labels = [...diff.addedNodes, ...diff.relabelledNodes.map((r) => r.after)]
    .map((node) => componentName(node.label))
    .filter((label) => label !== "");
  return [...new Set(labels)];
}

// ───────────────────────── what a component is ─────────────────────────

interface ComponentKind {
  /** Recognises the kind from a label. */
  pattern: RegExp;
  /** Words a related probe would use. */
  terms: string[];
  /** A question about this kind of component; "it" is the component. */
  question: string;
}

// Order matters: the first kind that recognises a label wins ("Semantic cache" is a cache, "LLM gateway"
// a gateway, "Model router" a router — not models).
const COMPONENT_KINDS: ComponentKind[] = [
  {
    pattern: /vector|embedding|faiss|pinecone|milvus|weaviate|qdrant|pgvector|chroma|retriev|\bsearch|knowledge/i,
    terms: ["embedding", "retrieval", "retrieve", "index", "vector", "chunk", "rag", "freshness", "rerank", "search"],
    question: "How are the embeddings in it refreshed when the source documents change?",
  },
  {
    pattern: /rerank/i,
    terms: ["rerank", "ranking", "relevance", "retrieval", "precision"],
    question: "What does it add over plain vector similarity, and what does it cost you in latency per query?",
  },
  {
    pattern: /cache|redis|memcache/i,
    terms: ["cache", "caching", "hit rate", "prefix", "stale", "reuse"],
    question: "What do you key it on, and how do you stop it serving stale answers or one user's data to another?",
  },
  {
    pattern: /guard|moderat|safety|filter|classifier|pii|redact|policy|dlp/i,
    terms: [
      "moderation",
      "safety",
      "guardrail",
      "pii",
      "jailbreak",
      "injection",
      "filter",
      "redact",
      "classifier",
      "policy",
      "harm",
    ],
    question: "What exactly does it check, and what happens to the request when it flags something?",
  },
  {
    pattern: /eval|judge|feedback|monitor|metric|observab|logging|\blogs?\b|trac(e|ing)|dashboard|analytics/i,
    terms: ["eval", "evaluation", "golden", "judge", "monitor", "feedback", "drift", "regression", "metric", "canary"],
    question: "Which signals does it collect, and which of them would tell you quality regressed after a change?",
  },
  {
    pattern: /router|routing|orchestrat|agent|planner|tool|workflow/i,
    terms: ["routing", "router", "orchestrat", "tool", "agent", "fallback", "cascade", "planner"],
    question: "How does it decide what to call, and what does it do when that call fails or times out?",
  },
  {
    pattern: /\btrain|fine-?tun|lora|dataset|label|annotat/i,
    terms: ["training", "fine-tun", "dataset", "label", "data", "checkpoint", "lora"],
    question: "Where does its data come from, and how do you keep evaluation data out of it?",
  },
  {
    pattern: /gateway|load balancer|\blb\b|\bapi\b|\bedge\b|proxy|ingress|cdn/i,
    terms: ["rate limit", "gateway", "admission", "load shedding", "quota", "auth", "throttl"],
    question: "What does it enforce per user or tenant, and what happens to a request when limits are hit?",
  },
  {
    pattern: /llm|model|gpu|inference|vllm|triton|tgi|serving|decoder|diffusion|gpt|claude|gemini|llama/i,
    terms: [
      "serving",
      "batching",
      "gpu",
      "throughput",
      "kv cache",
      "routing",
      "quantis",
      "quantiz",
      "model",
      "latency",
    ],
    question: "How many replicas does it need at peak, and what do users see when it is saturated?",
  },
  {
    pattern: /queue|kafka|pub ?\/? ?sub|event bus|\bbus\b|sqs|kinesis|rabbit/i,
    terms: ["queue", "async", "backpressure", "batch", "retry", "idempot", "throughput", "worker"],
    question: "What happens to the messages in it when a consumer falls behind or crashes mid-job?",
  },
  {
    pattern: /\bdb\b|database|store|storage|\bs3\b|blob|postgres|mysql|sql|dynamo|bucket|warehouse|lake/i,
    terms: ["store", "storage", "retention", "deletion", "partition", "history", "replica", "schema"],
    question: "What is the access pattern on it at peak, and how is it partitioned and replicated?",
  },
];

const GENERIC_QUESTION = "What is its job in the request path, and what does the user see when it is slow or down?";

/** Label words that say nothing about what a component does. */
const GENERIC_LABEL_WORDS = new Set([
  "service",
  "server",
  "layer",
  "system",
  "component",
  "module",
  "engine",
  "node",
  "manager",
]);

function kindOf(label: string): ComponentKind | null {
  return COMPONENT_KINDS.find((kind) => kind.pattern.test(label)) ?? null;
}

/** A specific question about a component for which no probe fits, with "it" standing for the component. */
export function genericComponentQuestion(label: string): string {
  return kindOf(label)?.question ?? GENERIC_QUESTION;
}

function probeText(probe: Probe): string {
  return normalizeForMatching([probe.topic, probe.question, ...probe.coveredBy].join(" "));
}

/** Whether some word of `text` starts with `stem` ("embed" finds "embeddings", not "reembed"). */
function hasWordStartingWith(text: string, stem: string): boolean {
  for (let i = text.indexOf(stem); i >= 0; i = text.indexOf(stem, i + 1)) {
    if (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!)) return true;
  }
  return false;
}

/**
 * How strongly a probe relates to a component label: words of the label itself count double,
 * words typical of the component's kind count once.
 */
export function probeRelevance(probe: Probe, label: string): number {
  const text = probeText(probe);
  const labelWords = contentWords(label)
    .filter((w) => !GENERIC_LABEL_WORDS.has(w))
    .concat(shortAcronyms(label));
  const kindTerms = kindOf(label)?.terms ?? [];
  let score = 0;
  for (const word of new Set(labelWords)) if (hasWordStartingWith(text, word)) score += 2;
  for (const term of new Set(kindTerms)) if (hasWordStartingWith(text, term)) score += 1;
  return score;
}

/** Short technical words a label often consists of ("LLM", "RAG", "GPU"), too short for `contentWords`. */
const MEANINGFUL_SHORT_WORDS = new Set(["llm", "rag", "gpu", "kv", "pii", "cdn", "sso", "ocr", "asr", "tts"]);

function shortAcronyms(label: string): string[] {
  return normalizeForMatching(label)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => MEANINGFUL_SHORT_WORDS.has(w));
}

/** A probe must share a label word, or two words typical of the component's kind, to count as related. */
const MIN_RELEVANCE = 2;

export interface DiagramReaction {
  /** The added components, the one the question is about first. */
  added: string[];
  question: string;
  probeKey: string | null;
}

/**
 * The question to ask about components just added: the open probe most related to any of them
 * (ties: earlier component, then earlier probe), else a question about the first recognisable one.
 */
export function reactToAdditions(added: readonly string[], openProbes: readonly Probe[]): DiagramReaction | null {
  if (added.length === 0) return null;
  let best: { probe: Probe; labelIndex: number; score: number } | null = null;
  for (let labelIndex = 0; labelIndex < added.length; labelIndex++) {
    for (const probe of openProbes) {
      const score = probeRelevance(probe, added[labelIndex]!);
      if (score >= MIN_RELEVANCE && (best === null || score > best.score)) best = { probe, labelIndex, score };
    }
  }
  if (best)
    return { added: focusFirst(added, best.labelIndex), question: best.probe.question, probeKey: best.probe.key };
  const focus = Math.max(
    0,
    added.findIndex((label) => kindOf(label) !== null),
  );
  return { added: focusFirst(added, focus), question: genericComponentQuestion(added[focus]!), probeKey: null };
}

function focusFirst(labels: readonly string[], index: number): string[] {
  const focus = labels[index];
  return focus === undefined ? [...labels] : [focus, ...labels.filter((_, i) => i !== index)];
}
