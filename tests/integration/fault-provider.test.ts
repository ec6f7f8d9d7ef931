/**
 * Fault test (issue 7): 200 candidate turns through the real interview service, the real provider
 * SDKs over HTTP and the real database, while mock model servers (Anthropic = the chosen model,
 * OpenAI = its fallback) inject faults in a fixed, seeded rotation: 429 with retry-after, 500, a hang
 * past the first-token timeout, a malformed stream and a stream cut mid-reply, each failing once,
 * twice, for the whole chosen model (→ the fallback) or for every real model (→ the offline
 * interviewer). Five interviews of 40 turns run side by side, as concurrent candidates would.
 *
 * After every turn: the candidate's message is stored before any model is called, the turn has
 * exactly one outcome (a complete reply whose text is one provider's whole reply — never a splice
 * of a cut one — and is exactly what the browser was left showing), every attempt is a row in
 * llm_calls (ERROR with the reason for each failure), and a 429 was retried after its retry-after.
 * At the end the totals are checked: nothing lost, nothing duplicated, no gaps, the fallback used.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LlmCall } from "@/lib/db/generated/client";
import { parseEnv } from "@/lib/env";
import { llmConfigFromEnv } from "@/lib/llm";
import { createInterviewDeps } from "@/lib/interview/deps";
import {
  candidateMessageSchema,
  replyTo,
  startInterview,
  submitCandidateMessage,
  type InterviewDeps,
  type ReplyEvent,
} from "@/lib/interview/service";
import { startMockLlmServer, type MockFault, type MockLlmServer, type RecordedRequest } from "../mock-llm/server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { localUser, seedContent, testClock } from "../support/interview";

const TURNS = 200;
const LANES = 5; // interviews running side by side, 40 turns each (a 45-minute interview's worth)
const SEED = 0x7ade0ff;
/**
 * A hang is given up on after this. Only turns with a hang use it: elsewhere the first-token timeout
 * is generous, so a stalled CI machine cannot turn a healthy attempt into a timeout the script did
 * not ask for, and those turns must go exactly as scripted. In a hang turn it still can (the embedded
 * database's queries from the other interviews hold the event loop too); such turns are detected and
 * checked for everything but the exact script.
 */
const HANG_TIMEOUT_MS = 500;
const FIRST_TOKEN_TIMEOUT_MS = 10_000;
const MAX_RETRIES = 2; // 3 attempts per provider

type FaultType = "rate_limit" | "server_error" | "hang" | "malformed" | "cut";
const ROTATION: (FaultType | "none")[] = ["none", "rate_limit", "server_error", "hang", "malformed", "cut"];
/** How far a turn's faults reach: retried successfully, the whole chosen model fails, or every real model fails. */
const DEPTHS = ["retry-once", "retry-twice", "fallback", "offline"] as const;
type Depth = (typeof DEPTHS)[number];
type Answerer = "anthropic" | "openai" | "offline";

interface Scenario {
  turn: number;
  fault: FaultType | "none";
  depth: Depth | null;
  /** Faults the Anthropic mock serves, in order (each consumes one attempt). */
  primary: MockFault[];
  /** Faults the OpenAI mock serves. */
  fallback: MockFault[];
  answeredBy: Answerer;
  /** The browser sends the same message again (same clientId), as after a dropped connection. */
  resend: boolean;
}

