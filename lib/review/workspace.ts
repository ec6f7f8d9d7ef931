import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { rubricSchema } from "@/lib/content/schema";
import type { PrismaClient } from "@/lib/db/generated/client";
import { latestReport, type ReportView } from "@/lib/scoring/reports";
import { requireInterviewAccess } from "@/lib/auth/access";
import { buildReplay } from "./replay";
import { getReviewState } from "./review";
import type { Replay, ReviewState } from "./types";

/** Everything the coach's review page renders, loaded once on the server. */
export interface ReviewWorkspace {
  interview: {
    id: string;
    status: "active" | "ended";
    level: string;
    mode: string;
    model: string;
    durationMinutes: number;
    startedAt: string;
    prompt: { slug: string; title: string };
    candidate: { id: string; name: string };
  };
  report: ReportView | null;
  rubric: { key: string; title: string; levels: { level: number; label: string; anchor: string }[] }[];
  replay: Replay;
  state: ReviewState;
  coach: { id: string; name: string };
}

export async function loadReviewWorkspace(
  prisma: PrismaClient,
  coach: SessionUser,
  interviewId: string,
): Promise<ReviewWorkspace> {
  const access = await requireInterviewAccess(prisma, coach, interviewId, "review");
  const [row, messages, snapshots, report, state] = await Promise.all([
    prisma.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: {
        status: true,
        level: true,
        mode: true,
        model: true,
        durationMinutes: true,
        clockScale: true,
        startedAt: true,
        endedAt: true,
        prompt: { select: { slug: true, title: true } },
        owner: { select: { id: true, name: true } },
        rubric: { select: { data: true } },
      },
    }),
    prisma.message.findMany({
      where: { interviewId },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, role: true, kind: true, status: true, content: true, createdAt: true },
    }),
    prisma.diagramSnapshot.findMany({
      where: { interviewId },
      orderBy: { seq: "asc" },
      select: { seq: true, createdAt: true, graph: true },
    }),
    latestReport(prisma, interviewId, access.ownerId),
    getReviewState(prisma, coach, interviewId),
  ]);
  const rubric = rubricSchema.parse(row.rubric.data);
  return {
    interview: {
      id: interviewId,
      status: row.status === "ENDED" ? "ended" : "active",
      level: row.level.toLowerCase(),
      mode: row.mode.toLowerCase(),
      model: row.model,
      durationMinutes: row.durationMinutes,
      startedAt: row.startedAt.toISOString(),
      prompt: row.prompt,
      candidate: row.owner,
    },
    report,
    rubric: rubric.dimensions.map((d) => ({ key: d.key, title: d.title, levels: d.levels })),
    replay: buildReplay({ ...row, messages, snapshots }),
    state,
    coach: { id: coach.id, name: coach.name },
  };
}
