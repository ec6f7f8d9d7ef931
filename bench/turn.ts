/**
 * bench:turn — the app's added latency on the interviewer's first token. The production server talks
 * to a mock model with a fixed time to first token; a client measures, per candidate turn, the time
 * from sending POST /api/interviews/:id/messages to the first `delta` event of the reply (app TTFT),
 * and the mock's log gives its own TTFT for that very request (matched by a tag in the message).
 * Added latency = app TTFT − mock TTFT, at 1 and at 50 concurrent interviews; for the offline
 * interviewer (no model) the whole app TTFT is added latency.
 *
 *   npm run bench:turn [-- --ttft-ms 300 --tokens-per-second 50 --concurrency 1,50 --turns 10 --db auto]
 *   npm run bench:turn -- --think-ms 5000     (paced: results in bench/results/turn-think5000.json)
 *
 * By default each concurrent interview sends its next message as soon as the previous reply has
 * finished (no think time), so at 50 interviews 50 replies are always streaming.
 */
import { parseFlags, positiveNumber } from "./support/args";
import { startInterview, sendMessage, type TurnTiming } from "./support/http";
import { CANDIDATE_TURNS, SCRIPT_FRAMEWORK, SCRIPT_PROMPT } from "./support/interview-script";
import { mockTtftMs, type MockProcess } from "./support/mock";
import { cpuSeconds } from "./support/processes";
import type { BenchServer } from "./support/server";
import { check, fmt, printChecks, printTable, type Check } from "./support/report";
import { machine, writeResult } from "./support/results";
import { MOCK_MODEL_ID, resolveDb, startStack, stopOnSignal } from "./support/setup";
import { round, summarize, type Summary } from "./support/stats";

interface LevelResult {
  interviewer: "mock model" | "offline";
  concurrency: number;
  turns: number;
  errors: number;
  errorSamples: string[];
  appTtft: Summary;
  mockTtft: Summary | null;
  added: Summary;
  /** Where the added time goes: request → message stored (`candidate` event), → reply row created and
   * model called (`reply-start`), → first token minus the model's own TTFT (provider path). */
  phases: { stored: Summary; prepared: Summary; provider: Summary };
  wallSeconds: number;
  /** The Next.js server's CPU time per turn (user + system, from /proc), ms. */
  serverCpuMsPerTurn: number | null;
}

const tagOf = (level: string, interview: number, turn: number) => `[ref ${level}-${interview}-${turn}]`;

/** `concurrency` interviews, each sending `turns` messages (after `thinkMs` ±50%); starts spread over a second. */
async function runLevel(
  baseUrl: string,
  model: string,
  label: string,
  concurrency: number,
  turns: number,
  thinkMs = 0,
): Promise<{ timings: (TurnTiming & { tag: string })[]; wallSeconds: number }> {
  const ids: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    ids.push(
      await startInterview(baseUrl, {
        promptSlug: SCRIPT_PROMPT,
        frameworkSlug: SCRIPT_FRAMEWORK,
        durationMinutes: 45,
        level: "senior",
        mode: "interview",
        model,
      }),
    );
  }
  const timings: (TurnTiming & { tag: string })[] = [];
  const started = performance.now();
  await Promise.all(
    ids.map(async (id, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 1000) / concurrency));
      for (let t = 0; t < turns; t++) {
        const tag = tagOf(label, i, t);
        const text = `${CANDIDATE_TURNS[(i + t) % CANDIDATE_TURNS.length]!.text} ${tag}`;
        timings.push({ ...(await sendMessage(baseUrl, id, text)), tag });
        // Think time between turns, ±50% so the interviews do not march in step.
        if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  return { timings, wallSeconds: (performance.now() - started) / 1000 };
}

