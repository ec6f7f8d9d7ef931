import { saveDraft, draftSchema } from "@/lib/content/editor";
import { KIND_FOLDER, KIND_LABELS } from "@/lib/content/kinds";
import { adminContentRequest, problemsResponse } from "@/lib/content/routes";
import { BadRequestError } from "@/lib/errors";
import { handle, parseJsonBody } from "@/lib/http";

type Params = { params: Promise<{ kind: string }> };

/** Creates a new slug (version 1) from a draft. */
export const POST = handle(async (request: Request, { params }: Params) => {
  const draft = await parseJsonBody(request, draftSchema, 512 * 1024);
  const { db, user, kind } = await adminContentRequest(request, params);
  if (draft.basedOn !== null) throw new BadRequestError("A new item is based on no version: send basedOn: null.");
  const result = await saveDraft(db.prisma, user, kind, null, draft);
  if (!result.ok) return problemsResponse(result.problems, `The ${KIND_LABELS[kind].one}`);
  return Response.json(
    { ...result, url: `/admin/content/${KIND_FOLDER[kind]}/${result.slug}` },
    { status: 201 },
  );
});
