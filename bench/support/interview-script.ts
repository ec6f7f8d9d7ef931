/**
 * A scripted 45-minute candidate for design-chatgpt: 40 turns (clarifying questions, estimates,
 * architecture, deep dives, a curveball answer, wrap-up) and a whiteboard that grows to 60 Excalidraw
 * elements (20 labelled boxes, 18 arrows, 2 notes). Used by bench:tokens (through the context
 * builder) and by bench:turn / bench:load (as the messages the HTTP clients send).
 */
import { boardElements, type BoardSpec } from "./scenes";

export const SCRIPT_PROMPT = "design-chatgpt";
export const SCRIPT_FRAMEWORK = "nine-step";
export const SCRIPT_MINUTES = 45;

export interface ScriptedTurn {
  text: string;
  /** Components drawn before this turn (labels), and arrows [from label, to label]. */
  adds?: { boxes?: string[]; arrows?: [string, string][]; notes?: string[] };
}

export const CANDIDATE_TURNS: readonly ScriptedTurn[] = [
  {
    text: "Thanks! Before I design anything I'd like to clarify scope. How many daily active users do we expect, and what is the split between free and paid?",
  },
  {
    text: "How many messages per day does a typical user send, and what does the peak hour look like compared with the average?",
  },
  {
    text: "What about prompt size: how many input tokens does a request carry on average, and how long are the replies, in output tokens?",
  },
  {
    text: "And the latency SLO: what time to first token are we aiming for, and what streaming speed in tokens per second?",
  },
  {
    text: "Let me scope v1: text chat with streamed replies, conversation history synced across devices, free and paid tiers. Out of scope: voice, images, browsing and long-term memory. Success metrics: TTFT p50 under 500 ms, 30 tokens/s per stream, availability 99.9%, and cost per active user.",
  },
  {
    text: "What budget do we have for hardware? How many GPUs can the chat product use, and at what cost per GPU-hour?",
  },
  {
    text: "Back of the envelope: 20M DAU × 12 messages ≈ 240M messages/day. 240M / 86,400 ≈ 2.8K QPS on average, and with a 2.5x peak factor about 7K requests per second at peak.",
  },
  {
    text: "Output tokens at peak: 7K/s × 400 tokens ≈ 2.8M tokens/s. What is the serving capacity of one node for the flagship model, in tokens per second?",
  },
  {
    text: "At 8K tokens/s per node, decode needs 2.8M / 8K ≈ 350 nodes, which is 2,800 GPUs out of the 4,000. Prefill at 7K × 2,500 ≈ 17.5M prompt tokens/s would need another 350 nodes, so the fleet only fits if we reuse the prefix cache.",
    adds: { boxes: ["Client app", "API gateway"], arrows: [["Client app", "API gateway"]] },
  },
  {
    text: "I'll start the high-level design: the client app talks to an API gateway that handles authentication, rate limits and per-user token quotas, and streams the reply back over server-sent events.",
    adds: {
      boxes: ["Orchestrator", "Conversation store"],
      arrows: [
        ["API gateway", "Orchestrator"],
        ["Orchestrator", "Conversation store"],
      ],
    },
  },
  {
    text: "Behind the gateway a stateless orchestrator loads the conversation from the conversation store, trims it to a token budget, and builds the prompt with the shared 1,000-token system prompt first so it can be cached.",
  },
  {
    text: "The orchestrator calls a model gateway that routes each request to an inference pool. The pools run vLLM with continuous batching and a paged KV cache.",
    adds: {
      boxes: ["Model gateway", "Flagship pool (vLLM)", "Small model pool"],
      arrows: [
        ["Orchestrator", "Model gateway"],
        ["Model gateway", "Flagship pool (vLLM)"],
        ["Model gateway", "Small model pool"],
      ],
    },
  },
  {
    text: "Do all messages need the flagship? No: a cheap router sends easy free-tier messages, greetings, rewrites and short facts, to the small model, which is about 5x cheaper per token. If 40% of free traffic goes there we free roughly 20% of the fleet.",
  },
  {
    text: "For the KV cache: at 150 KB per token a 3K-token chat holds about 450 MB, but a 100K-token chat needs around 15 GB, which crowds out dozens of normal streams. I'd use paged allocation, FP8 KV cache, and route very long contexts to a separate long-context pool.",
    adds: { boxes: ["Long-context pool"], arrows: [["Model gateway", "Long-context pool"]] },
  },
  {
    text: "Prefill and decode interfere: a long prompt stalls everyone's token stream. I'd use chunked prefill, or separate prefill and decode pools, with an admission limit per node so each stream keeps 30 tokens/s.",
  },
  {
    text: "Prefix caching: the system prompt's KV state is cached once per node, and follow-up turns go to the same node via session affinity on the conversation id, with a TTL and fallback to recompute. If 60% of prompt tokens hit the cache, prefill drops from 17.5M to about 7M tokens/s, roughly 140 nodes instead of 350.",
    adds: { boxes: ["Session router"], arrows: [["Model gateway", "Session router"]] },
  },
  {
    text: "Streaming: tokens go from the inference worker through the orchestrator to a streaming edge over SSE with heartbeats so proxies don't buffer. The partial reply is persisted as it is generated, so a reconnect resumes instead of regenerating, and the stop button cancels generation upstream.",
    adds: { boxes: ["Streaming edge"], arrows: [["Streaming edge", "Client app"]] },
  },
  {
    text: "How long do we keep conversations, and what are the deletion requirements? That affects the conversation store's design.",
  },
  {
    text: "The conversation store is partitioned by user id and conversation id, on a horizontally scalable database; about 0.5 TB of new text per day. Older turns get summarised once a chat passes a threshold, instead of sending all 128K tokens every time.",
    adds: { boxes: ["Summariser"], arrows: [["Orchestrator", "Summariser"]] },
  },
  {
    text: "What are the privacy constraints? Can we train on user conversations, and are there data residency rules for Europe?",
  },
  {
    text: "Safety: an input classifier before generation for jailbreaks, self-harm and illegal requests, with policy-specific handling rather than blanket refusals, and output moderation on streamed chunks that can stop or retract mid-stream. Both are small models adding tens of milliseconds.",
    adds: {
      boxes: ["Input moderation", "Output moderation"],
      arrows: [
        ["Orchestrator", "Input moderation"],
        ["Flagship pool (vLLM)", "Output moderation"],
        ["Output moderation", "Streaming edge"],
      ],
    },
  },
  {
    text: "PII is redacted before anything is logged, conversations are encrypted at rest, opted-out and business conversations are never used for training, and EU conversations are stored in the EU partition.",
    adds: { boxes: ["EU conversation store"], arrows: [["Orchestrator", "EU conversation store"]] },
  },
  {
    text: "Evaluation before a new checkpoint replaces the old one: offline suites per capability, golden conversations, regression and safety sets scored by an LLM judge calibrated against human labels, then load tests on the real serving stack.",
    adds: { boxes: ["Eval harness"], notes: ["Golden set: 2,000 conversations, refreshed monthly"] },
  },
  {
    text: "Then shadow traffic, and a staged rollout 1% → 10% → 50% watching thumbs ratio, regeneration rate, conversation length and safety flag rate, with instant rollback by flipping the route in the model gateway.",
    adds: { arrows: [["Eval harness", "Model gateway"]] },
  },
  {
    text: "Observability: traces from gateway to GPU with TTFT and tokens/s per stream, queue depth per pool, KV cache utilisation and error rates, all feeding dashboards and alerts on the SLOs.",
    adds: { boxes: ["Metrics & tracing"], arrows: [["Orchestrator", "Metrics & tracing"]] },
  },
  {
    text: "Overload: admission control at the gateway uses live GPU queue depth, not just request counts. Free-tier traffic is shed or downgraded first, to the small model with shorter max output, so paid users keep their SLO.",
    adds: { boxes: ["Admission control"], arrows: [["API gateway", "Admission control"]] },
  },
  {
    text: "Retries carry idempotency keys so a retried message does not generate twice, and clients back off with jitter. A circuit breaker in the model gateway trips to the small model when the flagship pool's error rate spikes.",
  },
  {
    text: "What regions do we serve from, and what is the cross-region latency? I want to know how failover would work.",
  },
  {
    text: "Three regions, each with its own GPU pool behind a global load balancer that routes users to the nearest healthy region; EU data stays in the EU except transiently during an outage.",
    adds: {
      boxes: ["Global load balancer", "Region router"],
      arrows: [
        ["Client app", "Global load balancer"],
        ["Global load balancer", "API gateway"],
      ],
    },
  },
  {
    text: "Cost per user: $7.3M a month over 20M DAU is about $0.37 per daily user per month, above the $0.30 target for free users, so routing and prefix caching have to bring the free tier down.",
  },
  {
    text: "That changes things a lot. Losing 40% of GPUs leaves 2,400 GPUs for all traffic. In the next five minutes in-flight streams fail, clients reconnect and see the persisted partial reply, and traffic fails over to EU and Asia-Pacific.",
    adds: { boxes: ["Failover controller"], arrows: [["Region router", "Failover controller"]] },
  },
  {
    text: "Those regions are sized for their own peaks, so admission control sheds free-tier load first and routes it to the small model; paid users keep the flagship. EU-resident data never leaves the EU, so EU failover stays inside the EU.",
  },
  {
    text: "For the next four hours: reduce max output for free users, pause batch jobs like title generation, and use FP8 weights on part of the fleet to raise streams per node, accepting a small quality risk that we watch with the online metrics.",
    adds: { notes: ["Outage plan: shed free tier, FP8, pause batch jobs"] },
  },
  {
    text: "Long term we keep reserve headroom per region and run failover game days every quarter, so the next outage is a drill we've practised.",
  },
  {
    text: "On the trade-offs: session affinity improves cache hit rate but makes load balancing lumpier; I'd accept that and cap the sessions per node. The router saves cost but can misroute hard questions, which we watch with a win-rate eval by tier.",
  },
  {
    text: "Abuse: per-account token quotas, anomaly detection on usage, and red-teaming of every model before launch. Audit logs cover admin access to conversations.",
  },
  {
    text: "If I had more time I'd go deeper on the conversation store's deletion pipeline: purging deleted chats everywhere within 30 days, including backups and the summaries.",
  },
  {
    text: "To summarise: a streamed, stateless chat path with routing, prefix caching and moderation around the model, a partitioned conversation store with EU residency, and evaluation gates before any model change.",
  },
  {
    text: "The biggest risks are GPU capacity at peak and silent quality drift from the router; next steps are a capacity plan per region and the eval harness.",
  },
  { text: "Thanks, that was a good discussion. Is there anything you'd like me to go deeper on in the time left?" },
];

/** The board as it stands after `turns` candidate turns' drawing steps, as a spec of labels and arrows. */
export function boardSpecAt(turns: number): BoardSpec {
  const spec: BoardSpec = { boxes: [], arrows: [], notes: [] };
  for (const turn of CANDIDATE_TURNS.slice(0, turns)) {
    spec.boxes.push(...(turn.adds?.boxes ?? []));
    spec.arrows.push(...(turn.adds?.arrows ?? []));
    spec.notes.push(...(turn.adds?.notes ?? []));
  }
  return spec;
}

/** The Excalidraw scene after `turns` turns, or null while nothing is drawn. */
export function sceneAt(turns: number): { type: "excalidraw"; version: 2; elements: Record<string, unknown>[] } | null {
  const elements = boardElements(boardSpecAt(turns));
  return elements.length === 0 ? null : { type: "excalidraw", version: 2, elements };
}
