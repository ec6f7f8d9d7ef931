/**
 * bench:tokens — input tokens of a scripted 45-minute interview (40 candidate turns, a board growing to
 * ~60 elements) through the real engine and context builder (lib/interview, pure functions), against a
 * naive "resend the whole transcript and the whole board every turn" baseline; the share of each
 * request that is a cacheable prefix; and the cost with and without prompt caching at list prices.
 *
 *   npm run bench:tokens [-- --model claude-sonnet-4-6]
 *
 * Tokens are counted with the estimate the context builder budgets with (lib/diagram estimateTokens:
 * ~4 ASCII characters per token), so the ratios are exact for what the app sends, and absolute counts
 * are within ~10-20% of a real tokenizer.
 */
import { estimateTokens, graphToDigest } from "@/lib/diagram";
import { buildInterviewerContext, offlineReply, planTurn, type InterviewerContext } from "@/lib/interview";
import { priceOf, type ModelPrice } from "@/lib/llm/pricing";
import { parseFlags } from "./support/args";
import { contentFor } from "./support/content";
import { SCRIPT_FRAMEWORK, SCRIPT_MINUTES, SCRIPT_PROMPT } from "./support/interview-script";
import { check, fmt, printChecks, printTable } from "./support/report";
import { machine, writeResult } from "./support/results";
import { simulateInterview } from "./support/simulate";
import { median, round } from "./support/stats";

/** The board digest budget the context builder uses inside the turn notes (lib/interview/context.ts). */
const CONTEXT_DIGEST_TOKENS = 450;
/** Far beyond any interview: the builder then keeps every message (the naive baseline). */
const UNLIMITED = 10_000_000;
/** Anthropic's prompt cache lives 5 minutes after its last use; turns here are about a minute apart. */
const CACHE_TTL_SECONDS = 300;

interface TurnRow {
  turn: number;
  atSeconds: number;
  action: string;
  boardElements: number;
  /** What the app sends. */
  cachedSystem: number;
  dynamicSystem: number;
  messages: number;
  total: number;
  /** Messages in the window sent, of all messages so far. */
  windowMessages: number;
  transcriptMessages: number;
  /** Anthropic: the part before the cache breakpoint (cachedSystem). */
  cacheablePrefixShare: number;
  /** OpenAI-style automatic caching: the longest prefix shared with the previous request. */
  sharedPrefixTokens: number;
  naiveDigest: number;
  naiveJson: number;
  outputTokens: number;
  /** planTurn + buildInterviewerContext, median of 5 runs (ms). */
  engineMs: number;
}

