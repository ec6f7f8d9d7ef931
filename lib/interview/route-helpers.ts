import "server-only";
import { requireInterviewAccess, requireUser, type InterviewNeed } from "@/lib/auth";
import { interviewDeps } from "./deps";

/**
 * For interview routes: the interview id from the URL, the user from the session (never from the
 * body), and proof that this user may do `need` with it (404 if they may not see it, 403 if they may
 * see it but not do this). `ownerId` is the candidate's id, for the service's own ownership checks.
 */
export async function interviewRequest(request: Request, params: Promise<{ id: string }>, need: InterviewNeed) {
  const { id } = await params;
  const { db, user } = await requireUser(request);
  const access = await requireInterviewAccess(db.prisma, user, id, need);
  const deps = await interviewDeps();
  return { id, deps, user, ownerId: access.ownerId, model: access.model, relation: access.relation };
}
