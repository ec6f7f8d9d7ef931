import { handle, parseJsonBody } from "@/lib/http";
import { overrideInputSchema, setOverride } from "@/lib/review";
import { interviewRoute } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ id: string }> };

/**
 * Sets the coach's level for one dimension: body {dimension: "<rubric key>", level: 1-4, reason: "≥ 10 chars"}.
 * Answers with the coach's review state.
 */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await interviewRoute(request, params, "review");
  const input = await parseJsonBody(request, overrideInputSchema, 16 * 1024);
  return Response.json(await setOverride(prisma, user, id, input));
});
