import "server-only";
import { requireRole, requireUser, type Caller } from "@/lib/auth";
import { NotFoundError } from "@/lib/errors";
import { kindFromFolder, type ContentKind } from "./kinds";
import type { ContentProblem } from "./validate";

/** The admin content routes' common first step: an admin caller, and the kind (and slug) named by the URL. */
export async function adminContentRequest(
  request: Request,
  params: Promise<{ kind: string; slug?: string }>,
): Promise<Caller & { kind: ContentKind; slug: string | null }> {
  const caller = await requireUser(request);
  requireRole(caller.user, "ADMIN");
  const { kind: folder, slug } = await params;
  const kind = kindFromFolder(folder);
  if (!kind) throw new NotFoundError(`There is no kind of content called "${folder}".`);
  return { ...caller, kind, slug: slug ?? null };
}

/** 422 with every problem, each with its field path (and line), for the editor to show next to the field. */
export function problemsResponse(problems: ContentProblem[], what: string): Response {
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  return Response.json(
    { error: { code: "invalid_content", message: `${what} has ${count}; nothing was saved.`, problems } },
    { status: 422 },
  );
}
