import { NotFoundError } from "@/lib/errors";
import { handle } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { reportToMarkdown } from "@/lib/scoring/markdown";
import { latestReport } from "@/lib/scoring/reports";

/** The complete report as Markdown. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id, deps, ownerId } = await interviewRequest(request, params, "view");
  const report = await latestReport(deps.prisma, id, ownerId);
  if (!report?.body) throw new NotFoundError("This interview has no complete report yet.");
  const interview = await deps.prisma.interview.findUniqueOrThrow({ where: { id }, select: { prompt: { select: { title: true } } } });
  return new Response(reportToMarkdown(interview.prompt.title, report.body), {
    headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="tradeoff-report-${id.slice(0, 8)}.md"` },
  });
});
