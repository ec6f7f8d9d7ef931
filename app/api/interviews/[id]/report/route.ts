import { handle } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { reportWorker } from "@/lib/scoring/deps";
import { latestReport, retryReport } from "@/lib/scoring/reports";
import { admitModelRequest } from "@/lib/usage/limits";

/** The interview's latest report: pending, complete (with the body) or incomplete (with the reason). */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id, deps, ownerId } = await interviewRequest(request, params, "view");
  return Response.json(await latestReport(deps.prisma, id, ownerId), { headers: { "cache-control": "no-store" } });
});

/** Score (again): queues a report and returns at once; the page polls GET. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id, deps, user } = await interviewRequest(request, params, "act");
  // Scoring runs in the background; the admission only gates starting it (quota and rate).
  const admission = await admitModelRequest({ prisma: deps.prisma }, user);
  const reportId = await retryReport(deps.prisma, id, user.id).finally(() => admission.release());
  void reportWorker().kick();
  return Response.json({ reportId }, { status: 202 });
});
