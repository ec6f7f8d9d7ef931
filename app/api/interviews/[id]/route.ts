import { handle } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { getRoomState } from "@/lib/interview/service";

/** Everything the room needs to restore itself: transcript, board, clock. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id, deps, ownerId } = await interviewRequest(request, params, "view");
  return Response.json(await getRoomState(deps, ownerId, id), { headers: { "cache-control": "no-store" } });
});
