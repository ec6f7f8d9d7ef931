import { handle } from "@/lib/http";
import { deleteComment } from "@/lib/review";
import { interviewRoute } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ id: string; commentId: string }> };

/** Deletes one of the coach's own comments. 204. */
export const DELETE = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await interviewRoute(request, params, "review");
  const { commentId } = await params;
  await deleteComment(prisma, user, id, commentId);
  return new Response(null, { status: 204 });
});
