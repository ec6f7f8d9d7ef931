import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { requireInterviewAccess } from "@/lib/auth/access";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { BadRequestError, ConflictError, NotFoundError } from "@/lib/errors";
import { listComments } from "./comments";
import { isUniqueViolation } from "./errors";
import { completeInputSchema, overrideInputSchema } from "./schemas";
import type { ReportReviews, ReviewState, ReviewView } from "./types";
import type { z } from "zod";

/**
 * A coach's review of an interview's latest report: per-dimension overrides with a required reason
 * (the AI's level is kept beside the coach's, as it was when overridden), and a completion state the
 * candidate sees. Every function authorizes the caller itself (requireInterviewAccess "review": 404 for
 * interviews they may not see, 403 for their own), so no route can forget to.
 */

const reviewSelect = {
  id: true,
  reportId: true,
  status: true,
  summary: true,
  completedAt: true,
  coach: { select: { id: true, name: true } },
  overrides: {
    orderBy: { dimension: { position: "asc" } },
    select: {
      aiLevel: true,
      coachLevel: true,
      reason: true,
      updatedAt: true,
      dimension: { select: { key: true, title: true } },
    },
  },
} satisfies Prisma.ReviewSelect;

type ReviewRow = Prisma.ReviewGetPayload<{ select: typeof reviewSelect }>;

function toReviewView(row: ReviewRow): ReviewView {
  return {
    id: row.id,
    reportId: row.reportId,
    coach: row.coach,
    status: row.status === "COMPLETE" ? "complete" : "in-progress",
    summary: row.summary,
    completedAt: row.completedAt?.toISOString() ?? null,
    overrides: row.overrides.map((o) => ({
      dimensionKey: o.dimension.key,
      dimensionTitle: o.dimension.title,
      aiLevel: o.aiLevel,
      coachLevel: o.coachLevel,
      reason: o.reason,
      updatedAt: o.updatedAt.toISOString(),
    })),
  };
}

async function latestReportOf(prisma: PrismaClient, interviewId: string) {
  return prisma.report.findFirst({
    where: { interviewId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, rubricId: true },
  });
}

/** The latest report and this coach's review of it, if there are such. */
async function existingReview(prisma: PrismaClient, coachId: string, interviewId: string) {
  const report = await latestReportOf(prisma, interviewId);
  const review = report
    ? await prisma.review.findUnique({ where: { reportId_coachId: { reportId: report.id, coachId } } })
    : null;
  return { report, review };
}

/** The latest report, which must be complete: overrides need the AI's levels to sit beside. */
async function reviewableReport(prisma: PrismaClient, interviewId: string) {
  const report = await latestReportOf(prisma, interviewId);
  if (!report || report.status !== "COMPLETE") {
    throw new ConflictError(
      report?.status === "INCOMPLETE"
        ? "The AI report of this interview is incomplete; it can be reviewed once scoring succeeds."
        : "The AI report of this interview is not ready yet; try again in a moment.",
      "report_not_ready",
    );
  }
  return report;
}

