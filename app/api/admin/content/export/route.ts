import { requireRole, requireUser } from "@/lib/auth";
import { contentZip, exportContentFiles } from "@/lib/content/export";
import { handle } from "@/lib/http";

/** The latest version of everything as a .zip of the content/ layout (`?archived=1` adds archived items). */
export const GET = handle(async (request: Request) => {
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");
  const includeArchived = new URL(request.url).searchParams.get("archived") === "1";
  const now = new Date();
  const zip = contentZip(await exportContentFiles(db.prisma, { includeArchived }), now);
  return new Response(zip, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="tradeoff-content-${now.toISOString().slice(0, 10)}.zip"`,
      "cache-control": "no-store",
    },
  });
});
