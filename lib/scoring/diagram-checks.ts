/**
 * Checks on the final whiteboard: is there a design, can a request be followed from the user to the
 * model, are guardrails in that flow, is there a cache, is anything watching it, is retrieval drawn,
 * and do the arrows connect. Components are recognised from their labels by keyword lists with
 * synonyms (labels are free text: "LLM", "GPT-4o", "vLLM cluster", "Inference svc" all count as the model).
 */
import type { DiagramGraph, DiagramNode } from "@/lib/diagram";
import { hasAnyTerm } from "./text";
import type { Findings } from "./types";

export type DiagramCheck = Findings["diagram"]["checks"][number];

export const CLIENT_TERMS = [
  "user",
  "client",
  "browser",
  "web app",
  "webapp",
  "mobile",
  "frontend",
  "front end",
  "ui",
  "customer",
  "end user",
  "device",
  "desktop",
  "ios",
  "android",
  "slack",
  "ide",
  "app",
  "web",
  "caller",
  "consumer",
  "chat ui",
  "extension",
  "sdk",
];
/** A "User DB" or "App server" is not the client. */
const CLIENT_EXCLUDE = [
  "server",
  "backend",
  "back end",
  "service",
  "api",
  "gateway",
  "db",
  "database",
  "store",
  "storage",
  "table",
  "profile",
  "queue",
  "cache",
];
export const MODEL_TERMS = [
  "llm",
  "model",
  "gpt",
  "claude",
  "llama",
  "mistral",
  "gemini",
  "qwen",
  "inference",
  "language model",
  "foundation model",
  "generation",
  "generator",
  "openai",
  "anthropic",
  "vllm",
  "tgi",
  "triton",
  "serving",
  "decoder",
  "completion",
  "chat model",
  "slm",
  "model server",
  "gpu",
  "h100",
  "a100",
  "tensorrt",
];
/** Model-ish labels that are not the generating model; "router"/"gateway" only as a last resort. */
const NOT_THE_MODEL = [
  "embedding",
  "embedder",
  "embed",
  "rerank",
  "reranker",
  "classifier",
  "moderation",
  "guard",
  "guardrail",
  "safety",
  "filter",
  "registry",
  "cache",
  "eval",
  "evaluation",
  "judge",
  "monitor",
  "log",
];
const MODEL_FRONT_DOORS = ["router", "gateway", "proxy", "load balancer"];
export const GUARDRAIL_TERMS = [
  "guardrail",
  "guard",
  "moderation",
  "moderator",
  "content filter",
  "safety",
  "filter",
  "pii",
  "redact",
  "redaction",
  "redactor",
  "dlp",
  "toxicity",
  "policy check",
  "policy engine",
  "content policy",
  "jailbreak",
  "injection",
  "input validation",
  "output validation",
  "validator",
  "sanitiz",
  "sanitis",
  "llama guard",
];
export const CACHE_TERMS = [
  "cache",
  "caching",
  "redis",
  "memcached",
  "kv cache",
  "prompt cache",
  "prefix cache",
  "cdn",
];
export const OBSERVABILITY_TERMS = [
  "monitoring",
  "monitor",
  "observability",
  "logging",
  "log",
  "log store",
  "metric",
  "tracing",
  "trace",
  "telemetry",
  "dashboard",
  "prometheus",
  "grafana",
  "datadog",
  "opentelemetry",
  "otel",
  "alerting",
  "alert",
  "eval",
  "evals",
  "evaluation",
  "evaluator",
  "llm judge",
  "feedback",
  "analytics",
  "langsmith",
  "audit log",
  "a/b test",
  "experiment",
];
export const RETRIEVAL_TERMS = [
  "vector db",
  "vector database",
  "vector store",
  "vector index",
  "vector search",
  "retriever",
  "retrieval",
  "rag",
  "embedding",
  "pinecone",
  "pgvector",
  "faiss",
  "qdrant",
  "weaviate",
  "milvus",
  "elasticsearch",
  "opensearch",
  "search index",
  "knowledge base",
  "bm25",
  "document store",
  "index",
  "hybrid search",
];

/** Minimum number of labelled components for a board to count as a design. */
export const MIN_COMPONENTS = 4;

interface Vertex {
  id: string;
  label: string;
}

/** Directed adjacency over nodes and zones. `--` and `<->` edges go both ways; entering a zone reaches its members. */
function adjacency(graph: DiagramGraph, directed: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = out.get(from);
    if (list) {
      if (!list.includes(to)) list.push(to);
    } else out.set(from, [to]);
  };
  for (const edge of graph.edges) {
    if (edge.from === null || edge.to === null) continue;
    add(edge.from, edge.to);
    if (!directed || edge.direction !== "->") add(edge.to, edge.from);
  }
  for (const zone of graph.zones) for (const member of zone.nodeIds) add(zone.id, member);
  return out;
}