/** mulberry32: a tiny seeded PRNG, so the rotation is the same on every run and machine. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildScenarios(): Scenario[] {
  const random = seeded(SEED);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const faultOf = (type: FaultType): MockFault =>
    type === "rate_limit"
      ? { type, retryAfterSeconds: 1 + Math.floor(random() * 3) }
      : type === "cut"
        ? { type, afterChunks: 1 + Math.floor(random() * 4) }
        : { type };
  const faults = (n: number, type: FaultType) => Array.from({ length: n }, () => faultOf(type));
  const all = MAX_RETRIES + 1;
  return Array.from({ length: TURNS }, (_, turn): Scenario => {
    const fault = ROTATION[turn % ROTATION.length]!;
    const resend = turn % 7 === 3;
    if (fault === "none")
      return { turn, fault, depth: null, primary: [], fallback: [], answeredBy: "anthropic", resend };
    const depth = pick<Depth>(["retry-once", "retry-once", "retry-twice", "fallback", "fallback", "offline"]);
    // The fallback meets a fault of its own kind, so two kinds mix in one turn.
    const other = pick(ROTATION.slice(1) as FaultType[]);
    const base = { turn, fault, depth, resend };
    switch (depth) {
      case "retry-once":
        return { ...base, primary: faults(1, fault), fallback: [], answeredBy: "anthropic" };
      case "retry-twice":
        return { ...base, primary: faults(2, fault), fallback: [], answeredBy: "anthropic" };
      case "fallback":
        return {
          ...base,
          primary: faults(all, fault),
          fallback: faults(random() < 0.5 ? 0 : 1, other),
          answeredBy: "openai",
        };
      case "offline":
        return { ...base, primary: faults(all, fault), fallback: faults(all, other), answeredBy: "offline" };
    }
  });
}

/** What the llm_calls row of a failed attempt says ("<kind>: <message>"), per injected fault. */
const EXPECTED_ERROR: Record<FaultType, RegExp> = {
  rate_limit: /^rate_limit: 429 Mock rate limit reached/,
  server_error: /^server: 500 The mock server had an error/,
  hang: new RegExp(`^timeout: no text within ${HANG_TIMEOUT_MS} ms$`),
  malformed: /^malformed: \S/,
  cut: /^network: \S/,
};
const TIMEOUT = EXPECTED_ERROR.hang;

const primaryText = (turn: number) =>
  `Primary model, turn ${turn}: walk me through the request path, where the latency budget goes, and what you cache.`;
const fallbackText = (turn: number) =>
  `Fallback model, turn ${turn}: which part would you scale first at ten times the traffic, and why that one?`;

/** One interview with its own pair of mock servers (so one lane's queued faults never reach another's). */
interface Lane {
  anthropic: MockLlmServer;
  openai: MockLlmServer;
  deps: InterviewDeps;
  /** The same, with the short first-token timeout, for turns with a hang. */
  hangDeps: InterviewDeps;
  sleeps: number[];
  turn: number;
  interviewId: string;
}

interface TurnLog {
  turn: number;
  interviewId: string;
  injected: number;
  /**
   * First-token timeouts the script did not ask for: the test process stalled (a loaded CI machine,
   * or the embedded database's queries holding the event loop) past the timeout before the mock's
   * answer was read. `extra`: an attempt that was not faulted; `masked`: a fault that showed as a timeout;
   * `late`: a request from an attempt given up on earlier that reached the mock during this turn.
   */
  extra: number;
  masked: number;
  late: number;
  /** The turn ran with the short first-token timeout (its script has a hang). */
  hangTurn: boolean;
}

