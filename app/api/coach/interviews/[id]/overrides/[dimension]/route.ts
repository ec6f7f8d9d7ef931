import { handle } from "@/lib/http";
import { removeOverride } from "@/lib/review";
import { interviewRoute } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ id: string; dimension: string }> };

/** Removes the coach's override of one dimension (by rubric key); answers with the review state. */
export const DELETE = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await interviewRoute(request, params, "review");
  const { dimension } = await params;
  return Response.json(await removeOverride(prisma, user, id, dimension));
});
