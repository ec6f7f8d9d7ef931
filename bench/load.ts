/**
 * bench:load — many concurrent interviews against one production server with the mock model: each
 * interview behaves like the room in a browser (a turn as soon as the previous reply has finished,
 * a board save whenever the scripted drawing grows, a clock tick every 5 s) for a fixed time.
 * Reports errors, throughput (turns/s, streamed tokens/s) and the server's memory over time, sampled
 * from /proc/<pid>/status.
 *
 *   npm run bench:load [-- --seconds 60 --interviews 100 --ttft-ms 300 --tokens-per-second 50 --db auto]
 */
import { parseFlags, positiveNumber } from "./support/args";
import { saveBoard, sendMessage, startInterview, tick, type CallTiming, type TurnTiming } from "./support/http";
import { CANDIDATE_TURNS, SCRIPT_FRAMEWORK, SCRIPT_PROMPT, sceneAt } from "./support/interview-script";
import { cpuSeconds, cpuSecondsByName, machineBusySeconds, treeCpuSeconds } from "./support/processes";
import { check, fmt, printChecks, printTable } from "./support/report";
import { machine, writeResult } from "./support/results";
import { MOCK_MODEL_ID, resolveDb, startStack, stopOnSignal } from "./support/setup";
import { mean, round, summarize } from "./support/stats";

const TICK_EVERY_MS = 5_000;
const MB = 1024 * 1024;

interface Sample {
  atSeconds: number;
  rssMB: number | null;
  /** CPU over the last interval, in cores (1.0 = one core busy): the Next.js server, Postgres (all its
   * processes), the mock model server, this benchmark's own client, and the whole machine (everyone). */
  cpuCores: { server: number; postgres: number; mock: number; client: number; machine: number } | null;
  turnsDone: number;
  inFlight: number;
}

interface CpuReading {
  at: number;
  server: number;
  postgres: number;
  mock: number;
  client: number;
  machine: number;
}

