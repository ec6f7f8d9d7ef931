import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { LlmCallRecord, LlmProvider } from "@/lib/llm";
import { buildReportBody, computeFindings, scoreOffline } from "./index";
import { judgeDimensions } from "./judge";
import { loadScoringInput } from "./load";
import type { DimensionResult, ReportBody } from "./types";

/**
 * Scoring runs as a background job, never inside the request that ends an interview: ending inserts
 * a PENDING report, a worker (lib/scoring/worker.ts) picks it up. A report ends COMPLETE with scores,
 * or INCOMPLETE with a reason and no scores — never an invented number.
 */
export interface ScoringDeps {
  prisma: PrismaClient;
  now(): Date;
  /** Providers that can judge for this interview's model, or null to use the offline scorer. */
  judgeChain(interviewModel: string): LlmProvider[] | null;
  /** Samples per dimension for the AI judge (odd; the median level is kept). */
  samples?: number;
  nonce?(): string;
}

export const OFFLINE_SCORER_REF = "offline-scorer@1";

/** Queues a report for the interview unless one is already pending or complete. Returns its id. */
export async function requestReport(
  prisma: PrismaClient,
  interviewId: string,
  options: { retry?: boolean } = {},
): Promise<string> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM interviews WHERE id = ${interviewId}::uuid FOR UPDATE`;
    const existing = await tx.report.findFirst({
      where: { interviewId, status: options.retry ? "PENDING" : { in: ["PENDING", "COMPLETE"] } },
      orderBy: { createdAt: "desc" },
    });
    if (existing) return existing.id;
    const interview = await tx.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: { rubricId: true, model: true },
    });
    const report = await tx.report.create({
      data: { interviewId, rubricId: interview.rubricId, status: "PENDING", source: "OFFLINE" },
    });
    return report.id;
  });
}

/** Scores one pending report. Safe to call twice: only a PENDING report is worked on. */
export async function runReport(deps: ScoringDeps, reportId: string): Promise<void> {
  const { prisma } = deps;
  const report = await prisma.report.findUnique({
    where: { id: reportId },
    include: { interview: { select: { id: true, model: true, ownerId: true } } },
  });
  if (!report || report.status !== "PENDING") return;
  const interview = report.interview;
  try {
    const input = await loadScoringInput(prisma, interview.id);
    const findings = computeFindings(input);
    const chain = deps.judgeChain(interview.model);
    let dimensions: DimensionResult[];
    let body: ReportBody;
    if (chain && chain.length > 0) {
      const record = async (call: LlmCallRecord) => {
        await prisma.llmCall.create({ data: { ...call, userId: interview.ownerId, interviewId: interview.id } });
      };
      const judged = await judgeDimensions(
        input,
        findings,
        { chain, record, nonce: deps.nonce?.() ?? crypto.randomUUID() },
        { samples: deps.samples ?? 1 },
      );
      if (judged.failures.length > 0) {
        const list = judged.failures.map((f) => `${f.dimension} (${f.reason})`).join("; ");
        await markIncomplete(
          prisma,
          reportId,
          `The AI judge could not score ${judged.failures.length} of ${input.rubric.dimensions.length} dimensions: ${list}. Nothing was scored; retry to try again.`,
        );
        return;
      }
      dimensions = judged.dimensions;
      body = buildReportBody(input, dimensions, findings, "ai", judgeRef());
    } else {
      dimensions = scoreOffline(input, findings);
      body = buildReportBody(input, dimensions, findings, "offline", OFFLINE_SCORER_REF);
    }
    const rubricDimensions = await prisma.rubricDimension.findMany({ where: { rubricId: report.rubricId } });
    const idByKey = new Map(rubricDimensions.map((d) => [d.key, d.id]));
    await prisma.$transaction(async (tx) => {
      const updated = await tx.report.updateMany({
        where: { id: reportId, status: "PENDING" },
        data: {
          status: "COMPLETE",
          source: body.source === "ai" ? "AI" : "OFFLINE",
          weightedScore: body.weightedScore,
          verdict: body.verdict ? `${body.verdict.verdict} at ${body.verdict.level}` : null,
          data: body as object,
          promptRef: body.scorerRef,
          completedAt: deps.now(),
        },
      });
      if (updated.count === 0) return;
      for (const d of dimensions) {
        const dimensionId = idByKey.get(d.key);
        if (!dimensionId) continue;
        await tx.dimensionScore.create({
          data: { reportId, dimensionId, level: d.level, rationale: d.rationale, evidence: d.evidence as object[] },
        });
      }
    });
  } catch (error) {
    await markIncomplete(
      prisma,
      reportId,
      `Scoring failed: ${error instanceof Error ? error.message : String(error)}. Nothing was scored; retry to try again.`,
    );
  }
}

async function markIncomplete(prisma: PrismaClient, reportId: string, reason: string) {
  await prisma.report.updateMany({
    where: { id: reportId, status: "PENDING" },
    data: { status: "INCOMPLETE", failureReason: reason.slice(0, 2000) },
  });
}

function judgeRef(): string {
  return "judge@1";
}
