import "server-only";
import { requireUser, type InterviewNeed } from "@/lib/auth";
import { requireInterviewAccess } from "@/lib/auth/access";

/**
 * For coach and share routes: the session user (never an id from the body) and proof they may `need`
 * the interview in the URL — checked before the body is read, so someone who may not see the
 * interview always gets the same 404 whatever they send. The lib functions check again themselves.
 */
export async function interviewRoute(request: Request, params: Promise<{ id: string }>, need: InterviewNeed) {
  const { id } = await params;
  const { db, user } = await requireUser(request);
  const access = await requireInterviewAccess(db.prisma, user, id, need);
  return { id, prisma: db.prisma, user, relation: access.relation };
}

export const noStore = { "cache-control": "no-store" } as const;
