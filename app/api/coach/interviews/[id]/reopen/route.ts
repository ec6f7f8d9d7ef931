import { handle } from "@/lib/http";
import { reopenReview } from "@/lib/review";
import { interviewRoute } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ id: string }> };

/** Reopens the coach's complete review so it can be changed. No body. */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await interviewRoute(request, params, "review");
  return Response.json(await reopenReview(prisma, user, id));
});
