import "server-only";
import type { Prisma, PrismaClient, Role } from "@/lib/db/generated/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";
import type { SessionUser } from "./session";

/**
 * Who may see which interview. The one policy every page, route and query goes through:
 * a candidate sees their own; a coach sees those of candidates assigned to them and those shared
 * with them by invite; an admin sees all. Only the owner acts in an interview (speaks, draws, ends).
 */
export type InterviewRelation = "owner" | "coach" | "admin";

/** What the caller wants to do: act = speak/draw/end (owner only); view = read; review = coach work. */
export type InterviewNeed = "act" | "view" | "review";

export async function interviewRelation(
  prisma: PrismaClient,
  user: SessionUser,
  interview: { id: string; ownerId: string },
): Promise<InterviewRelation | null> {
  if (interview.ownerId === user.id) return "owner";
  if (user.role === "ADMIN") return "admin";
  if (user.role !== "COACH") return null;
  const [assigned, shared] = await Promise.all([
    prisma.coachAssignment.count({ where: { coachId: user.id, candidateId: interview.ownerId } }),
    prisma.interviewShare.count({ where: { interviewId: interview.id, coachId: user.id, acceptedAt: { not: null } } }),
  ]);
  return assigned + shared > 0 ? "coach" : null;
}

/**
 * Loads an interview the user may use for `need`, or throws: 404 when they may not see it at all
 * (so other people's ids leak nothing), 403 when they may see it but not do this.
 */
export async function requireInterviewAccess(
  prisma: PrismaClient,
  user: SessionUser,
  interviewId: string,
  need: InterviewNeed,
): Promise<{ id: string; ownerId: string; model: string; relation: InterviewRelation }> {
  // A malformed id names nothing: 404 here, so no caller has to check first (and it never reaches a uuid column).
  if (!isUuid(interviewId)) throw new NotFoundError("No such interview.");
  const interview = await prisma.interview.findUnique({
    where: { id: interviewId },
    select: { id: true, ownerId: true, model: true },
  });
  if (!interview) throw new NotFoundError("No such interview.");
  const relation = await interviewRelation(prisma, user, interview);
  if (!relation) throw new NotFoundError("No such interview.");
  if (need === "act" && relation !== "owner")
    throw new ForbiddenError("Only the candidate can act in their interview.");
  if (need === "review" && relation === "owner" && user.role !== "ADMIN") {
    throw new ForbiddenError("You cannot review your own interview.");
  }
  return { ...interview, relation };
}

/** Throws 403 unless the user has one of the roles. */
export function requireRole(user: SessionUser, ...roles: Role[]): void {
  if (!roles.includes(user.role)) {
    throw new ForbiddenError(`This needs the ${roles.map((r) => r.toLowerCase()).join(" or ")} role.`);
  }
}

/** A Prisma filter for the interviews `user` may see (lists, queues, history). */
export function visibleInterviews(user: SessionUser): Prisma.InterviewWhereInput {
  if (user.role === "ADMIN") return {};
  if (user.role === "COACH") {
    return {
      OR: [
        { ownerId: user.id },
        { owner: { coachedBy: { some: { coachId: user.id } } } },
        { shares: { some: { coachId: user.id, acceptedAt: { not: null } } } },
      ],
    };
  }
  return { ownerId: user.id };
}

/** Interviews a coach reviews: seen through an assignment or a share, never their own. */
export function reviewableInterviews(user: SessionUser): Prisma.InterviewWhereInput {
  if (user.role === "ADMIN") return { ownerId: { not: user.id } };
  return {
    ownerId: { not: user.id },
    OR: [
      { owner: { coachedBy: { some: { coachId: user.id } } } },
      { shares: { some: { coachId: user.id, acceptedAt: { not: null } } } },
    ],
  };
}
