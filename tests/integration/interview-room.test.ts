/**
 * The interview room's use cases against a real database and, where a model is involved, the mock
 * LLM server speaking the real OpenAI/Anthropic protocols.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, PayloadTooLargeError, BadRequestError } from "@/lib/errors";
import {
  candidateMessageSchema,
  endInterview,
  getRoomState,
  markInterruptedReplies,
  replyTo,
  requestHint,
  saveBoard,
  startInterview,
  submitCandidateMessage,
  tick,
  type InterviewDeps,
  type ReplyEvent,
} from "@/lib/interview/service";
import { startMockLlmServer, type MockLlmServer } from "../mock-llm/server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { boardScene } from "../support/scenes";
import { interviewDepsFor, localUser, seedContent, testClock, type TestClock } from "../support/interview";

const START = {
  promptSlug: "design-chatgpt",
  frameworkSlug: "nine-step",
  durationMinutes: 45,
  level: "senior",
  mode: "interview",
  model: "offline",
} as const;

async function say(deps: InterviewDeps, ownerId: string, id: string, content: string, clientId = crypto.randomUUID()) {
  const { record, message } = await submitCandidateMessage(
    deps,
    ownerId,
    id,
    candidateMessageSchema.parse({ clientId, content }),
  );
  const events: ReplyEvent[] = [];
  const reply = await replyTo(deps, record, message.seq, (e) => events.push(e));
  return { message, reply, events };
}

describe("interview room", () => {
  let db: TestDatabase;
  let clock: TestClock;
  let deps: InterviewDeps;
  let ownerId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedContent(db);
    ownerId = (await localUser(db)).id;
  });
  afterAll(() => db?.destroy());
  beforeEach(() => {
    clock = testClock();
    deps = interviewDepsFor(db, clock);
  });

  it("starts an interview that pins the prompt, framework and rubric versions and opens with the interviewer", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    const row = await db.prisma.interview.findUniqueOrThrow({
      where: { id },
      include: { prompt: true, framework: true, rubric: true },
    });
    expect([row.prompt.slug, row.prompt.version, row.framework.slug, row.rubric.slug]).toEqual([
      "design-chatgpt",
      1,
      "nine-step",
      "genai-default",
    ]);
    expect(row.endsAt.getTime() - row.startedAt.getTime()).toBe(45 * 60_000);
    const state = await getRoomState(deps, ownerId, id);
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0]).toMatchObject({ seq: 1, role: "interviewer", status: "complete" });
    expect(state.phases.reduce((s, p) => s + p.minutes, 0)).toBe(45);
  });

  it("rejects unknown prompts, frameworks and models with a 4xx that names them", async () => {
    await expect(startInterview(deps, ownerId, { ...START, promptSlug: "nope" })).rejects.toThrow(
      /Unknown prompt "nope"/,
    );
    await expect(startInterview(deps, ownerId, { ...START, frameworkSlug: "nope" })).rejects.toThrow(
      /Unknown framework "nope"/,
    );
    const error = await startInterview(deps, ownerId, { ...START, model: "anthropic:claude-opus-99" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toMatch(/Unknown model "anthropic:claude-opus-99"\. Available: offline/);
  });

  it("answers a clarifying question with the fact sheet's number (offline interviewer)", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    clock.advanceSeconds(60);
    const { reply, events } = await say(
      deps,
      ownerId,
      id,
      "How many users do we expect, and how many messages per day?",
    );
    const users = (await db.prisma.prompt.findFirstOrThrow({ where: { slug: "design-chatgpt" } })).data as {
      factSheet: { topic: string; answer: string }[];
    };
    const answer = users.factSheet.find((f) => f.topic === "users")!.answer;
    const number = answer.match(/\d[\d,.]*\s*[MKB]?/)![0].trim();
    expect(reply.content).toContain(number);
    expect(reply.status).toBe("complete");
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["reply-start", "delta", "reply-done"]));
    const calls = await db.prisma.llmCall.findMany({ where: { interviewId: id } });
    expect(calls).toEqual([
      expect.objectContaining({
        provider: "offline",
        status: "OK",
        purpose: "interviewer",
        promptRef: "interviewer@1",
      }),
    ]);
  });

  it("replaces a reply left STREAMING by a stream that died (no one is writing it) when the turn is retried", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    const clientId = crypto.randomUUID();
    const { record, message } = await submitCandidateMessage(
      deps,
      ownerId,
      id,
      candidateMessageSchema.parse({ clientId, content: "How many users?" }),
    );
    // What a lost database connection leaves behind: a reply row stuck in STREAMING.
    const seq = (await db.prisma.message.count({ where: { interviewId: id } })) + 1;
    const orphan = await db.prisma.message.create({
      data: {
        interviewId: id,
        seq,
        role: "INTERVIEWER",
        status: "STREAMING",
        content: "Fair que",
        replyToSeq: message.seq,
      },
    });
    const reply = await replyTo(deps, record, message.seq, () => {});
    expect(reply.status).toBe("complete");
    expect(reply.id).not.toBe(orphan.id);
    expect((await db.prisma.message.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe("FAILED");
  });

  it("stores a message once per clientId and never generates a second reply for it", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    const first = await say(deps, ownerId, id, "What latency do users expect?", "client-id-123");
    const again = await say(deps, ownerId, id, "What latency do users expect?", "client-id-123");
    expect(again.message.id).toBe(first.message.id);
    expect(again.reply.id).toBe(first.reply.id);
    expect(await db.prisma.message.count({ where: { interviewId: id } })).toBe(3);
    expect(await db.prisma.llmCall.count({ where: { interviewId: id } })).toBe(1);
  });

  it("refuses messages after the deadline and to someone else's interview, storing nothing", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    const stranger = await db.prisma.user.create({
      data: { email: `s-${crypto.randomUUID()}@x.test`, name: "Stranger" },
    });
    await expect(
      submitCandidateMessage(deps, stranger.id, id, { clientId: "c-stranger-1", content: "hi" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getRoomState(deps, stranger.id, id)).rejects.toBeInstanceOf(NotFoundError);
    clock.advanceSeconds(45 * 60 + 1);
    const late = await submitCandidateMessage(deps, ownerId, id, {
      clientId: "c-late-1",
      content: "one more thing",
    }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(ConflictError);
    expect((late as Error).message).toMatch(/interview has ended/);
    expect(await db.prisma.message.count({ where: { interviewId: id } })).toBe(1);
    expect((await getRoomState(deps, ownerId, id)).interview.status).toBe("ended");
  });

  it("validates message bodies: empty and over-long messages are rejected with the reason", () => {
    expect(candidateMessageSchema.safeParse({ clientId: "abcdefgh", content: "   " }).error?.issues[0]?.message).toBe(
      "the message is empty",
    );
    expect(
      candidateMessageSchema.safeParse({ clientId: "abcdefgh", content: "x".repeat(20_000) }).error?.issues[0]?.message,
    ).toMatch(/longer than 8000/);
    expect(candidateMessageSchema.safeParse({ clientId: "abcdefgh", content: "ok", ownerId: "x" }).success).toBe(false);
  });

  it("keeps every board save as a snapshot, skips unchanged ones, and rejects malformed or oversize scenes", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    expect(await saveBoard(deps, ownerId, id, boardScene(["Client", "API gateway"]))).toMatchObject({
      seq: 1,
      changed: true,
    });
    expect(await saveBoard(deps, ownerId, id, boardScene(["Client", "API gateway"]))).toMatchObject({
      seq: 1,
      changed: false,
    });
    expect(await saveBoard(deps, ownerId, id, boardScene(["Client", "API gateway", "LLM"]))).toMatchObject({
      seq: 2,
      changed: true,
    });
    const snapshot = await db.prisma.diagramSnapshot.findFirstOrThrow({ where: { interviewId: id, seq: 2 } });
    expect(snapshot.digest).toContain("LLM");

    await expect(saveBoard(deps, ownerId, id, "{not json")).rejects.toBeInstanceOf(BadRequestError);
    await expect(saveBoard(deps, ownerId, id, JSON.stringify({ scene: { elements: [{ id: 1 }] } }))).rejects.toThrow(
      /The board was not saved/,
    );
    await expect(saveBoard(deps, ownerId, id, "x".repeat(10 * 1024 * 1024))).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    expect(await db.prisma.diagramSnapshot.count({ where: { interviewId: id } })).toBe(2);
    expect((await getRoomState(deps, ownerId, id)).board?.seq).toBe(2);
  });

  it("reacts to what was added to the board, issues a curveball on schedule and records it with the board version", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    clock.advanceSeconds(3 * 60);
    await say(deps, ownerId, id, "Let me start with the main components.");
    clock.advanceSeconds(30);
    await saveBoard(deps, ownerId, id, boardScene(["Client", "API gateway", "Vector DB"]));
    clock.advanceSeconds(60);
    const reaction = await say(deps, ownerId, id, "I drew the first components.");
    expect(reaction.reply.content.toLowerCase()).toMatch(/vector db|api gateway/);

    clock.advanceSeconds(15 * 60); // past 25% of the time, board has nodes
    const { reply } = await say(deps, ownerId, id, "Requests go through the gateway to the model servers.");
    expect(reply.kind).toBe("curveball");
    const event = await db.prisma.curveballEvent.findFirstOrThrow({ where: { interviewId: id } });
    expect(event).toMatchObject({ messageId: reply.id, snapshotSeq: 1 });
    expect(event.atSeconds).toBeGreaterThanOrEqual(19 * 60);
  });

  it("posts time nudges once each, decided by the server's clock", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    clock.advanceSeconds(20 * 60);
    await tick(deps, ownerId, id);
    clock.advanceSeconds(15 * 60 + 30); // ~9.5 minutes left
    const first = await tick(deps, ownerId, id);
    const nudges = async () => db.prisma.message.findMany({ where: { interviewId: id, kind: "NUDGE" } });
    expect((await nudges()).map((m) => m.eventKey)).toContain("nudge:ten-minutes-left");
    expect(first.added.length).toBeGreaterThan(0);
    const before = (await nudges()).length;
    await tick(deps, ownerId, id);
    await tick(deps, ownerId, id);
    expect((await nudges()).filter((m) => m.eventKey === "nudge:ten-minutes-left")).toHaveLength(1);
    clock.advanceSeconds(5 * 60);
    await tick(deps, ownerId, id);
    expect((await nudges()).map((m) => m.eventKey)).toContain("nudge:five-minutes-left");
    expect((await nudges()).length).toBeGreaterThan(before);
    clock.advanceSeconds(10 * 60);
    expect(await tick(deps, ownerId, id)).toEqual({ status: "ended", added: [] });
  });

  it("ends early on request and locks the transcript and the board", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    await endInterview(deps, ownerId, id);
    await expect(
      submitCandidateMessage(deps, ownerId, id, { clientId: "after-end-1", content: "hello?" }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(saveBoard(deps, ownerId, id, boardScene(["A"]))).rejects.toBeInstanceOf(ConflictError);
  });

  it("keeps a failed reply marked failed, and a retry of the same message replaces it with a real one", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    const failing: InterviewDeps = {
      ...deps,
      streamWithFallback: async (_chain, _req, handlers) => {
        handlers.onText("Half a sent");
        throw new Error("every provider failed");
      },
    };
    const { record, message } = await submitCandidateMessage(deps, ownerId, id, {
      clientId: "retry-me-1",
      content: "What is the budget?",
    });
    await expect(replyTo(failing, record, message.seq, () => {})).rejects.toThrow(/every provider failed/);
    const failed = await db.prisma.message.findFirstOrThrow({ where: { interviewId: id, replyToSeq: message.seq } });
    expect(failed).toMatchObject({ status: "FAILED", content: "Half a sent" });

    const again = await submitCandidateMessage(deps, ownerId, id, {
      clientId: "retry-me-1",
      content: "What is the budget?",
    });
    expect(again.duplicate).toBe(true);
    const reply = await replyTo(deps, again.record, again.message.seq, () => {});
    expect(reply.status).toBe("complete");
    expect(reply.id).not.toBe(failed.id);
    expect(await db.prisma.message.count({ where: { interviewId: id, role: "CANDIDATE" } })).toBe(1);
  });

  it("gives hints in coach mode only: chosen in code, different each time, never the answer, kept in the transcript", async () => {
    const interview = await startInterview(deps, ownerId, START);
    await expect(requestHint(deps, ownerId, interview.id)).rejects.toThrow(/only available in coach mode/);

    const { id } = await startInterview(deps, ownerId, { ...START, mode: "coach" });
    const state = await getRoomState(deps, ownerId, id);
    expect(state.guide?.map((g) => g.key)).toEqual(state.phases.map((p) => p.key));
    const first = await requestHint(deps, ownerId, id);
    const second = await requestHint(deps, ownerId, id);
    expect(first).toMatchObject({ role: "interviewer", kind: "hint", status: "complete" });
    expect(second.content).not.toBe(first.content);
    const pack = (await db.prisma.prompt.findFirstOrThrow({ where: { slug: "design-chatgpt" } })).data as {
      probes: { lookFor: string }[];
      curveballs: { goodAdaptation: string }[];
    };
    for (const secret of [...pack.probes.map((p) => p.lookFor), ...pack.curveballs.map((c) => c.goodAdaptation)]) {
      expect(first.content).not.toContain(secret.slice(0, 40));
    }
    expect((await getRoomState(deps, ownerId, id)).messages.filter((m) => m.kind === "hint")).toHaveLength(2);
  });

  it("marks replies that were streaming when the server stopped as interrupted, keeping their text", async () => {
    const { id } = await startInterview(deps, ownerId, START);
    await db.prisma.message.create({
      data: { interviewId: id, seq: 2, role: "INTERVIEWER", status: "STREAMING", content: "Half a thou" },
    });
    expect(await markInterruptedReplies(db.prisma)).toBeGreaterThanOrEqual(1);
    const state = await getRoomState(deps, ownerId, id);
    expect(state.messages.at(-1)).toMatchObject({ status: "partial", content: "Half a thou" });
  });
});

describe("interview room with a model over HTTP (mock server)", () => {
  let db: TestDatabase;
  let mock: MockLlmServer;
  let ownerId: string;
  const clock = testClock();
  let deps: InterviewDeps;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedContent(db);
    ownerId = (await localUser(db)).id;
    mock = await startMockLlmServer({ tokensPerSecond: 0 });
    deps = interviewDepsFor(db, clock, {
      ANTHROPIC_API_KEY: "test-key",
      ANTHROPIC_BASE_URL: mock.url,
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: `${mock.url}/v1`,
    });
  });
  afterEach(() => mock.reset());
  afterAll(async () => {
    await mock.close();
    await db?.destroy();
  });

  const start = async () =>
    (await startInterview(deps, ownerId, { ...START, model: "anthropic:claude-sonnet-4-6" })).id;

  it("stores the candidate's message before the model is called, and the model sees it", async () => {
    const id = await start();
    mock.enqueueReply("What peak load should we plan for?");
    const { reply } = await say(deps, ownerId, id, "I'd like to understand the traffic first.");
    expect(reply).toMatchObject({ content: "What peak load should we plan for?", status: "complete" });
    const request = mock.requests.find((r) => r.provider === "anthropic")!;
    expect(JSON.stringify(request.body)).toContain("I'd like to understand the traffic first.");
    // the private pack is in the cached system prefix, the reference outline never is
    const body = JSON.stringify(request.body);
    expect(body).toContain("cache_control");
    const pack = (await db.prisma.prompt.findFirstOrThrow({ where: { slug: "design-chatgpt" } })).data as {
      referenceOutline: { architecture: string[] };
    };
    expect(body).not.toContain(pack.referenceOutline.architecture[0]!.slice(0, 50));
  });

  it("retries a rate-limited call, then succeeds, recording both attempts", async () => {
    const id = await start();
    mock.enqueueFault({ type: "rate_limit", retryAfterSeconds: 1 });
    mock.enqueueReply("Fine — let's talk about estimates.");
    const { reply } = await say(deps, ownerId, id, "Shall we estimate?");
    expect(reply.content).toBe("Fine — let's talk about estimates.");
    const calls = await db.prisma.llmCall.findMany({ where: { interviewId: id }, orderBy: { createdAt: "asc" } });
    expect(calls.map((c) => [c.provider, c.status])).toEqual([
      ["anthropic", "ERROR"],
      ["anthropic", "OK"],
    ]);
    expect(calls[0]!.error).toMatch(/rate_limit|429/);
  });

  it("falls back to the next provider when one keeps failing, and to the offline interviewer when all do", async () => {
    const id = await start();
    mock.enqueueFault({ type: "server_error" }, 3); // all anthropic attempts
    mock.enqueueReply("OpenAI here: what is your latency target?");
    const first = await say(deps, ownerId, id, "Let's go.");
    expect(first.reply.content).toBe("OpenAI here: what is your latency target?");

    mock.enqueueFault({ type: "server_error" }, 6); // anthropic and openai, every attempt
    const second = await say(deps, ownerId, id, "How many users are there?");
    expect(second.reply.status).toBe("complete");
    expect(second.reply.content.length).toBeGreaterThan(10);
    const calls = await db.prisma.llmCall.findMany({ where: { interviewId: id } });
    expect(calls.filter((c) => c.provider === "offline" && c.status === "OK")).toHaveLength(1);
    expect(calls.filter((c) => c.status === "ERROR").length).toBeGreaterThanOrEqual(9);
  });

  it("throws away a reply cut mid-stream and replaces it with a complete one from the fallback", async () => {
    const id = await start();
    mock.enqueueFault({ type: "cut", afterChunks: 3 }, 3);
    // every attempt gets the same script: three cut Anthropic attempts, then OpenAI in full
    mock.enqueueReply("A complete reply from the fallback provider.", 4);
    const { reply, events } = await say(deps, ownerId, id, "Tell me more.");
    expect(events.some((e) => e.type === "restart")).toBe(true);
    expect(reply.content).toBe("A complete reply from the fallback provider.");
    expect((await db.prisma.message.findUniqueOrThrow({ where: { id: reply.id } })).content).toBe(reply.content);
  });

  it("persists a reply while it streams, so a dropped connection or a crash keeps what arrived", async () => {
    const id = await start();
    mock.configure({ tokensPerSecond: 20 });
    mock.enqueueReply(Array.from({ length: 40 }, (_, i) => `word${i}`).join(" "));
    const { record, message } = await submitCandidateMessage(deps, ownerId, id, {
      clientId: "slow-reply-1",
      content: "Go on.",
    });
    const replying = replyTo(deps, record, message.seq, () => {});
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const midway = await db.prisma.message.findFirstOrThrow({ where: { interviewId: id, replyToSeq: message.seq } });
    expect(midway.status).toBe("STREAMING");
    expect(midway.content.length).toBeGreaterThan(0);
    expect(midway.content.length).toBeLessThan(40 * 6);
    const done = await replying;
    expect(done.content.split(" ")).toHaveLength(40);
    mock.configure({ tokensPerSecond: 0 });
  });
});

describe("restart", () => {
  it("a server restart resumes the interview exactly: transcript, board and clock", async () => {
    const dir = `${(await import("node:os")).tmpdir()}/tradeoff-restart-${crypto.randomUUID()}`;
    const { openDatabase } = await import("@/lib/db/connection");
    const { applyMigrations, readMigrations } = await import("@/lib/db/migrate");
    const { getEnv } = await import("@/lib/env");
    const usingPostgres = Boolean(getEnv().DATABASE_URL);
    // On Postgres "restart" = a new connection pool; on PGlite = reopening the data folder.
    const config = usingPostgres
      ? (await import("../support/db")).freshDatabaseConfig()
      : ({ kind: "pglite", dataDir: dir } as const);
    const open = async () => {
      const db = await openDatabase(config);
      await applyMigrations(db.sql, await readMigrations());
      return Object.assign(db, { destroy: () => db.close() }) as TestDatabase;
    };
    const clock = testClock();
    let db = await open();
    await seedContent(db);
    const ownerId = (await localUser(db)).id;
    let deps = interviewDepsFor(db, clock);
    const { id } = await startInterview(deps, ownerId, START);
    clock.advanceSeconds(120);
    await say(deps, ownerId, id, "What is the latency target for the first token?");
    await saveBoard(deps, ownerId, id, boardScene(["Client", "Gateway"]));
    const before = await getRoomState(deps, ownerId, id);
    await db.close();

    db = await open();
    deps = interviewDepsFor(db, clock);
    const after = await getRoomState(deps, ownerId, id);
    expect(after).toEqual(before);
    await say(deps, ownerId, id, "Continuing after the restart.");
    expect((await getRoomState(deps, ownerId, id)).messages).toHaveLength(before.messages.length + 2);
    await db.close();
    if (config.kind === "postgres") await (await import("../support/db")).dropSchema(config.url, config.schema!);
    else (await import("node:fs")).rmSync(dir, { recursive: true, force: true });
  });
});
