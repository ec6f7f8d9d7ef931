import { requireRole, requireUser } from "@/lib/auth";
import { handle } from "@/lib/http";
import { limitDefaultsFromEnv } from "@/lib/usage/limits";
import { listUsers } from "@/lib/usage/users";

/** Admin only: every user with role, limits (own and effective), tokens used this month and interviews. */
export const GET = handle(async (request: Request) => {
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");
  const defaults = limitDefaultsFromEnv();
  const users = await listUsers(db, { now: new Date(), defaults });
  return Response.json({ defaults, users }, { headers: { "cache-control": "no-store" } });
});
