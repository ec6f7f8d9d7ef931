import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { requireRole } from "@/lib/auth/access";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { agreement, agreementByDimension, type LevelPair } from "@/lib/scoring/calibration";
import type { CalibrationFilters } from "./schemas";
import type { CalibrationResult, CalibrationRow } from "./types";

/**
 * The AI-vs-coach pairs behind the calibration page, over every review (any coach), optionally only
 * for one rubric version and one interview model:
 *   - an override gives (AI level as it was, coach level), whether or not its review is complete yet —
 *     the coach has said what they think of that dimension;
 *   - a COMPLETE review confirms every dimension it did not override: (AI level, AI level), when the AI
 *     assessed it (a "not assessable" left alone says nothing about a level).
 * An override of a dimension the AI found not assessable has no AI level to pair with; it is counted
 * apart ("unpaired"). The statistics themselves are lib/scoring/calibration.ts (pure, unit-tested).
 */

export interface CollectedPair extends LevelPair {
  source: "override" | "confirmed";
}

export interface CollectedPairs {
  pairs: CollectedPair[];
  /** Overrides per dimension whose AI level was null. */
  unpaired: Map<string, number>;
  reviewsCounted: number;
}

function reportFilter(filters: CalibrationFilters): Prisma.ReportWhereInput {
  return {
    ...(filters.rubric ? { rubricId: filters.rubric } : {}),
    ...(filters.model ? { interview: { model: filters.model } } : {}),
  };
}

export async function collectCalibrationPairs(
  prisma: PrismaClient,
  filters: CalibrationFilters = {},
): Promise<CollectedPairs> {
  const reviews = await prisma.review.findMany({
    where: { report: reportFilter(filters), OR: [{ status: "COMPLETE" }, { overrides: { some: {} } }] },
    select: {
      status: true,
      overrides: {
        select: { dimensionId: true, aiLevel: true, coachLevel: true, dimension: { select: { key: true } } },
      },
      report: {
        select: { scores: { select: { dimensionId: true, level: true, dimension: { select: { key: true } } } } },
      },
    },
  });
  const pairs: CollectedPair[] = [];
  const unpaired = new Map<string, number>();
  for (const review of reviews) {
    for (const o of review.overrides) {
      if (o.aiLevel === null) unpaired.set(o.dimension.key, (unpaired.get(o.dimension.key) ?? 0) + 1);
      else pairs.push({ dimensionKey: o.dimension.key, ai: o.aiLevel, coach: o.coachLevel, source: "override" });
    }
    if (review.status !== "COMPLETE") continue;
    const overridden = new Set(review.overrides.map((o) => o.dimensionId));
    for (const score of review.report.scores) {
      if (score.level === null || overridden.has(score.dimensionId)) continue;
      pairs.push({ dimensionKey: score.dimension.key, ai: score.level, coach: score.level, source: "confirmed" });
    }
  }
  return { pairs, unpaired, reviewsCounted: reviews.length };
}

/** The rubric's dimensions in order (one rubric version, or every version's keys, newest title first). */
async function dimensionOrder(prisma: PrismaClient, rubricId: string | undefined) {
  const rows = await prisma.rubricDimension.findMany({
    where: rubricId ? { rubricId } : {},
    orderBy: [{ position: "asc" }, { rubric: { version: "desc" } }],
    select: { key: true, title: true },
  });
  const titles = new Map<string, string>();
  for (const row of rows) if (!titles.has(row.key)) titles.set(row.key, row.title);
  return titles;
}

/** Per-dimension agreement for coaches and admins, with the filter options the page offers. */
export async function loadCalibration(
  prisma: PrismaClient,
  user: SessionUser,
  filters: CalibrationFilters = {},
): Promise<CalibrationResult> {
  requireRole(user, "COACH", "ADMIN");
  const [collected, titles, rubrics, models] = await Promise.all([
    collectCalibrationPairs(prisma, filters),
    dimensionOrder(prisma, filters.rubric),
    prisma.rubric.findMany({
      orderBy: [{ slug: "asc" }, { version: "desc" }],
      select: { id: true, slug: true, version: true, title: true },
    }),
    prisma.interview.findMany({
      where: { reports: { some: { reviews: { some: {} } } } },
      distinct: ["model"],
      orderBy: { model: "asc" },
      select: { model: true },
    }),
  ]);
  const stats = agreementByDimension(collected.pairs, [...titles.keys()]);
  const count = (key: string, source: "override" | "confirmed") =>
    collected.pairs.filter((p) => p.dimensionKey === key && p.source === source).length;
  const rows: CalibrationRow[] = stats.map((s) => ({
    ...s,
    title: titles.get(s.dimensionKey) ?? s.dimensionKey,
    overridden: count(s.dimensionKey, "override"),
    confirmed: count(s.dimensionKey, "confirmed"),
    unpaired: collected.unpaired.get(s.dimensionKey) ?? 0,
  }));
  return {
    rows,
    overall: agreement(collected.pairs),
    reviewsCounted: collected.reviewsCounted,
    options: {
      rubrics: rubrics.map((r) => ({ id: r.id, label: `${r.title} v${r.version}` })),
      models: models.map((m) => m.model),
    },
  };
}
