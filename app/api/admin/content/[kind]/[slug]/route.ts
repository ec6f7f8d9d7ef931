import { z } from "zod";
import { draftSchema, saveDraft } from "@/lib/content/editor";
import { contentPath, KIND_FOLDER, KIND_LABELS } from "@/lib/content/kinds";
import { adminContentRequest, problemsResponse } from "@/lib/content/routes";
import { getVersion } from "@/lib/content/versions";
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { handle, parseJsonBody } from "@/lib/http";

type Params = { params: Promise<{ kind: string; slug: string }> };

/** Saves a draft as the next version. 409 if someone saved since `basedOn`; 422 with every problem if invalid. */
export const POST = handle(async (request: Request, { params }: Params) => {
  const draft = await parseJsonBody(request, draftSchema, 512 * 1024);
  const { db, user, kind, slug } = await adminContentRequest(request, params);
  if (draft.basedOn === null) throw new BadRequestError("Say which version the draft is based on (basedOn).");
  const result = await saveDraft(db.prisma, user, kind, slug, draft);
  if (!result.ok) return problemsResponse(result.problems, `The ${KIND_LABELS[kind].one}`);
  return Response.json(
    { ...result, url: `/admin/content/${KIND_FOLDER[kind]}/${result.slug}` },
    { status: result.created ? 201 : 200 },
  );
});

const versionParam = z.coerce.number().int().positive();

/** One version as its content file (`?version=n`, default the latest), for download. */
export const GET = handle(async (request: Request, { params }: Params) => {
  const { db, kind, slug } = await adminContentRequest(request, params);
  const raw = new URL(request.url).searchParams.get("version");
  const parsed = raw === null ? null : versionParam.safeParse(raw);
  if (parsed && !parsed.success) throw new BadRequestError("version must be a positive whole number.");
  const detail = await getVersion(db.prisma, kind, slug!, parsed?.data);
  if (!detail) throw new NotFoundError(`There is no such version of ${KIND_LABELS[kind].one} "${slug}".`);
  const name = contentPath(kind, slug!).split("/")[1]!;
  return new Response(detail.text, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${name.replace(/\.yaml$/, `.v${detail.version}.yaml`)}"`,
      "cache-control": "no-store",
    },
  });
});
