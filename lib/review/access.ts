import "server-only";
// From the policy module itself, not the @/lib/auth barrel: that one pulls in next/headers for pages,
// and lib/review must also run in scripts and benchmarks outside Next.
import { requireInterviewAccess, type InterviewNeed } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import type { PrismaClient, Role } from "@/lib/db/generated/client";
import { ForbiddenError } from "@/lib/errors";
import { requireUuid } from "./errors";

/** requireInterviewAccess, after checking the id is a UUID at all (a malformed id is a 404, never a 500). */
export async function interviewAccess(
  prisma: PrismaClient,
  user: SessionUser,
  interviewId: string,
  need: InterviewNeed,
) {
  requireUuid(interviewId, "No such interview.");
  return requireInterviewAccess(prisma, user, interviewId, need);
}

/** Throws 403 unless the user has one of the roles (the same rule as requireRole in lib/auth/guards.ts). */
export function requireRole(user: SessionUser, ...roles: Role[]): void {
  if (!roles.includes(user.role)) {
    throw new ForbiddenError(`This needs the ${roles.map((r) => r.toLowerCase()).join(" or ")} role.`);
  }
}
