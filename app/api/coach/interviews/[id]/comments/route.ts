import { handle, parseJsonBody } from "@/lib/http";
import { addComment, commentInputSchema } from "@/lib/review";
import { interviewRoute } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ id: string }> };

/**
 * Adds a comment: body {body, anchor}, anchor {v:1, kind:"message", messageId, start, end, quote} or
 * {v:1, kind:"element", elementId, label, snapshotSeq}. 201 with the stored comment.
 */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await interviewRoute(request, params, "review");
  const input = await parseJsonBody(request, commentInputSchema, 32 * 1024);
  return Response.json(await addComment(prisma, user, id, input), { status: 201 });
});
