import { z } from "zod";
import { requireRole, requireUser } from "@/lib/auth";
import { checkDraft, draftSchema } from "@/lib/content/editor";
import { kindFromFolder } from "@/lib/content/kinds";
import { versionTable } from "@/lib/content/store";
import { handle, parseJsonBody } from "@/lib/http";

const checkSchema = draftSchema.extend({
  kind: z.string().refine((k) => kindFromFolder(k) !== null, "must be prompts, frameworks, rubrics or followups"),
  slug: z.string().max(200).nullable(),
});

/** Validates a draft exactly as saving would, and saves nothing: the editor's inline validation. */
export const POST = handle(async (request: Request) => {
  const input = await parseJsonBody(request, checkSchema, 512 * 1024);
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");
  const kind = kindFromFolder(input.kind)!;
  const [result, latest] = await Promise.all([
    checkDraft(db.prisma, kind, input.slug, input),
    input.slug ? versionTable(db.prisma, kind).latest(input.slug) : null,
  ]);
  return Response.json(
    { problems: result.ok ? [] : result.problems, latestVersion: latest?.version ?? null },
    { headers: { "cache-control": "no-store" } },
  );
});
