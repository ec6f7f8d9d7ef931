import "server-only";
import { getCurrentUser } from "@/lib/auth";
import { NotFoundError } from "@/lib/errors";
import { interviewDeps } from "./deps";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves the interview id from the URL and the user from the session (never from the body). */
export async function interviewRequest(params: Promise<{ id: string }>) {
  const { id } = await params;
  if (!UUID.test(id)) throw new NotFoundError("No such interview.");
  const deps = await interviewDeps();
  const user = await getCurrentUser(deps.prisma);
  return { id, deps, user };
}
