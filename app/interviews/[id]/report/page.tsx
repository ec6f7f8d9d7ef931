import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ReportView } from "@/components/report/report-view";
import { promptSchema, rubricSchema } from "@/lib/content/schema";
import type { DiagramGraph } from "@/lib/diagram";
import { loadRoomOr404 } from "@/lib/interview/page-helpers";
import { loadReportReviews } from "@/lib/review";
import { latestReport } from "@/lib/scoring/reports";

export const metadata: Metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id, deps, user, ownerId, relation, room } = await loadRoomOr404(params, (id) => `/interviews/${id}/report`);
  if (room.interview.status !== "ended") {
    if (relation === "owner") redirect(`/interviews/${id}`);
    notFound();
  }
  const [report, interview, snapshots, curveballs, coachReview] = await Promise.all([
    latestReport(deps.prisma, id, ownerId),
    deps.prisma.interview.findUniqueOrThrow({
      where: { id },
      select: { prompt: { select: { data: true } }, rubric: { select: { data: true } } },
    }),
    deps.prisma.diagramSnapshot.findMany({
      where: { interviewId: id },
      orderBy: { seq: "asc" },
      select: { seq: true, graph: true },
    }),
    deps.prisma.curveballEvent.findMany({
      where: { interviewId: id },
      select: { curveballKey: true, snapshotSeq: true },
    }),
    // Coach reviews and comments: the candidate sees them as soon as a coach saves them.
    loadReportReviews(deps.prisma, user, id),
  ]);
  const graphAt = (seq: number | null) =>
    seq === null ? null : ((snapshots.find((s) => s.seq === seq)?.graph ?? null) as DiagramGraph | null);
  const finalBoard = (snapshots.at(-1)?.graph ?? null) as DiagramGraph | null;
  const boardBefore = Object.fromEntries(curveballs.map((c) => [c.curveballKey, graphAt(c.snapshotSeq)]));
  const prompt = promptSchema.parse(interview.prompt.data);
  const rubric = rubricSchema.parse(interview.rubric.data);
  return (
    <ReportView
      interview={{
        id,
        title: room.prompt.title,
        slug: room.prompt.slug,
        level: room.interview.level,
        mode: room.interview.mode,
        durationMinutes: room.interview.durationMinutes,
        startedAt: room.interview.startedAt,
        model: room.interview.model,
      }}
      report={report}
      transcript={room.messages.filter((m) => m.status !== "streaming")}
      rubric={rubric.dimensions.map((d) => ({ key: d.key, title: d.title, levels: d.levels }))}
      referenceOutline={prompt.referenceOutline}
      finalBoard={finalBoard}
      boardBefore={boardBefore}
      coachReview={coachReview}
      canShare={relation === "owner"}
    />
  );
}