describe("provider faults over 200 turns", () => {
  let db: TestDatabase;
  let ownerId: string;
  const lanes: Lane[] = [];
  const clock = testClock();

  beforeAll(async () => {
    // The SDKs log each unparseable stream event (bound to console when a client is made, so before
    // the providers are); the malformed faults are deliberate, so keep those lines out of the output.
    const consoleError = console.error.bind(console);
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      if (!/^(Could not parse message into JSON|From chunk)/.test(String(args[0]))) consoleError(...args);
    });
    db = await createTestDatabase();
    await seedContent(db);
    ownerId = (await localUser(db)).id;
    for (let i = 0; i < LANES; i++) {
      const lane = { sleeps: [] as number[], turn: -1 } as Lane;
      [lane.anthropic, lane.openai] = await Promise.all([
        startMockLlmServer({ reply: () => primaryText(lane.turn) }),
        startMockLlmServer({ reply: () => fallbackText(lane.turn) }),
      ]);
      const env = parseEnv({
        ANTHROPIC_API_KEY: "fault-test-key",
        ANTHROPIC_BASE_URL: lane.anthropic.url,
        OPENAI_API_KEY: "fault-test-key",
        OPENAI_BASE_URL: `${lane.openai.url}/v1`,
      });
      const wire = (firstTokenTimeoutMs: number) =>
        createInterviewDeps({
          prisma: db.prisma,
          llm: { ...llmConfigFromEnv(env), offlineDelayMs: 0 },
          now: clock.now,
          call: {
            maxRetries: MAX_RETRIES,
            baseDelayMs: 1,
            firstTokenTimeoutMs,
            idleTimeoutMs: 10_000,
            totalTimeoutMs: 30_000,
          },
          // No real waiting between retries; remember what the server asked for.
          callDeps: { sleep: async (ms) => void lane.sleeps.push(ms), random: () => 0.5 },
        });
      lane.deps = wire(FIRST_TOKEN_TIMEOUT_MS);
      lane.hangDeps = wire(HANG_TIMEOUT_MS);
      lanes.push(lane);
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await Promise.all(lanes.flatMap((lane) => [lane.anthropic.close(), lane.openai.close()]));
    await db?.destroy();
  });

  async function runTurn(lane: Lane, scenario: Scenario): Promise<TurnLog> {
    const { anthropic, openai, interviewId } = lane;
    const { turn } = scenario;
    const deps = [...scenario.primary, ...scenario.fallback].some((f) => f.type === "hang") ? lane.hangDeps : lane.deps;
    const where = `turn ${turn} (${scenario.fault}${scenario.depth ? ` × ${scenario.depth}` : ""})`;
    const hangTurn = deps === lane.hangDeps;
    lane.turn = turn;
    lane.sleeps.length = 0;
    // Let a request from an attempt given up on earlier reach the mock now, then forget it and any
    // fault an earlier turn left queued: nothing of the last turn may leak into this one.
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (const mock of [anthropic, openai]) mock.reset();
    for (const fault of scenario.primary) anthropic.enqueueFault(fault);
    for (const fault of scenario.fallback) openai.enqueueFault(fault);
    const callsBefore = new Set((await db.prisma.llmCall.findMany({ where: { interviewId } })).map((c) => c.id));

    const clientId = `fault-turn-${turn}-${SEED}`;
    const content = `Turn ${turn}: here is how I would handle step ${turn % 9} of the design.`;
    const input = candidateMessageSchema.parse({ clientId, content });
    const { record, message, duplicate } = await submitCandidateMessage(deps, ownerId, interviewId, input);
    expect(duplicate, where).toBe(false);
    // Stored before any model is called: it is in the database now, whatever the turn does next.
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id: message.id } }), where).toMatchObject({
      role: "CANDIDATE",
      status: "COMPLETE",
      content,
      clientId,
    });

    const events: ReplyEvent[] = [];
    const reply = await replyTo(deps, record, message.seq, (e) => events.push(e));
    const calls = (await db.prisma.llmCall.findMany({ where: { interviewId } })).filter((c) => !callsBefore.has(c.id));
    // This turn's requests (the last user message is this turn's). An attempt given up on in an earlier
    // turn can still reach the mock late; it is no part of this turn, but it may have taken a fault.
    const ours = (r: RecordedRequest) => JSON.stringify(r.body).includes(content);
    const served = {
      anthropic: generation(anthropic.requests).filter(ours),
      openai: generation(openai.requests).filter(ours),
    };
    const foreign = [...generation(anthropic.requests), ...generation(openai.requests)].filter((r) => !ours(r)).length;
    const describeTurn = () =>
      `${where}\n  rows: ${JSON.stringify(calls.map((c) => [c.provider, c.status, c.error]))}\n  mock: ${JSON.stringify(
        [...served.anthropic, ...served.openai].map((r) => [r.provider, r.fault?.type ?? null, r.outcome]),
      )}`;

    // Exactly one outcome: a complete reply, the whole text of the provider whose call succeeded.
    const ok = calls.filter((c) => c.status === "OK");
    expect(ok, describeTurn()).toHaveLength(1);
    const answeredBy = ok[0]!.provider as Answerer;
    expect(reply.status, where).toBe("complete");
    expect(reply.replyToSeq, where).toBe(message.seq);
    if (answeredBy === "anthropic") expect(reply.content, where).toBe(primaryText(turn));
    else if (answeredBy === "openai") expect(reply.content, where).toBe(fallbackText(turn));
    else {
      // The offline interviewer's own words, with nothing of the attempts that broke off.
      expect(reply.content, where).not.toMatch(/Primary model|Fallback model/);
      expect(reply.content.length, where).toBeGreaterThan(20);
    }
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id: reply.id } }), where).toMatchObject({
      role: "INTERVIEWER",
      status: "COMPLETE",
      content: reply.content,
      replyToSeq: message.seq,
    });
    // What the browser is left showing: after the last "restart", exactly the stored reply.
    const lastRestart = events.map((e) => e.type).lastIndexOf("restart");
    const shown = events
      .slice(lastRestart + 1)
      .flatMap((e) => (e.type === "delta" ? [e.text] : []))
      .join("");
    expect(shown, where).toBe(reply.content);
    expect(events.at(-1), where).toMatchObject({ type: "reply-done", message: { id: reply.id } });

    // Usage records: every attempt the mock served is a row; every fault it injected is an ERROR row
    // with the reason (or a first-token timeout, if the machine stalled before the fault showed).
    let extra = 0;
    let masked = 0;
    for (const provider of ["anthropic", "openai"] as const) {
      const rows = calls.filter((c) => c.provider === provider);
      const errors = rows.filter((c) => c.status === "ERROR");
      expect(
        errors.every((c) => /^[a-z_]+: \S/.test(c.error ?? "")),
        describeTurn(),
      ).toBe(true);
      const unmatched = [...errors];
      for (const request of served[provider].filter((r) => r.fault !== null)) {
        const pattern = EXPECTED_ERROR[request.fault!.type as FaultType];
        let index = unmatched.findIndex((c) => pattern.test(c.error!));
        if (index < 0) {
          index = unmatched.findIndex((c) => TIMEOUT.test(c.error!));
          masked += 1;
        }
        expect(
          index,
          `${describeTurn()}\n  no ERROR row for the injected ${request.fault!.type}`,
        ).toBeGreaterThanOrEqual(0);
        unmatched.splice(index, 1);
      }
      // Any other failure must be a first-token timeout of an attempt that was not faulted.
      expect(
        unmatched.every((c) => TIMEOUT.test(c.error!)),
        describeTurn(),
      ).toBe(true);
      extra += unmatched.length;
      // An attempt that never reached the mock can only be such a timeout; otherwise rows = requests.
      expect(rows.length - served[provider].length, describeTurn()).toBeGreaterThanOrEqual(0);
      expect(rows.length - served[provider].length, describeTurn()).toBeLessThanOrEqual(unmatched.length);
    }
    // Only the last provider tried may have succeeded, and the offline interviewer only after both real ones.
    if (answeredBy !== "anthropic")
      expect(calls.filter((c) => c.provider === "anthropic").length, describeTurn()).toBe(MAX_RETRIES + 1);
    if (answeredBy === "offline")
      expect(calls.filter((c) => c.provider === "openai").length, describeTurn()).toBe(MAX_RETRIES + 1);

    const injected = served.anthropic.filter((r) => r.fault).length + served.openai.filter((r) => r.fault).length;
    const stalled = extra + masked + foreign > 0;
    // Without a hang in the script the first-token timeout is 10 s: no timeout may appear that was not asked for.
    if (!hangTurn) expect({ extra, masked, foreign }, describeTurn()).toEqual({ extra: 0, masked: 0, foreign: 0 });
    if (!stalled) {
      // Exactly what the scenario scripted.
      expect(answeredBy, describeTurn()).toBe(scenario.answeredBy);
      expect(injected, describeTurn()).toBe(scenario.primary.length + scenario.fallback.length);
      expect(calls.length, describeTurn()).toBe(injected + 1);
      // A 429 that was retried on the same provider waited exactly as long as its retry-after said.
      const retried = (faults: MockFault[]) => faults.slice(0, MAX_RETRIES);
      const waits = [...retried(scenario.primary), ...retried(scenario.fallback)]
        .flatMap((f) => (f.type === "rate_limit" ? [(f.retryAfterSeconds ?? 1) * 1000] : []))
        .sort();
      expect(
        lane.sleeps.filter((ms) => ms >= 1000).sort(),
        `${describeTurn()}\n  waits ${JSON.stringify(lane.sleeps)} faults ${JSON.stringify([scenario.primary, scenario.fallback])}`,
      ).toEqual(waits);
    }

    if (scenario.resend) {
      // The browser never saw the acknowledgement and sends the same message again: nothing new is stored or called.
      const callCount = await db.prisma.llmCall.count({ where: { interviewId } });
      const again = await submitCandidateMessage(deps, ownerId, interviewId, input);
      expect(again, where).toMatchObject({ duplicate: true, message: { id: message.id } });
      expect((await replyTo(deps, again.record, again.message.seq, () => {})).id, where).toBe(reply.id);
      expect(await db.prisma.llmCall.count({ where: { interviewId } }), where).toBe(callCount);
    }
    return { turn, interviewId, injected, extra, masked, late: foreign, hangTurn };
  }

  it("keeps every candidate message, gives every turn one outcome, falls back, and records every failure", async () => {
    const scenarios = buildScenarios();
    // The rotation covers every fault at every depth (a property of the seed, checked so a new seed cannot thin it out).
    for (const fault of ROTATION.slice(1))
      for (const depth of DEPTHS)
        expect(
          scenarios.some((s) => s.fault === fault && s.depth === depth),
          `${fault} × ${depth}`,
        ).toBe(true);

    const perLane = TURNS / LANES;
    const logs = await Promise.all(
      lanes.map(async (lane, i) => {
        lane.interviewId = (
          await startInterview(lane.deps, ownerId, {
            promptSlug: i % 2 ? "design-chatgpt" : "enterprise-search",
            frameworkSlug: "nine-step",
            durationMinutes: 45,
            level: "senior",
            mode: "interview",
            model: "anthropic:claude-sonnet-4-6",
          })
        ).id;
        const done: TurnLog[] = [];
        for (const scenario of scenarios.slice(i * perLane, (i + 1) * perLane)) {
          clock.advanceSeconds(60 / LANES); // the five interviews share one clock: a minute per round of turns
          done.push(await runTurn(lane, scenario));
        }
        return done;
      }),
    );
    const turns = logs.flat();
    const interviewIds = lanes.map((lane) => lane.interviewId);
    const extra = turns.reduce((n, t) => n + t.extra, 0);
    const stalled = turns.filter((t) => t.extra + t.masked + t.late > 0).length;
    const hangTurns = turns.filter((t) => t.hangTurn).length;
    if (stalled > 0)
      console.warn(
        `[fault-provider] ${stalled} of ${hangTurns} turns with a hang saw a first-token timeout the script did not ask for`,
      );
    // Those turns were still checked for everything but the exact script; most must still run exactly as scripted.
    expect(stalled).toBeLessThan(hangTurns / 2);

    // The totals: 200 candidate messages, each with exactly one reply, complete; seq numbers without gaps.
    const messages = await db.prisma.message.findMany({
      where: { interviewId: { in: interviewIds } },
      orderBy: [{ interviewId: "asc" }, { seq: "asc" }],
    });
    const candidates = messages.filter((m) => m.role === "CANDIDATE");
    expect(candidates).toHaveLength(TURNS);
    expect(new Set(candidates.map((m) => m.clientId)).size).toBe(TURNS);
    for (const id of interviewIds) {
      const seqs = messages.filter((m) => m.interviewId === id).map((m) => m.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    for (const candidate of candidates) {
      const replies = messages.filter(
        (m) => m.interviewId === candidate.interviewId && m.role === "INTERVIEWER" && m.replyToSeq === candidate.seq,
      );
      expect(
        replies.map((r) => r.status),
        `replies to ${candidate.clientId}`,
      ).toEqual(["COMPLETE"]);
    }
    expect(messages.filter((m) => m.status !== "COMPLETE")).toEqual([]);

    // Usage records: one ERROR row per injected failure (plus any stalls), each with its reason; the chain shows in the OK rows.
    const calls = await db.prisma.llmCall.findMany({ where: { interviewId: { in: interviewIds } } });
    const errors = calls.filter((c) => c.status === "ERROR");
    const injected = turns.reduce((n, t) => n + t.injected, 0);
    expect(injected).toBeGreaterThan(300);
    expect(errors).toHaveLength(injected + extra);
    for (const [type, pattern] of Object.entries(EXPECTED_ERROR))
      expect(errors.filter((c) => pattern.test(c.error!)).length, type).toBeGreaterThan(10);
    const ok = (provider: string) => calls.filter((c: LlmCall) => c.status === "OK" && c.provider === provider).length;
    expect(ok("anthropic") + ok("openai") + ok("offline")).toBe(TURNS);
    expect(ok("openai")).toBeGreaterThan(20);
    expect(ok("offline")).toBeGreaterThan(10);
    if (stalled === 0) {
      const answered = (by: Answerer) => scenarios.filter((s) => s.answeredBy === by).length;
      expect([ok("anthropic"), ok("openai"), ok("offline")]).toEqual([
        answered("anthropic"),
        answered("openai"),
        answered("offline"),
      ]);
    }
    expect(
      calls.every((c) => c.userId === ownerId && c.purpose === "interviewer" && c.promptRef === "interviewer@1"),
    ).toBe(true);
  }, 240_000);
});

/** The mock's log of model calls (not /v1/models look-ups). */
function generation(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method === "POST");
}
