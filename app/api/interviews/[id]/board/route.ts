import { BadRequestError, PayloadTooLargeError } from "@/lib/errors";
import { handle, unstorableJson } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { MAX_SCENE_BYTES, saveBoard } from "@/lib/interview/service";

/** Far deeper than any Excalidraw scene nests; the scene hash walks the whole value recursively. */
const MAX_SCENE_DEPTH = 100;

/** Autosave of the whiteboard: `{ scene }` with Excalidraw's elements; validated and capped on the server. */
export const PUT = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_SCENE_BYTES)
    throw new PayloadTooLargeError(
      `The board is ${Math.round(declared / 1024)} KB; the limit is ${MAX_SCENE_BYTES / 1024 / 1024} MB.`,
    );
  const { id, deps, user } = await interviewRequest(request, params, "act");
  const body = await request.text();
  // The scene keeps Excalidraw's unknown fields as they are, so check here what the database
  // (jsonb) cannot store and what nests too deep to hash; saveBoard checks size, JSON and schema.
  if (Buffer.byteLength(body, "utf8") <= MAX_SCENE_BYTES) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined; // saveBoard says what is wrong with it
    }
    const problem = unstorableJson(json, { maxDepth: MAX_SCENE_DEPTH, allowLoneSurrogates: false });
    if (problem) throw new BadRequestError(`The board was not saved: ${problem}`, "invalid_scene");
  }
  return Response.json(await saveBoard(deps, user.id, id, body));
});
