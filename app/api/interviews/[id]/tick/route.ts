import { handle } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { tick } from "@/lib/interview/service";

/** The room calls this every few seconds; the server decides (in code) whether a nudge is due or time is up. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id, deps, user } = await interviewRequest(request, params, "act");
  return Response.json(await tick(deps, user.id, id));
});