function requestText(context: Pick<InterviewerContext, "cachedSystem" | "dynamicSystem" | "messages">): string {
  return [context.cachedSystem, context.dynamicSystem, ...context.messages.map((m) => `${m.role}\n${m.content}`)].join(
    "\n\n",
  );
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

interface CostLine {
  label: string;
  usd: number;
}

function usd(tokens: number, perMillion: number): number {
  return (tokens * perMillion) / 1_000_000;
}

async function main() {
  const flags = parseFlags("tokens", {
    model: { default: "claude-sonnet-4-6", help: "Anthropic model whose list price is used for the cost lines" },
    "openai-model": { default: "gpt-5-mini", help: "OpenAI model priced with automatic prefix caching" },
  });
  const startedAt = new Date();
  const startMachine = machine();
  const { bank, prompt, framework } = await contentFor(SCRIPT_PROMPT, SCRIPT_FRAMEWORK);
  const anthropicPrice = priceOf("anthropic", flags.model);
  const openaiPrice = priceOf("openai", flags["openai-model"]);
  if (!anthropicPrice || !openaiPrice) throw new Error(`no list price for ${flags.model} / ${flags["openai-model"]}`);

  const rows: TurnRow[] = [];
  let previousRequest = "";
  const engineMs: number[] = [];
  simulateInterview({ bank, prompt, framework }, ({ index, state, plan, sceneJson, boardElements }) => {
    const graph = state.diagram.current;
    const context = buildInterviewerContext(state, plan);
    // What the app computes per reply, timed apart (median of 5): plan the turn, build the context.
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      buildInterviewerContext(state, planTurn(state));
      runs.push(performance.now() - t);
    }
    engineMs.push(median(runs));

    // The baselines: the same prompt with every message ever said, and the whole board.
    const everything = buildInterviewerContext(state, plan, { maxTokens: UNLIMITED, recentTurns: UNLIMITED });
    const cappedDigest = graph ? estimateTokens(graphToDigest(graph, { maxTokens: CONTEXT_DIGEST_TOKENS })) : 0;
    const fullDigest = graph ? estimateTokens(graphToDigest(graph, { maxTokens: UNLIMITED })) : 0;
    const naiveDigest = everything.estimatedTokens - cappedDigest + fullDigest;
    const naiveJson = everything.estimatedTokens - cappedDigest + estimateTokens(sceneJson);

    const text = requestText(context);
    const shared = estimateTokens(text.slice(0, commonPrefixLength(text, previousRequest)));
    previousRequest = text;
    const cachedSystem = estimateTokens(context.cachedSystem);
    const dynamicSystem = estimateTokens(context.dynamicSystem);
    rows.push({
      turn: index + 1,
      atSeconds: state.elapsedSeconds,
      action: plan.action.kind,
      boardElements,
      cachedSystem,
      dynamicSystem,
      messages: context.estimatedTokens - cachedSystem - dynamicSystem,
      total: context.estimatedTokens,
      windowMessages: context.messages.length,
      transcriptMessages: state.messages.length,
      cacheablePrefixShare: cachedSystem / context.estimatedTokens,
      sharedPrefixTokens: shared,
      naiveDigest,
      naiveJson,
      outputTokens: estimateTokens(offlineReply(state, plan)),
      engineMs: engineMs.at(-1)!,
    });
  });

  const sum = (pick: (r: TurnRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const total = sum((r) => r.total);
  const naiveDigestTotal = sum((r) => r.naiveDigest);
  const naiveJsonTotal = sum((r) => r.naiveJson);
  const cachedTotal = sum((r) => r.cachedSystem);
  const output = sum((r) => r.outputTokens);
  const shares = rows.map((r) => r.cacheablePrefixShare);
  const meanShare = shares.reduce((s, x) => s + x, 0) / shares.length;
  const tokenWeightedShare = cachedTotal / total;
  const minShare = Math.min(...shares);
  const gapsOk = rows.every((r, i) => i === 0 || r.atSeconds - rows[i - 1]!.atSeconds < CACHE_TTL_SECONDS);

  // Anthropic: the cached system prefix is written once (1.25x) and read on every later turn (0.1x).
  const anthropic = (price: ModelPrice, withCache: boolean, inputTokens: number) => {
    if (!withCache) return usd(inputTokens, price.input) + usd(output, price.output);
    const first = rows[0]!.cachedSystem;
    const reads = gapsOk ? cachedTotal - first : 0;
    const writes = gapsOk ? first : cachedTotal;
    return (
      usd(inputTokens - reads - writes, price.input) +
      usd(reads, price.cachedInput) +
      usd(writes, price.cacheWrite) +
      usd(output, price.output)
    );
  };
  // OpenAI: prefixes of 1,024+ tokens are cached automatically in 128-token steps, no write surcharge.
  const openaiCached = rows.reduce((s, r, i) => {
    const hit =
      i === 0 || r.sharedPrefixTokens < 1024 ? 0 : 1024 + Math.floor((r.sharedPrefixTokens - 1024) / 128) * 128;
    return s + hit;
  }, 0);
  const costs: CostLine[] = [
    {
      label: `${flags.model}: naive (whole transcript + board JSON)`,
      usd: anthropic(anthropicPrice, false, naiveJsonTotal),
    },
    { label: `${flags.model}: stricter naive (board digest)`, usd: anthropic(anthropicPrice, false, naiveDigestTotal) },
    { label: `${flags.model}: app context, no caching`, usd: anthropic(anthropicPrice, false, total) },
    { label: `${flags.model}: app context, prompt caching`, usd: anthropic(anthropicPrice, true, total) },
    {
      label: `${flags["openai-model"]}: app context, no caching`,
      usd: usd(total, openaiPrice.input) + usd(output, openaiPrice.output),
    },
    {
      label: `${flags["openai-model"]}: app context, automatic prefix caching`,
      usd:
        usd(total - openaiCached, openaiPrice.input) +
        usd(openaiCached, openaiPrice.cachedInput) +
        usd(output, openaiPrice.output),
    },
  ];

  console.log(
    "engine ms = planTurn + buildInterviewerContext for that turn (median of 5), i.e. the CPU the app spends per reply",
  );
  printTable(
    `Per turn (${SCRIPT_PROMPT}, ${SCRIPT_FRAMEWORK}, ${SCRIPT_MINUTES} min; tokens)`,
    [
      "turn",
      "min",
      "action",
      "board el",
      "cached sys",
      "dynamic sys",
      "messages",
      "sent",
      "naive",
      "cacheable",
      "engine ms",
    ],
    rows
      .filter((r, i) => i < 3 || r.turn % 5 === 0)
      .map((r) => [
        String(r.turn),
        fmt(r.atSeconds / 60, 1),
        r.action,
        String(r.boardElements),
        fmt(r.cachedSystem, 0),
        fmt(r.dynamicSystem, 0),
        fmt(r.messages, 0),
        fmt(r.total, 0),
        fmt(r.naiveJson, 0),
        `${fmt(r.cacheablePrefixShare * 100, 0)}%`,
        fmt(r.engineMs, 2),
      ]),
  );
  printTable(
    "Totals over 40 requests",
    ["", "input tokens", "vs app"],
    [
      ["app context (sent)", fmt(total, 0), "1.00×"],
      [
        "naive: whole transcript + whole board (scene JSON)",
        fmt(naiveJsonTotal, 0),
        `${fmt(naiveJsonTotal / total, 2)}×`,
      ],
      ["stricter: whole transcript + board digest", fmt(naiveDigestTotal, 0), `${fmt(naiveDigestTotal / total, 2)}×`],
      ["of which cacheable prefix (cached system)", fmt(cachedTotal, 0), `${fmt(tokenWeightedShare * 100, 0)}%`],
      ["output tokens (offline interviewer's wording)", fmt(output, 0), ""],
    ],
  );
  printTable(
    "Estimated cost of the interview (list prices, lib/llm/pricing.ts)",
    ["", "USD"],
    costs.map((c) => [c.label, `$${c.usd.toFixed(4)}`]),
  );
  // The naive app sends everything it has: every message and the board as stored (the scene JSON).
  const ratio = total / naiveJsonTotal;
  const checks = [
    check("input tokens vs naive (whole transcript + whole board)", ratio, "<=", 0.35, "×", 2),
    check("cacheable prefix, mean share per request", meanShare * 100, ">=", 70, "%", 1),
  ];
  printChecks(checks);
  console.log(
    `\ncacheable share per request: min ${fmt(minShare * 100, 0)}%, token-weighted ${fmt(tokenWeightedShare * 100, 0)}%`,
  );

  await writeResult(
    "tokens",
    {
      prompt: SCRIPT_PROMPT,
      framework: SCRIPT_FRAMEWORK,
      durationMinutes: SCRIPT_MINUTES,
      candidateTurns: rows.length,
      finalBoardElements: rows.at(-1)?.boardElements ?? 0,
      tokenCounting: "lib/diagram estimateTokens (the context builder's own budget estimate)",
      totals: {
        appInputTokens: total,
        naiveDigestInputTokens: naiveDigestTotal,
        naiveJsonInputTokens: naiveJsonTotal,
        cacheablePrefixTokens: cachedTotal,
        outputTokens: output,
        ratioVsNaiveJson: round(ratio, 3),
        ratioVsNaiveDigest: round(total / naiveDigestTotal, 3),
        cacheableShareMean: round(meanShare, 3),
        cacheableShareMin: round(minShare, 3),
        cacheableShareTokenWeighted: round(tokenWeightedShare, 3),
        openaiAutoCachedTokens: openaiCached,
      },
      costUsd: Object.fromEntries(costs.map((c) => [c.label, round(c.usd, 5)])),
      perTurn: rows.map((r) => ({
        ...r,
        cacheablePrefixShare: round(r.cacheablePrefixShare, 3),
        engineMs: round(r.engineMs, 2),
      })),
    },
    checks,
    startedAt,
    startMachine,
  );
}

await main();
