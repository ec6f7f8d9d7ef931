import { handle } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { requestHint } from "@/lib/interview/service";

/** Coach mode: a hint chosen in code (a direction to think in, never the answer), recorded in the transcript. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id, deps, user } = await interviewRequest(request, params, "act");
  return Response.json(await requestHint(deps, user.id, id), { status: 201 });
});
