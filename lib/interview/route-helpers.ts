import "server-only";
import { requireInterviewAccess, requireUser, type InterviewNeed } from "@/lib/auth";
import { NotFoundError } from "@/lib/errors";
import { interviewDeps } from "./deps";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For interview routes: the interview id from the URL, the user from the session (never from the
 * body), and proof that this user may do `need` with it (404 if they may not see it, 403 if they may
 * see it but not do this). `ownerId` is the candidate's id, for the service's own ownership checks.
 */
export async function interviewRequest(request: Request, params: Promise<{ id: string }>, need: InterviewNeed) {
  const { id } = await params;
  if (!UUID.test(id)) throw new NotFoundError("No such interview.");
  const { db, user } = await requireUser(request);
  const access = await requireInterviewAccess(db.prisma, user, id, need);
  const deps = await interviewDeps();
  return { id, deps, user, ownerId: access.ownerId, relation: access.relation };
}
