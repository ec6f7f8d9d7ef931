import { handle, parseJsonBody } from "@/lib/http";
import { completeInputSchema, completeReview } from "@/lib/review";
import { interviewRoute } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ id: string }> };

/** Marks the coach's review complete: body {summary?: string}. The candidate sees it on their report. */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await interviewRoute(request, params, "review");
  const input = await parseJsonBody(request, completeInputSchema, 16 * 1024);
  return Response.json(await completeReview(prisma, user, id, input));
});
