import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { ConflictError } from "@/lib/errors";
import { loadInterview } from "@/lib/interview/store";
import { requestReport } from "./pipeline";
import type { ReportBody } from "./types";

export interface ReportView {
  id: string;
  status: "pending" | "complete" | "incomplete";
  source: "ai" | "offline";
  failureReason: string | null;
  body: ReportBody | null;
  createdAt: string;
  completedAt: string | null;
}

/** The latest report of an interview the user owns, or null when none was requested yet. */
export async function latestReport(
  prisma: PrismaClient,
  interviewId: string,
  ownerId: string,
): Promise<ReportView | null> {
  await loadInterview(prisma, interviewId, ownerId);
  const report = await prisma.report.findFirst({ where: { interviewId }, orderBy: { createdAt: "desc" } });
  if (!report) return null;
  return {
    id: report.id,
    status: report.status.toLowerCase() as ReportView["status"],
    source: report.source === "AI" ? "ai" : "offline",
    failureReason: report.failureReason,
    body: report.status === "COMPLETE" ? (report.data as unknown as ReportBody) : null,
    createdAt: report.createdAt.toISOString(),
    completedAt: report.completedAt?.toISOString() ?? null,
  };
}

/** Queues scoring again for an ended interview (after an INCOMPLETE report, or the first time). */
export async function retryReport(prisma: PrismaClient, interviewId: string, ownerId: string): Promise<string> {
  const record = await loadInterview(prisma, interviewId, ownerId);
  if (record.status !== "ENDED")
    throw new ConflictError("The interview is still running; it is scored when it ends.", "interview_running");
  return requestReport(prisma, interviewId, { retry: true });
}