async function measureLevel(
  server: BenchServer,
  mock: MockProcess | null,
  interviewer: LevelResult["interviewer"],
  concurrency: number,
  turns: number,
  thinkMs: number,
): Promise<LevelResult> {
  const baseUrl = server.url;
  const label = `${interviewer === "offline" ? "off" : "llm"}${concurrency}`;
  await mock?.reset();
  const pid = server.serverPid();
  const cpuBefore = pid === null ? null : cpuSeconds(pid);
  const { timings, wallSeconds } = await runLevel(
    baseUrl,
    interviewer === "offline" ? "offline" : MOCK_MODEL_ID,
    label,
    concurrency,
    turns,
    thinkMs,
  );
  const cpuAfter = pid === null ? null : cpuSeconds(pid);
  const serverCpuMsPerTurn =
    cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1000) / timings.length : null;
  // The mock's own TTFT for each turn's request, found by the tag inside the request body.
  const mockByTag = new Map<string, number>();
  if (mock) {
    for (const request of await mock.requests()) {
      const ttft = mockTtftMs(request);
      // The newest candidate message is the last one in the request; older turns carry older tags.
      const tag = [...JSON.stringify(request.body).matchAll(/\[ref [a-z]+\d+-\d+-\d+\]/g)].at(-1)?.[0];
      if (ttft !== null && tag && request.outcome === "completed") mockByTag.set(tag, ttft);
    }
  }
  const app: number[] = [];
  const model: number[] = [];
  const added: number[] = [];
  const stored: number[] = [];
  const prepared: number[] = [];
  const provider: number[] = [];
  const errors: string[] = [];
  for (const t of timings) {
    if (t.error !== null || t.firstTokenAt === null) {
      errors.push(t.error ?? "no first token");
      continue;
    }
    const appTtft = t.firstTokenAt - t.sentAt;
    const modelTtft = mock ? mockByTag.get(t.tag) : 0;
    if (modelTtft === undefined) {
      errors.push("no matching mock request (the reply did not come from the mock)");
      continue;
    }
    app.push(appTtft);
    if (mock) model.push(modelTtft);
    added.push(appTtft - modelTtft);
    if (t.candidateAt !== null && t.replyStartAt !== null) {
      stored.push(t.candidateAt - t.sentAt);
      prepared.push(t.replyStartAt - t.candidateAt);
      provider.push(t.firstTokenAt - t.replyStartAt - modelTtft);
    }
  }
  return {
    interviewer,
    concurrency,
    turns: timings.length,
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 5),
    appTtft: summarize(app),
    mockTtft: mock ? summarize(model) : null,
    added: summarize(added),
    phases: { stored: summarize(stored), prepared: summarize(prepared), provider: summarize(provider) },
    wallSeconds,
    serverCpuMsPerTurn,
  };
}

