/**
 * The scoring job end to end on a real database: an ended interview gets a PENDING report, the job
 * turns it COMPLETE (offline scorer, or the AI judge over HTTP against the mock server) or INCOMPLETE
 * with a reason — never a made-up score.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  endInterview,
  replyTo,
  saveBoard,
  startInterview,
  submitCandidateMessage,
  type InterviewDeps,
} from "@/lib/interview/service";
import { createLlmRegistry, llmConfigFromEnv } from "@/lib/llm";
import { requestReport, runReport, type ScoringDeps } from "@/lib/scoring/pipeline";
import { latestReport, retryReport } from "@/lib/scoring/reports";
import { startMockLlmServer, type MockLlmServer } from "../mock-llm/server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { boardScene as board } from "../support/scenes";
import { interviewDepsFor, localUser, seedContent, testClock } from "../support/interview";

const STRONG_TURNS = [
  "Before designing: who are the users, how many daily actives, and what latency do we need for the first token?",
  "So 20M DAU × 15 messages = 300M messages/day; 300M / 86,400 ≈ 3.5K requests/s on average, about 10K/s at peak.",
  "Requests go client → API gateway → orchestrator → model servers with continuous batching and a paged KV cache; we stream tokens back over SSE.",
  "For grounding we use retrieval with hybrid search and a reranker instead of fine-tuning first; the LLM is not a source of truth.",
  "Guardrails: input moderation before the model and output filtering after it, plus PII redaction in logs.",
  "Evaluation: a golden set with regression gates in CI, LLM-as-judge calibrated against human labels, and online metrics like thumbs-down rate.",
  "If a region fails we shed free-tier traffic, fail over paid users, and degrade to a smaller model; cost drops with prefix caching and routing easy prompts to a small model.",
];

async function runInterview(
  deps: InterviewDeps,
  clock: ReturnType<typeof testClock>,
  ownerId: string,
  model: string,
  turns: string[],
) {
  const { id } = await startInterview(deps, ownerId, {
    promptSlug: "design-chatgpt",
    frameworkSlug: "nine-step",
    durationMinutes: 45,
    level: "senior",
    mode: "interview",
    model,
  });
  for (const [i, content] of turns.entries()) {
    clock.advanceSeconds(240);
    if (i === 2)
      await saveBoard(
        deps,
        ownerId,
        id,
        board(["Client", "API gateway", "Orchestrator", "LLM serving", "Guardrails", "Cache", "Monitoring"]),
      );
    const { record, message } = await submitCandidateMessage(deps, ownerId, id, {
      clientId: crypto.randomUUID(),
      content,
    });
    await replyTo(deps, record, message.seq, () => {});
  }
  await endInterview(deps, ownerId, id);
  return id;
}

describe("scoring pipeline", () => {
  let db: TestDatabase;
  let ownerId: string;
  let mock: MockLlmServer;
  const modelEnv = () => ({ ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: mock.url });
  const scoringDeps = (withModel: boolean): ScoringDeps => {
    const registry = createLlmRegistry(llmConfigFromEnv(parseEnv(withModel ? modelEnv() : {})));
    return {
      prisma: db.prisma,
      now: () => new Date(),
      judgeChain: (model) =>
        withModel && model !== "offline" ? registry.chainFor(model).filter((p) => p.id !== "offline") : null,
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedContent(db);
    ownerId = (await localUser(db)).id;
    mock = await startMockLlmServer();
  });
  afterEach(() => mock.reset());
  afterAll(async () => {
    await mock.close();
    await db?.destroy();
  });

  it("ending an interview asks for a report; the offline scorer completes it with a verdict, scores per dimension and evidence that points at real messages", async () => {
    const clock = testClock();
    const ended: string[] = [];
    const deps = { ...interviewDepsFor(db, clock), onEnded: (id: string) => ended.push(id) };
    const id = await runInterview(deps, clock, ownerId, "offline", STRONG_TURNS);
    expect(ended).toEqual([id]);

    const reportId = await requestReport(db.prisma, id);
    expect(await requestReport(db.prisma, id)).toBe(reportId); // idempotent
    expect((await latestReport(db.prisma, id, ownerId))?.status).toBe("pending");
    await runReport(scoringDeps(false), reportId);

    const report = await latestReport(db.prisma, id, ownerId);
    expect(report?.status).toBe("complete");
    const body = report!.body!;
    expect(body.source).toBe("offline");
    expect(body.dimensions).toHaveLength(11);
    expect(body.weightedScore).toBeGreaterThan(1);
    expect(body.verdict?.level).toBe("senior");
    const candidateIds = new Set(
      (await db.prisma.message.findMany({ where: { interviewId: id, role: "CANDIDATE" } })).map((m) => m.id),
    );
    const quotes = body.dimensions.flatMap((d) => d.evidence).filter((e) => e.kind === "quote");
    expect(quotes.length).toBeGreaterThan(5);
    for (const q of quotes) expect(candidateIds.has(q.messageId)).toBe(true);
    const rows = await db.prisma.dimensionScore.findMany({ where: { reportId } });
    expect(rows).toHaveLength(11);
  });

  it("an interview with a model is judged by that model: one structured call per dimension, in parallel", async () => {
    const clock = testClock();
    const deps = interviewDepsFor(db, clock, modelEnv());
    mock.setReply((req) => (req.responseKind === "tool" ? "" : "Noted — go on."));
    const id = await runInterview(deps, clock, ownerId, "anthropic:claude-sonnet-4-6", STRONG_TURNS.slice(0, 4));
    const candidate = await db.prisma.message.findFirstOrThrow({
      where: { interviewId: id, role: "CANDIDATE" },
      orderBy: { seq: "asc" },
    });
    // A judge that cites the first candidate turn (as the judge prompt numbers it) and gives level 3.
    mock.setReply((req) => {
      if (req.responseKind !== "tool") return "Noted.";
      const ref = /\b(m\d+)\b[^\n]*candidate/.exec(req.messages.map((m) => m.content).join("\n"))?.[1] ?? "m2";
      return JSON.stringify({
        evidence: [{ kind: "quote", messageId: ref, quote: candidate.content.slice(0, 40) }],
        reasoning: "Asked about users and latency first.",
        level: 3,
        injectionSuspected: false,
      });
    });
    const reportId = await requestReport(db.prisma, id);
    await runReport(scoringDeps(true), reportId);
    const report = await latestReport(db.prisma, id, ownerId);
    expect(report?.status).toBe("complete");
    expect(report?.body?.source).toBe("ai");
    const judged = mock.requests.filter(
      (r) => r.provider === "anthropic" && JSON.stringify(r.body).includes("tool_choice"),
    );
    expect(judged.length).toBeGreaterThanOrEqual(11);
    const calls = await db.prisma.llmCall.findMany({ where: { interviewId: id, promptRef: "judge@1" } });
    expect(calls.length).toBeGreaterThanOrEqual(11);
  });

  it("model output that fails the schema twice makes the report INCOMPLETE with the reason and no numbers; a retry can complete it", async () => {
    const clock = testClock();
    const deps = interviewDepsFor(db, clock, modelEnv());
    const id = await runInterview(deps, clock, ownerId, "anthropic:claude-sonnet-4-6", STRONG_TURNS.slice(0, 3));
    mock.setReply((req) => (req.responseKind === "tool" ? '{"level": "excellent"}' : "Noted."));
    const reportId = await requestReport(db.prisma, id);
    await runReport(scoringDeps(true), reportId);
    const failed = await db.prisma.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(failed).toMatchObject({ status: "INCOMPLETE", weightedScore: null, verdict: null, data: null });
    expect(failed.failureReason).toMatch(/could not score \d+ of 11 dimensions/);
    expect(await db.prisma.dimensionScore.count({ where: { reportId } })).toBe(0);

    // Retrying queues a fresh report; the offline path (no model available now) completes it.
    const retryId = await retryReport(db.prisma, id, ownerId);
    expect(retryId).not.toBe(reportId);
    await runReport(scoringDeps(false), retryId);
    expect((await latestReport(db.prisma, id, ownerId))?.status).toBe("complete");
  });

  it("refuses to score a running interview", async () => {
    const clock = testClock();
    const deps = interviewDepsFor(db, clock);
    const { id } = await startInterview(deps, ownerId, {
      promptSlug: "design-chatgpt",
      frameworkSlug: "nine-step",
      durationMinutes: 45,
      level: "senior",
      mode: "interview",
      model: "offline",
    });
    await expect(retryReport(db.prisma, id, ownerId)).rejects.toThrow(/still running/);
  });
});