/** The coach's review of the latest report, created on first use (two tabs racing get the same row). */
async function ensureReview(prisma: PrismaClient, coachId: string, reportId: string) {
  const existing = await prisma.review.findUnique({ where: { reportId_coachId: { reportId, coachId } } });
  if (existing) return existing;
  try {
    return await prisma.review.create({ data: { reportId, coachId } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return prisma.review.findUniqueOrThrow({ where: { reportId_coachId: { reportId, coachId } } });
  }
}

function requireOpen(review: { status: string }) {
  if (review.status === "COMPLETE") {
    throw new ConflictError("This review is complete; reopen it to change it.", "review_complete");
  }
}

/** This coach's review of the latest report (null before they start) and every comment on the interview. */
export async function getReviewState(
  prisma: PrismaClient,
  coach: SessionUser,
  interviewId: string,
): Promise<ReviewState> {
  await requireInterviewAccess(prisma, coach, interviewId, "review");
  return reviewState(prisma, coach.id, interviewId);
}

async function reviewState(prisma: PrismaClient, coachId: string, interviewId: string): Promise<ReviewState> {
  const report = await latestReportOf(prisma, interviewId);
  const [review, comments] = await Promise.all([
    report
      ? prisma.review.findUnique({
          where: { reportId_coachId: { reportId: report.id, coachId } },
          select: reviewSelect,
        })
      : null,
    listComments(prisma, interviewId),
  ]);
  return { review: review ? toReviewView(review) : null, comments };
}

/** Sets (or changes) the coach's level for one dimension. The reason is required; the AI level is kept. */
export async function setOverride(
  prisma: PrismaClient,
  coach: SessionUser,
  interviewId: string,
  input: z.input<typeof overrideInputSchema>,
): Promise<ReviewState> {
  await requireInterviewAccess(prisma, coach, interviewId, "review");
  const parsed = overrideInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadRequestError(`${issue.path.join(".") || "override"}: ${issue.message}`, "invalid_override");
  }
  const { dimension: key, level, reason } = parsed.data;
  const report = await reviewableReport(prisma, interviewId);
  const review = await ensureReview(prisma, coach.id, report.id);
  requireOpen(review);
  const dimension = await prisma.rubricDimension.findUnique({
    where: { rubricId_key: { rubricId: report.rubricId, key } },
    select: { id: true, title: true },
  });
  if (!dimension) throw new BadRequestError(`dimension: "${key}" is not a dimension of this report's rubric.`);
  const score = await prisma.dimensionScore.findUnique({
    where: { reportId_dimensionId: { reportId: report.id, dimensionId: dimension.id } },
    select: { level: true },
  });
  const aiLevel = score?.level ?? null;
  if (aiLevel === level) {
    throw new BadRequestError(
      `The AI already gave ${dimension.title} level ${level}; leave it as it is to confirm it.`,
      "same_as_ai",
    );
  }
  await prisma.coachOverride.upsert({
    where: { reviewId_dimensionId: { reviewId: review.id, dimensionId: dimension.id } },
    // The AI level is the report's, which never changes; it is written once, with the first override.
    create: { reviewId: review.id, dimensionId: dimension.id, aiLevel, coachLevel: level, reason },
    update: { coachLevel: level, reason },
  });
  return reviewState(prisma, coach.id, interviewId);
}

/** Takes an override back: the dimension goes back to the AI's level (confirmed, once the review is complete). */
export async function removeOverride(
  prisma: PrismaClient,
  coach: SessionUser,
  interviewId: string,
  dimensionKey: string,
): Promise<ReviewState> {
  await requireInterviewAccess(prisma, coach, interviewId, "review");
  const { report, review } = await existingReview(prisma, coach.id, interviewId);
  const dimension = report
    ? await prisma.rubricDimension.findUnique({
        where: { rubricId_key: { rubricId: report.rubricId, key: dimensionKey } },
        select: { id: true },
      })
    : null;
  if (!review || !dimension) throw new NotFoundError("There is no override of this dimension.");
  requireOpen(review);
  const { count } = await prisma.coachOverride.deleteMany({
    where: { reviewId: review.id, dimensionId: dimension.id },
  });
  if (count === 0) throw new NotFoundError("There is no override of this dimension.");
  return reviewState(prisma, coach.id, interviewId);
}

/**
 * Marks the review complete (dimensions without an override count as confirmed), with an optional
 * summary for the candidate. Completing twice changes nothing.
 */
export async function completeReview(
  prisma: PrismaClient,
  coach: SessionUser,
  interviewId: string,
  input: z.input<typeof completeInputSchema>,
  now = new Date(),
): Promise<ReviewState> {
  await requireInterviewAccess(prisma, coach, interviewId, "review");
  const parsed = completeInputSchema.safeParse(input);
  if (!parsed.success) throw new BadRequestError(`summary: ${parsed.error.issues[0]!.message}`, "invalid_summary");
  const report = await reviewableReport(prisma, interviewId);
  const review = await ensureReview(prisma, coach.id, report.id);
  if (review.status !== "COMPLETE") {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.review.updateMany({
        where: { id: review.id, status: "IN_PROGRESS" },
        data: { status: "COMPLETE", completedAt: now, summary: parsed.data.summary || null },
      });
      if (count === 0) return; // completed by another tab a moment ago
      const overrides = await tx.coachOverride.count({ where: { reviewId: review.id } });
      await tx.auditLog.create({
        data: {
          actorId: coach.id,
          action: "review.complete",
          target: `interview:${interviewId}`,
          detail: { reviewId: review.id, reportId: report.id, overrides },
        },
      });
    });
  }
  return reviewState(prisma, coach.id, interviewId);
}

/** Reopens a complete review so the coach can change it; the candidate sees it as in progress again. */
export async function reopenReview(
  prisma: PrismaClient,
  coach: SessionUser,
  interviewId: string,
): Promise<ReviewState> {
  await requireInterviewAccess(prisma, coach, interviewId, "review");
  const { review } = await existingReview(prisma, coach.id, interviewId);
  if (!review) throw new NotFoundError("You have not reviewed this interview yet.");
  if (review.status === "COMPLETE") {
    await prisma.$transaction([
      prisma.review.update({ where: { id: review.id }, data: { status: "IN_PROGRESS", completedAt: null } }),
      prisma.auditLog.create({
        data: {
          actorId: coach.id,
          action: "review.reopen",
          target: `interview:${interviewId}`,
          detail: { reviewId: review.id, reportId: review.reportId },
        },
      }),
    ]);
  }
  return reviewState(prisma, coach.id, interviewId);
}

/**
 * Every coach's review of the interview's latest report and every comment, for the candidate's report
 * (and anyone else who may view the interview). Reviews in progress are included: the report labels them.
 */
export async function loadReportReviews(
  prisma: PrismaClient,
  viewer: SessionUser,
  interviewId: string,
): Promise<ReportReviews> {
  await requireInterviewAccess(prisma, viewer, interviewId, "view");
  const report = await latestReportOf(prisma, interviewId);
  const [reviews, comments] = await Promise.all([
    report
      ? prisma.review.findMany({
          where: { reportId: report.id },
          orderBy: [{ completedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
          select: reviewSelect,
        })
      : [],
    listComments(prisma, interviewId),
  ]);
  return {
    // A review that has nothing to show yet (opened, nothing saved) would only be noise for the candidate.
    reviews: reviews.map(toReviewView).filter((r) => r.status === "complete" || r.overrides.length > 0),
    comments,
  };
}