async function main() {
  const flags = parseFlags("turn", {
    "ttft-ms": { default: "300", help: "the mock model's time to first token" },
    "tokens-per-second": { default: "50", help: "the mock model's streaming rate" },
    concurrency: { default: "1,50", help: "concurrent interviews per level, comma-separated" },
    turns: { default: "10", help: "candidate turns per interview at each level" },
    db: { default: "auto", help: "postgres (a scratch database on DATABASE_URL's server), pglite, or auto" },
    "think-ms": { default: "0", help: "pause between an interview's turns (±50%); 0 = back to back" },
  });
  const thinkMs = Number(flags["think-ms"]);
  if (!(thinkMs >= 0)) throw new Error(`--think-ms must be a number >= 0, got "${flags["think-ms"]}"`);
  const ttftMs = Number(flags["ttft-ms"]);
  const tokensPerSecond = positiveNumber("tokens-per-second", flags["tokens-per-second"]);
  const turns = Math.round(positiveNumber("turns", flags.turns));
  const levels = flags.concurrency.split(",").map((c) => Math.round(positiveNumber("concurrency", c)));
  const startedAt = new Date();
  const startMachine = machine();
  const db = await resolveDb(flags.db);

  const stack = await startStack({ label: "turn", db, mock: { ttftMs, tokensPerSecond } });
  stopOnSignal(stack.stop);
  const results: LevelResult[] = [];
  try {
    const base = stack.server.url;
    // Warm-up (not measured): the first requests compile routes and fill connection pools.
    console.log("warming up…");
    await runLevel(base, MOCK_MODEL_ID, "warm", 4, 3);
    await runLevel(base, "offline", "warmoff", 4, 3);
    for (const interviewer of ["mock model", "offline"] as const) {
      for (const concurrency of levels) {
        console.log(`${interviewer}: ${concurrency} concurrent interview(s) × ${turns} turns…`);
        results.push(
          await measureLevel(
            stack.server,
            interviewer === "offline" ? null : stack.mock,
            interviewer,
            concurrency,
            turns,
            thinkMs,
          ),
        );
      }
    }
  } finally {
    await stack.stop();
  }

  printTable(
    `First-token latency (ms; mock TTFT ${ttftMs} ms at ${tokensPerSecond} tokens/s; ${db}; ${turns} turns per interview; think time ${thinkMs} ms)`,
    ["interviewer", "conc.", "turns", "err", "app p50", "app p95", "mock p50", "added p50", "added p95", "added p99"],
    results.map((r) => [
      r.interviewer,
      String(r.concurrency),
      String(r.turns),
      String(r.errors),
      fmt(r.appTtft.p50),
      fmt(r.appTtft.p95),
      fmt(r.mockTtft?.p50 ?? null),
      fmt(r.added.p50),
      fmt(r.added.p95),
      fmt(r.added.p99),
    ]),
  );
  printTable(
    "Where the added time goes (p50 / p95 ms): request → message stored → reply prepared → first token − model TTFT",
    [
      "interviewer",
      "conc.",
      "store message",
      "prepare reply",
      "provider path",
      "added total",
      "turns/s",
      "server CPU/turn",
    ],
    results.map((r) => [
      r.interviewer,
      String(r.concurrency),
      `${fmt(r.phases.stored.p50)} / ${fmt(r.phases.stored.p95)}`,
      `${fmt(r.phases.prepared.p50)} / ${fmt(r.phases.prepared.p95)}`,
      `${fmt(r.phases.provider.p50)} / ${fmt(r.phases.provider.p95)}`,
      `${fmt(r.added.p50)} / ${fmt(r.added.p95)}`,
      fmt(r.turns / r.wallSeconds, 1),
      `${fmt(r.serverCpuMsPerTurn)} ms`,
    ]),
  );
  for (const r of results.filter((x) => x.errors > 0))
    console.log(`errors (${r.interviewer}, ${r.concurrency}): ${r.errorSamples.join(" | ")}`);

  const at = (interviewer: LevelResult["interviewer"], c: number) =>
    results.find((r) => r.interviewer === interviewer && r.concurrency === c);
  const top = Math.max(...levels);
  const checks: Check[] = [];
  for (const interviewer of ["mock model", "offline"] as const) {
    const r = at(interviewer, top);
    checks.push(
      check(`${interviewer}: added p50 at ${top} concurrent`, r?.added.p50 ?? null, "<=", 10, "ms"),
      check(`${interviewer}: added p95 at ${top} concurrent`, r?.added.p95 ?? null, "<=", 30, "ms"),
      check(`${interviewer}: failed turns at ${top} concurrent`, r?.errors ?? null, "<=", 0, "", 0),
    );
  }
  printChecks(checks);

  const clean = (s: Summary | null) =>
    s && Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === "n" ? v : round(v, 2)]));
  await writeResult(
    "turn",
    {
      mock: { ttftMs, tokensPerSecond },
      database: db,
      thinkMs,
      turnsPerInterview: turns,
      method:
        "added = client-side time to the first delta event − the mock's own TTFT for the same request (firstChunkAt − receivedAt in its log); offline: added = client-side TTFT",
      levels: results.map((r) => ({
        ...r,
        wallSeconds: round(r.wallSeconds, 1),
        turnsPerSecond: round(r.turns / r.wallSeconds, 2),
        serverCpuMsPerTurn: r.serverCpuMsPerTurn === null ? null : round(r.serverCpuMsPerTurn, 1),
        appTtft: clean(r.appTtft),
        mockTtft: clean(r.mockTtft),
        added: clean(r.added),
        phases: {
          stored: clean(r.phases.stored),
          prepared: clean(r.phases.prepared),
          provider: clean(r.phases.provider),
        },
      })),
    },
    checks,
    startedAt,
    startMachine,
    thinkMs > 0 ? `turn-think${thinkMs}` : "turn",
  );
}

await main();
