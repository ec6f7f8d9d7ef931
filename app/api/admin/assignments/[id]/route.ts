import { requireRole, requireUser } from "@/lib/auth";
import { handle } from "@/lib/http";
import { unassignCoach } from "@/lib/review";

type Context = { params: Promise<{ id: string }> };

/** Admin only: removes an assignment (the coach loses access to that candidate's interviews). 204. */
export const DELETE = handle(async (request: Request, { params }: Context) => {
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");
  const { id } = await params;
  await unassignCoach(db.prisma, user, id);
  return new Response(null, { status: 204 });
});
