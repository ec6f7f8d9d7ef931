import { handle } from "@/lib/http";
import { getReviewState } from "@/lib/review";
import { interviewRoute, noStore } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ id: string }> };

/** The coach's own review of the latest report (null before they start) and every comment on the interview. */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await interviewRoute(request, params, "review");
  return Response.json(await getReviewState(prisma, user, id), { headers: noStore });
});
