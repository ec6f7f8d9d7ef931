import { requireRole, requireUser } from "@/lib/auth";
import { handle, parseJsonBody } from "@/lib/http";
import { assignCoach, assignmentInputSchema, listAssignablePeople, listAssignments } from "@/lib/review";
import { noStore } from "@/lib/review/route-helpers";

/** Admin only: every coach ↔ candidate assignment, and the people who can be assigned. */
export const GET = handle(async (request: Request) => {
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");
  const [assignments, people] = await Promise.all([
    listAssignments(db.prisma, user),
    listAssignablePeople(db.prisma, user),
  ]);
  return Response.json({ assignments, ...people }, { headers: noStore });
});

/** Admin only: assigns a candidate to a coach. Body {coachId, candidateId}; 201, 409 when already assigned. */
export const POST = handle(async (request: Request) => {
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");
  const input = await parseJsonBody(request, assignmentInputSchema, 4 * 1024);
  return Response.json(await assignCoach(db.prisma, user, input), { status: 201 });
});
