import { PayloadTooLargeError } from "@/lib/errors";
import { handle } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { MAX_SCENE_BYTES, saveBoard } from "@/lib/interview/service";

/** Autosave of the whiteboard: `{ scene }` with Excalidraw's elements; validated and capped on the server. */
export const PUT = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_SCENE_BYTES)
    throw new PayloadTooLargeError(
      `The board is ${Math.round(declared / 1024)} KB; the limit is ${MAX_SCENE_BYTES / 1024 / 1024} MB.`,
    );
  const { id, deps, user } = await interviewRequest(request, params, "act");
  return Response.json(await saveBoard(deps, user.id, id, await request.text()));
});
