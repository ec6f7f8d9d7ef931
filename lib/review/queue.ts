import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { requireRole } from "@/lib/auth/access";
import { Prisma, type PrismaClient } from "@/lib/db/generated/client";
import type { QueueFilters } from "./schemas";
import type { QueueResult, QueueRow } from "./types";

/**
 * The coach's review queue: ended interviews they may review (lib/auth/access.ts: candidates assigned to
 * them and accepted shares, never their own; an admin: everyone else's), each with its latest report and
 * this coach's review of that report. "Waiting" = no COMPLETE review by this coach of the latest report,
 * so a re-scored interview comes back to the queue.
 *
 * Two SQL statements, run together: the page of rows and the per-status counts for the tabs. Both
 * are written by hand because "latest report per interview" and filters on it (verdict, review status)
 * need a LATERAL join that Prisma's query API cannot express. Index use:
 *   coach scope  → coach_assignments (coach_id, candidate_id) unique + interviews (owner_id, created_at),
 *                  interview_shares (coach_id);
 *   latest report → reports (interview_id, created_at DESC), LIMIT 1 per interview;
 *   this coach's review → reviews (report_id, coach_id) unique.
 * The status filter is written so Postgres applies it after the lateral lookup of each candidate row.
 */

interface RawRow {
  id: string;
  owner_id: string;
  owner_name: string;
  owner_email: string;
  prompt_slug: string;
  prompt_title: string;
  level: string;
  mode: string;
  model: string;
  duration_minutes: number;
  started_at: Date;
  ended_at: Date | null;
  report_id: string | null;
  report_status: "PENDING" | "COMPLETE" | "INCOMPLETE" | null;
  verdict: string | null;
  weighted_score: number | null;
  review_status: "IN_PROGRESS" | "COMPLETE" | null;
  review_completed_at: Date | null;
  override_count: number | bigint | null;
}

interface RawCounts {
  waiting: number | bigint;
  in_progress: number | bigint;
  complete: number | bigint;
  all: number | bigint;
}

/** The WHERE conditions every queue query shares: who may review what, and the non-status filters. */
function scopeConditions(coach: SessionUser, filters: QueueFilters): Prisma.Sql[] {
  const coachId = coach.id;
  const conditions: Prisma.Sql[] = [Prisma.sql`i.status = 'ENDED'`, Prisma.sql`i.owner_id <> ${coachId}::uuid`];
  if (coach.role !== "ADMIN") {
    conditions.push(Prisma.sql`(
      i.owner_id IN (SELECT ca.candidate_id FROM coach_assignments ca WHERE ca.coach_id = ${coachId}::uuid)
      OR i.id IN (
        SELECT s.interview_id FROM interview_shares s
        WHERE s.coach_id = ${coachId}::uuid AND s.accepted_at IS NOT NULL
      )
    )`);
  }
  if (filters.prompt) {
    conditions.push(Prisma.sql`i.prompt_id IN (SELECT p.id FROM prompts p WHERE p.slug = ${filters.prompt})`);
  }
  if (filters.from) conditions.push(Prisma.sql`i.started_at >= ${new Date(`${filters.from}T00:00:00Z`)}`);
  if (filters.to) {
    const dayAfter = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 24 * 60 * 60 * 1000);
    conditions.push(Prisma.sql`i.started_at < ${dayAfter}`);
  }
  // Stored verdicts read "lean hire at senior"; the prefix keeps "hire" from matching "lean hire".
  if (filters.verdict) conditions.push(Prisma.sql`lr.verdict LIKE ${`${filters.verdict} at %`}`);
  return conditions;
}

function statusCondition(status: QueueFilters["status"]): Prisma.Sql | null {
  switch (status) {
    case "waiting":
      return Prisma.sql`(rv.status IS NULL OR rv.status <> 'COMPLETE')`;
    case "in-progress":
      return Prisma.sql`rv.status = 'IN_PROGRESS'`;
    case "complete":
      return Prisma.sql`rv.status = 'COMPLETE'`;
    case "all":
      return null;
  }
}

