import { handle } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { endInterview } from "@/lib/interview/service";

/** The candidate ends the interview early (the deadline ends it anyway). */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id, deps, user } = await interviewRequest(request, params, "act");
  return Response.json(await endInterview(deps, user.id, id));
});