async function main() {
  const flags = parseFlags("load", {
    seconds: { default: "60", help: "how long the interviews run" },
    interviews: { default: "100", help: "concurrent interviews" },
    "ttft-ms": { default: "300", help: "the mock model's time to first token" },
    "tokens-per-second": { default: "50", help: "the mock model's streaming rate" },
    db: { default: "auto", help: "postgres (a scratch database on DATABASE_URL's server), pglite, or auto" },
  });
  const seconds = positiveNumber("seconds", flags.seconds);
  const interviews = Math.round(positiveNumber("interviews", flags.interviews));
  const ttftMs = Number(flags["ttft-ms"]);
  const tokensPerSecond = positiveNumber("tokens-per-second", flags["tokens-per-second"]);
  const startedAt = new Date();
  const startMachine = machine();
  const db = await resolveDb(flags.db);

  const stack = await startStack({ label: "load", db, mock: { ttftMs, tokensPerSecond } });
  stopOnSignal(stack.stop);
  const turns: TurnTiming[] = [];
  const ticks: CallTiming[] = [];
  const boards: CallTiming[] = [];
  const samples: Sample[] = [];
  let mockCompleted = 0;
  let mockRequests = 0;
  let wallSeconds = 0;
  let rssBefore: number | null = null;
  try {
    const base = stack.server.url;
    console.log("warming up…");
    const warm = await startInterview(base, interviewOptions());
    for (let t = 0; t < 3; t++) await sendMessage(base, warm, CANDIDATE_TURNS[t]!.text);
    await stack.mock?.reset();

    console.log(`starting ${interviews} interviews…`);
    const ids: string[] = [];
    for (let i = 0; i < interviews; i += 10) {
      const batch = Array.from({ length: Math.min(10, interviews - i) }, () =>
        startInterview(base, interviewOptions()),
      );
      ids.push(...(await Promise.all(batch)));
    }
    rssBefore = stack.server.serverRss();

    const pid = stack.server.serverPid();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let inFlight = 0;
    const mockPid = stack.mock?.process.pid ?? null;
    const readCpu = (): CpuReading => ({
      at: performance.now(),
      server: pid === null ? 0 : (cpuSeconds(pid) ?? 0),
      postgres: cpuSecondsByName("postgres"),
      mock: mockPid === null ? 0 : treeCpuSeconds(mockPid),
      client: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
      machine: machineBusySeconds(),
    });
    let last = readCpu();
    const sampler = setInterval(() => {
      const now = readCpu();
      const rss = stack.server.serverRss();
      const dt = (now.at - last.at) / 1000;
      const rate = (k: keyof Omit<CpuReading, "at">) => round((now[k] - last[k]) / dt, 2);
      samples.push({
        atSeconds: round((now.at - started) / 1000, 1),
        rssMB: rss === null ? null : round(rss / MB, 1),
        cpuCores: {
          server: rate("server"),
          postgres: rate("postgres"),
          mock: rate("mock"),
          client: rate("client"),
          machine: rate("machine"),
        },
        turnsDone: turns.length,
        inFlight,
      });
      last = now;
    }, 1_000);

    console.log(`running for ${seconds} s…`);
    await Promise.all(
      ids.map(async (id, i) => {
        // Spread the starts over the first 2 s, like people arriving; then back-to-back turns.
        await new Promise((resolve) => setTimeout(resolve, (i * 2000) / interviews));
        let nextTick = performance.now() + TICK_EVERY_MS * Math.random();
        let drawn = "";
        for (let t = 0; performance.now() < deadline; t++) {
          const script = t % CANDIDATE_TURNS.length;
          // The drawing runs ahead of the script so every interview saves its board a few times.
          const scene = sceneAt(Math.min(CANDIDATE_TURNS.length, 9 + 2 * t));
          const sceneKey = scene ? String(scene.elements.length) : "";
          if (scene && sceneKey !== drawn) {
            boards.push(await saveBoard(base, id, scene));
            drawn = sceneKey;
          }
          if (performance.now() >= nextTick) {
            nextTick += TICK_EVERY_MS;
            void tick(base, id).then((r) => ticks.push(r));
          }
          inFlight += 1;
          turns.push(await sendMessage(base, id, CANDIDATE_TURNS[script]!.text));
          inFlight -= 1;
        }
      }),
    );
    wallSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const requests = (await stack.mock?.requests()) ?? [];
    mockRequests = requests.length;
    mockCompleted = requests.filter((r) => r.outcome === "completed").length;
  } finally {
    await stack.stop();
  }

  const failed = turns.filter((t) => t.error !== null);
  const ok = turns.filter((t) => t.error === null);
  const chars = ok.reduce((sum, t) => sum + t.replyChars, 0);
  const deltas = ok.reduce((sum, t) => sum + t.deltas, 0);
  const tokens = Math.ceil(chars / 4); // the mock's own token count: ceil(chars / 4)
  const ttft = summarize(ok.filter((t) => t.firstTokenAt !== null).map((t) => t.firstTokenAt! - t.sentAt));
  const turnMs = summarize(ok.map((t) => t.doneAt - t.sentAt));
  const tickErrors = ticks.filter((t) => t.error !== null);
  const boardErrors = boards.filter((b) => b.error !== null);
  const errors = failed.length + tickErrors.length + boardErrors.length;
  const fallbacks = Math.max(0, ok.length - mockCompleted);

  const rss = samples.map((s) => s.rssMB).filter((x): x is number => x !== null);
  // Bounded = a plateau: the mean RSS of the last quarter of the run against the third quarter's.
  const quarter = (q: number) =>
    mean(
      samples
        .filter((s) => s.atSeconds > (seconds * q) / 4 && s.atSeconds <= (seconds * (q + 1)) / 4 && s.rssMB !== null)
        .map((s) => s.rssMB!),
    );
  const lastQuarterGrowth = (quarter(3) - quarter(2)) / quarter(2);
  const cpuMean = (k: keyof NonNullable<Sample["cpuCores"]>) =>
    mean(samples.map((s) => s.cpuCores?.[k]).filter((x): x is number => x !== undefined));
  const cpu = {
    server: cpuMean("server"),
    postgres: cpuMean("postgres"),
    mock: cpuMean("mock"),
    client: cpuMean("client"),
    machine: cpuMean("machine"),
  };
  const others = cpu.machine - cpu.server - cpu.postgres - cpu.mock - cpu.client;

  printTable(
    `Load: ${interviews} interviews for ${seconds} s (mock TTFT ${ttftMs} ms, ${tokensPerSecond} tokens/s; ${db})`,
    ["", "value"],
    [
      ["turns completed", fmt(ok.length, 0)],
      ["turns failed", fmt(failed.length, 0)],
      ["turns answered by the fallback (not the mock)", fmt(fallbacks, 0)],
      ["board saves / failed", `${fmt(boards.length, 0)} / ${fmt(boardErrors.length, 0)}`],
      ["clock ticks / failed", `${fmt(ticks.length, 0)} / ${fmt(tickErrors.length, 0)}`],
      ["throughput, turns/s", fmt(ok.length / wallSeconds, 1)],
      ["throughput, streamed tokens/s", fmt(tokens / wallSeconds, 0)],
      ["SSE deltas/s", fmt(deltas / wallSeconds, 0)],
      ["first token p50 / p95 / p99 (ms)", `${fmt(ttft.p50, 0)} / ${fmt(ttft.p95, 0)} / ${fmt(ttft.p99, 0)}`],
      ["whole turn p50 / p95 (ms)", `${fmt(turnMs.p50, 0)} / ${fmt(turnMs.p95, 0)}`],
      [
        "mean cores busy: server / Postgres / mock / client / others (machine)",
        `${fmt(cpu.server, 2)} / ${fmt(cpu.postgres, 2)} / ${fmt(cpu.mock, 2)} / ${fmt(cpu.client, 2)} / ${fmt(others, 2)} (${fmt(cpu.machine, 2)} of ${startMachine.cpus})`,
      ],
      [
        "server RSS before / peak / end (MB)",
        `${fmt((rssBefore ?? NaN) / MB, 0)} / ${fmt(Math.max(...rss), 0)} / ${fmt(rss.at(-1) ?? NaN, 0)}`,
      ],
      ["RSS, last quarter vs third quarter (mean)", `${fmt(lastQuarterGrowth * 100, 1)}%`],
    ],
  );
  printTable(
    "Server memory over time",
    ["s", "RSS MB", "server CPU", "Postgres CPU", "machine CPU", "turns done", "in flight"],
    samples
      .filter((_, i) => i % Math.max(1, Math.round(samples.length / 12)) === 0 || i === samples.length - 1)
      .map((s) => [
        fmt(s.atSeconds, 0),
        fmt(s.rssMB, 0),
        fmt(s.cpuCores?.server, 2),
        fmt(s.cpuCores?.postgres, 2),
        fmt(s.cpuCores?.machine, 2),
        fmt(s.turnsDone, 0),
        fmt(s.inFlight, 0),
      ]),
  );
  const errorKinds = [
    ...new Set([
      ...failed.map((t) => t.error!),
      ...tickErrors.map((t) => t.error!),
      ...boardErrors.map((b) => b.error!),
    ]),
  ];
  if (errorKinds.length > 0) console.log(`errors: ${errorKinds.slice(0, 5).join(" | ")}`);

  const checks = [
    check("errors (turns, ticks, board saves)", errors, "<=", 0, "", 0),
    check("turns answered by the fallback instead of the model", fallbacks, "<=", 0, "", 0),
    check("server RSS, last quarter vs third quarter", lastQuarterGrowth * 100, "<=", 10, "%"),
  ];
  printChecks(checks);
  await writeResult(
    "load",
    {
      settings: { seconds, interviews, ttftMs, tokensPerSecond, database: db, tickEveryMs: TICK_EVERY_MS },
      wallSeconds: round(wallSeconds, 1),
      turns: { completed: ok.length, failed: failed.length, fallbacks, mockRequests, mockCompleted },
      boardSaves: { total: boards.length, failed: boardErrors.length },
      ticks: { total: ticks.length, failed: tickErrors.length },
      errorSamples: errorKinds.slice(0, 10),
      throughput: {
        turnsPerSecond: round(ok.length / wallSeconds, 2),
        tokensPerSecond: round(tokens / wallSeconds, 1),
        deltasPerSecond: round(deltas / wallSeconds, 1),
      },
      firstTokenMs: Object.fromEntries(Object.entries(ttft).map(([k, v]) => [k, round(v, 1)])),
      turnMs: Object.fromEntries(Object.entries(turnMs).map(([k, v]) => [k, round(v, 1)])),
      memory: {
        rssBeforeMB: rssBefore === null ? null : round(rssBefore / MB, 1),
        rssPeakMB: Math.max(...rss),
        rssEndMB: rss.at(-1) ?? null,
        lastQuarterVsThirdQuarter: round(lastQuarterGrowth, 4),
      },
      cpuCoresMean: Object.fromEntries(Object.entries({ ...cpu, others }).map(([k, v]) => [k, round(v, 2)])),
      samples,
    },
    checks,
    startedAt,
    startMachine,
  );
}

function interviewOptions() {
  return {
    promptSlug: SCRIPT_PROMPT,
    frameworkSlug: SCRIPT_FRAMEWORK,
    durationMinutes: 45 as const,
    level: "senior" as const,
    mode: "interview" as const,
    model: MOCK_MODEL_ID,
  };
}

await main();