/** FROM clause shared by both statements: the interview, its latest report, this coach's review of it. */
const fromLatest = (coachId: string) => Prisma.sql`
  FROM interviews i
  LEFT JOIN LATERAL (
    SELECT r.id, r.status, r.verdict, r.weighted_score
    FROM reports r
    WHERE r.interview_id = i.id
    ORDER BY r.created_at DESC
    LIMIT 1
  ) lr ON true
  LEFT JOIN reviews rv ON rv.report_id = lr.id AND rv.coach_id = ${coachId}::uuid`;

export async function listReviewQueue(
  prisma: PrismaClient,
  coach: SessionUser,
  filters: QueueFilters,
): Promise<QueueResult> {
  requireRole(coach, "COACH", "ADMIN");
  const scope = scopeConditions(coach, filters);
  const status = statusCondition(filters.status);
  const where = Prisma.join(status ? [...scope, status] : scope, " AND ");
  const offset = (filters.page - 1) * filters.pageSize;

  const [rows, counts] = await Promise.all([
    prisma.$queryRaw<RawRow[]>`
      SELECT i.id, i.owner_id, u.name AS owner_name, u.email AS owner_email,
             p.slug AS prompt_slug, p.title AS prompt_title,
             i.level::text AS level, i.mode::text AS mode, i.model, i.duration_minutes, i.started_at, i.ended_at,
             lr.id AS report_id, lr.status::text AS report_status, lr.verdict, lr.weighted_score,
             rv.status::text AS review_status, rv.completed_at AS review_completed_at,
             (SELECT count(*)::int FROM coach_overrides o WHERE o.review_id = rv.id) AS override_count
      ${fromLatest(coach.id)}
      JOIN users u ON u.id = i.owner_id
      JOIN prompts p ON p.id = i.prompt_id
      WHERE ${where}
      ORDER BY i.started_at DESC, i.id DESC
      LIMIT ${filters.pageSize + 1} OFFSET ${offset}`,
    prisma.$queryRaw<RawCounts[]>`
      SELECT count(*) FILTER (WHERE rv.status IS NULL OR rv.status <> 'COMPLETE')::int AS waiting,
             count(*) FILTER (WHERE rv.status = 'IN_PROGRESS')::int AS in_progress,
             count(*) FILTER (WHERE rv.status = 'COMPLETE')::int AS complete,
             count(*)::int AS "all"
      ${fromLatest(coach.id)}
      WHERE ${Prisma.join(scope, " AND ")}`,
  ]);

  const c = counts[0];
  return {
    rows: rows.slice(0, filters.pageSize).map(toQueueRow),
    page: filters.page,
    pageSize: filters.pageSize,
    hasMore: rows.length > filters.pageSize,
    counts: {
      waiting: Number(c?.waiting ?? 0),
      inProgress: Number(c?.in_progress ?? 0),
      complete: Number(c?.complete ?? 0),
      all: Number(c?.all ?? 0),
    },
  };
}

function toQueueRow(r: RawRow): QueueRow {
  return {
    interviewId: r.id,
    candidate: { id: r.owner_id, name: r.owner_name, email: r.owner_email },
    prompt: { slug: r.prompt_slug, title: r.prompt_title },
    level: r.level.toLowerCase(),
    mode: r.mode.toLowerCase(),
    model: r.model,
    durationMinutes: r.duration_minutes,
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    report: r.report_id
      ? {
          id: r.report_id,
          status: (r.report_status ?? "PENDING").toLowerCase() as "pending" | "complete" | "incomplete",
          verdict: r.verdict,
          weightedScore: r.weighted_score === null ? null : Number(r.weighted_score),
        }
      : null,
    review: {
      status:
        r.review_status === "COMPLETE" ? "complete" : r.review_status === "IN_PROGRESS" ? "in-progress" : "not-started",
      completedAt: r.review_completed_at ? new Date(r.review_completed_at).toISOString() : null,
      overrides: Number(r.override_count ?? 0),
    },
  };
}

/** The prompts interviews can be filtered by (latest title per slug). */
export async function listQueuePrompts(prisma: PrismaClient): Promise<{ slug: string; title: string }[]> {
  const prompts = await prisma.prompt.findMany({
    orderBy: [{ slug: "asc" }, { version: "desc" }],
    distinct: ["slug"],
    select: { slug: true, title: true },
  });
  return prompts.sort((a, b) => a.title.localeCompare(b.title));
}
