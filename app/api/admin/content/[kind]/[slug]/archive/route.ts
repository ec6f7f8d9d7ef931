import { z } from "zod";
import { setArchived } from "@/lib/content/editor";
import { adminContentRequest } from "@/lib/content/routes";
import { handle, parseJsonBody } from "@/lib/http";

const archiveSchema = z.strictObject({ archived: z.boolean() });

/** Archives (hides from the catalogue) or unarchives a slug; pinned interviews keep working either way. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ kind: string; slug: string }> }) => {
  const { archived } = await parseJsonBody(request, archiveSchema);
  const { db, user, kind, slug } = await adminContentRequest(request, params);
  const result = await setArchived(db.prisma, user, kind, slug!, archived);
  return Response.json({ ...result, archived });
});