/** Shortest path from any of `sources` to any of `targets` (BFS, deterministic order), or null. */
export function shortestPath(
  adj: Map<string, string[]>,
  sources: readonly string[],
  targets: ReadonlySet<string>,
  blocked: ReadonlySet<string> = new Set(),
): string[] | null {
  const previous = new Map<string, string | null>();
  const queue: string[] = [];
  for (const s of sources) {
    if (!previous.has(s)) {
      previous.set(s, null);
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    if (targets.has(at)) {
      const path: string[] = [];
      for (let step: string | null | undefined = at; step; step = previous.get(step)) path.unshift(step);
      return path;
    }
    for (const next of adj.get(at) ?? []) {
      if (!previous.has(next) && !blocked.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

function reachable(
  adj: Map<string, string[]>,
  from: string,
  to: ReadonlySet<string>,
  blocked?: ReadonlySet<string>,
): boolean {
  return shortestPath(adj, [from], to, blocked) !== null;
}

function labelled(graph: DiagramGraph): Vertex[] {
  return [
    ...graph.nodes.filter((n) => n.label.trim() !== "").map((n) => ({ id: n.id, label: n.label })),
    ...graph.zones.filter((z) => z.label.trim() !== "").map((z) => ({ id: z.id, label: z.label })),
  ];
}

function matching(vertices: readonly Vertex[], terms: readonly string[], exclude: readonly string[] = []): Vertex[] {
  return vertices.filter((v) => hasAnyTerm(v.label, terms) && !hasAnyTerm(v.label, exclude));
}

function describeVertices(vertices: readonly Vertex[], max = 4): string {
  const shown = vertices.slice(0, max).map((v) => `${quoteLabel(v.label)} (${v.id})`);
  return vertices.length > max ? `${shown.join(", ")} and ${vertices.length - max} more` : shown.join(", ");
}

/** Labels are untrusted: shown short and quoted, never as instructions. */
function quoteLabel(label: string): string {
  const flat = label.replace(/\s+/g, " ").trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

export interface DiagramRoles {
  clients: Vertex[];
  models: Vertex[];
}

/** The client-like and model-like components of a board. */
export function diagramRoles(graph: DiagramGraph): DiagramRoles {
  const vertices = labelled(graph);
  const clients = matching(vertices, CLIENT_TERMS, CLIENT_EXCLUDE);
  let models = matching(vertices, MODEL_TERMS, [...NOT_THE_MODEL, ...MODEL_FRONT_DOORS]);
  // A board whose only model box is "LLM gateway" still has a model, behind that door.
  if (models.length === 0) models = matching(vertices, MODEL_TERMS, NOT_THE_MODEL);
  return { clients, models };
}

/** Every check, in report order, with its human label. */
export const DIAGRAM_CHECK_LABELS = {
  components: "A design on the board",
  "request-path": "Request path from the user to the model",
  guardrails: "Guardrails around the model",
  cache: "A cache",
  observability: "Monitoring, logging or evaluation",
  retrieval: "Retrieval (vector store or search index)",
  "arrows-connected": "Arrows connect components",
} as const;
export type DiagramCheckKey = keyof typeof DIAGRAM_CHECK_LABELS;

export function diagramChecks(graph: DiagramGraph | null): Findings["diagram"] {
  if (!graph) {
    return {
      nodeCount: 0,
      edgeCount: 0,
      checks: Object.entries(DIAGRAM_CHECK_LABELS).map(([key, label]) => ({
        key,
        label,
        passed: false,
        detail: "No diagram was drawn.",
        nodeIds: [],
      })),
    };
  }
  const vertices = labelled(graph);
  const labelOf = new Map<string, string>(vertices.map((v) => [v.id, v.label]));
  const name = (id: string) => (labelOf.has(id) ? `${quoteLabel(labelOf.get(id)!)} (${id})` : id);
  const directed = adjacency(graph, true);
  const undirected = adjacency(graph, false);
  const checks: DiagramCheck[] = [];
  const label = (key: DiagramCheckKey) => DIAGRAM_CHECK_LABELS[key];

  // 1. Components.
  const labelledNodes = graph.nodes.filter((n) => n.label.trim() !== "");
  checks.push({
    key: "components",
    label: label("components"),
    passed: labelledNodes.length >= MIN_COMPONENTS,
    detail:
      graph.nodes.length === 0
        ? "The board has no components."
        : `${graph.nodes.length} component${graph.nodes.length === 1 ? "" : "s"} on the board (${labelledNodes.length} labelled)${
            labelledNodes.length >= MIN_COMPONENTS
              ? ""
              : `; at least ${MIN_COMPONENTS} labelled components make a design`
          }.`,
    nodeIds: labelledNodes.map((n: DiagramNode) => n.id),
  });

  // 2. Request path: client → … → model, following arrow directions.
  const { clients, models } = diagramRoles(graph);
  const modelIds = new Set(models.map((m) => m.id));
  const clientIds = clients.map((c) => c.id);
  const path = clients.length > 0 && models.length > 0 ? shortestPath(directed, clientIds, modelIds) : null;
  let pathDetail: string;
  let pathIds: string[] = path ?? [];
  if (clients.length === 0 && models.length === 0)
    pathDetail = "Neither a user/client nor a model is labelled on the board.";
  else if (clients.length === 0)
    pathDetail = `A model is drawn (${describeVertices(models)}) but no user or client to send requests to it.`;
  else if (models.length === 0) pathDetail = `A client is drawn (${describeVertices(clients)}) but no model or LLM.`;
  else if (path) pathDetail = `A request can be followed: ${path.map(name).join(" → ")}.`;
  else {
    const loose = shortestPath(undirected, clientIds, modelIds);
    pathIds = loose ?? [];
    pathDetail = loose
      ? `Client and model are connected (${loose.map(name).join(" — ")}), but not by arrows pointing from the client towards the model.`
      : `No chain of arrows connects ${describeVertices(clients, 2)} to ${describeVertices(models, 2)}.`;
  }
  checks.push({
    key: "request-path",
    label: label("request-path"),
    passed: path !== null,
    detail: pathDetail,
    nodeIds: pathIds,
  });

  // 3. Guardrails: present, and in the flow before and/or after the model.
  const guards = matching(vertices, GUARDRAIL_TERMS);
  const onPath = new Set(pathIds);
  const before: Vertex[] = [];
  const after: Vertex[] = [];
  const beside: Vertex[] = [];
  // Paths may not pass through the client: replies flow back to it, and through it everything would
  // reach everything ("Output filter → Client → Gateway → … → LLM" does not put the filter before the model).
  const clientSet = new Set(clientIds);
  for (const guard of guards) {
    const feedsModel =
      models.length > 0 && !modelIds.has(guard.id) && reachable(directed, guard.id, modelIds, clientSet);
    const fromModel = models.some(
      (m) => m.id !== guard.id && reachable(directed, m.id, new Set([guard.id]), clientSet),
    );
    if (feedsModel) before.push(guard);
    if (fromModel) after.push(guard);
    if (!feedsModel && !fromModel) {
      // Called from the orchestrator on the request path ("Orchestrator → Moderation") still guards the flow.
      const neighbours = undirected.get(guard.id) ?? [];
      if (neighbours.some((n) => onPath.has(n) || modelIds.has(n))) beside.push(guard);
    }
  }
  let guardDetail: string;
  if (guards.length === 0) guardDetail = "No guardrail, moderation, PII or safety filter on the board.";
  else if (before.length > 0 || after.length > 0) {
    const parts: string[] = [];
    if (before.length > 0) parts.push(`${describeVertices(before, 3)} before the model`);
    if (after.length > 0) parts.push(`${describeVertices(after, 3)} after it`);
    guardDetail = `Guardrails in the flow: ${parts.join("; ")}.`;
  } else if (beside.length > 0)
    guardDetail = `Guardrails attached to the request path: ${describeVertices(beside, 3)}.`;
  else guardDetail = `Guardrails drawn (${describeVertices(guards, 3)}) but not connected to the model's request path.`;
  const guardIds = [...new Set([...before, ...after, ...beside].map((g) => g.id))];
  checks.push({
    key: "guardrails",
    label: label("guardrails"),
    passed: guardIds.length > 0,
    detail: guardDetail,
    nodeIds: guardIds.length > 0 ? guardIds : guards.map((g) => g.id),
  });

  // 4–6. Presence checks.
  const presence = (key: DiagramCheckKey, terms: readonly string[], missing: string) => {
    const found = matching(vertices, terms);
    checks.push({
      key,
      label: label(key),
      passed: found.length > 0,
      detail: found.length > 0 ? `On the board: ${describeVertices(found)}.` : missing,
      nodeIds: found.map((v) => v.id),
    });
  };
  presence("cache", CACHE_TERMS, "No cache on the board.");
  presence("observability", OBSERVABILITY_TERMS, "Nothing on the board monitors, logs or evaluates the system.");
  presence("retrieval", RETRIEVAL_TERMS, "No retrieval component (vector store, search index) on the board.");

  // 7. Arrows that end in mid-air: the drawing says less than it seems to.
  const edges = graph.edges.length;
  checks.push({
    key: "arrows-connected",
    label: label("arrows-connected"),
    passed: edges > 0 && graph.unresolvedEdges === 0,
    detail:
      edges === 0
        ? "No arrows between components."
        : graph.unresolvedEdges === 0
          ? `All ${edges} arrow${edges === 1 ? "" : "s"} connect components.`
          : `${graph.unresolvedEdges} of ${edges} arrows have an end attached to nothing.`,
    nodeIds: graph.edges.filter((e) => e.from === null || e.to === null).map((e) => e.id),
  });

  return { nodeCount: graph.nodes.length, edgeCount: graph.edges.length, checks };
}
