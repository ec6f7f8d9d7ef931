import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";

export interface HistoryRow {
  id: string;
  promptTitle: string;
  promptSlug: string;
  level: string;
  durationMinutes: number;
  startedAt: string;
  status: "active" | "ended";
  report: {
    status: "pending" | "complete" | "incomplete";
    verdict: string | null;
    weightedScore: number | null;
  } | null;
}

export interface DimensionTrend {
  key: string;
  title: string;
  /** Levels of complete reports, oldest first (null = not assessable in that interview). */
  points: { interviewId: string; at: string; level: number | null }[];
}

/** A candidate's interviews, newest first, with their latest report, and per-dimension trends over complete reports. */
export async function loadHistory(
  prisma: PrismaClient,
  ownerId: string,
): Promise<{ rows: HistoryRow[]; trends: DimensionTrend[] }> {
  const interviews = await prisma.interview.findMany({
    where: { ownerId },
    orderBy: { startedAt: "desc" },
    take: 200,
    select: {
      id: true,
      level: true,
      durationMinutes: true,
      startedAt: true,
      status: true,
      prompt: { select: { title: true, slug: true } },
      reports: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          status: true,
          verdict: true,
          weightedScore: true,
          scores: { select: { level: true, dimension: { select: { key: true, title: true, position: true } } } },
        },
      },
    },
  });
  const rows: HistoryRow[] = interviews.map((i) => {
    const report = i.reports[0];
    return {
      id: i.id,
      promptTitle: i.prompt.title,
      promptSlug: i.prompt.slug,
      level: i.level.toLowerCase(),
      durationMinutes: i.durationMinutes,
      startedAt: i.startedAt.toISOString(),
      status: i.status === "ACTIVE" ? "active" : "ended",
      report: report
        ? {
            status: report.status.toLowerCase() as "pending" | "complete" | "incomplete",
            verdict: report.verdict,
            weightedScore: report.weightedScore,
          }
        : null,
    };
  });
  const trends = new Map<string, DimensionTrend & { position: number }>();
  for (const interview of [...interviews].reverse()) {
    const report = interview.reports[0];
    if (report?.status !== "COMPLETE") continue;
    for (const score of report.scores) {
      const trend = trends.get(score.dimension.key) ?? {
        key: score.dimension.key,
        title: score.dimension.title,
        position: score.dimension.position,
        points: [],
      };
      trend.points.push({ interviewId: interview.id, at: interview.startedAt.toISOString(), level: score.level });
      trends.set(score.dimension.key, trend);
    }
  }
  return {
    rows,
    trends: [...trends.values()]
      .sort((a, b) => a.position - b.position)
      .map((t) => ({ key: t.key, title: t.title, points: t.points })),
  };
}
