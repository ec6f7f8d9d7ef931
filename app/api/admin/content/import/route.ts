import path from "node:path";
import { z } from "zod";
import { requireRole, requireUser } from "@/lib/auth";
import { readContentDir } from "@/lib/content/files";
import { MAX_DRAFT_CHARS } from "@/lib/content/editor";
import { filesFromZip, importUploaded } from "@/lib/content/upload";
import { getEnv } from "@/lib/env";
import { handle, parseJsonBody } from "@/lib/http";

const MAX_BODY = 12 * 1024 * 1024;

const importSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("files"),
    files: z
      .array(z.strictObject({ path: z.string().min(1).max(300), text: z.string().max(MAX_DRAFT_CHARS) }))
      .min(1, "choose at least one file")
      .max(500),
  }),
  z.strictObject({ source: z.literal("zip"), name: z.string().max(300), base64: z.string().max(MAX_BODY) }),
  z.strictObject({ source: z.literal("folder") }),
]);

/**
 * Imports content files: uploaded YAML files or pasted text, a .zip in the content/ layout, or the
 * server's content folder (TRADEOFF_CONTENT_DIR). Same rules as `npm run content:import`; any
 * problem imports nothing (422 with every problem).
 */
export const POST = handle(async (request: Request) => {
  const input = await parseJsonBody(request, importSchema, MAX_BODY);
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");

  let files;
  if (input.source === "folder") {
    files = await readContentDir(path.resolve(getEnv().TRADEOFF_CONTENT_DIR));
  } else if (input.source === "zip") {
    const unpacked = filesFromZip(new Uint8Array(Buffer.from(input.base64, "base64")));
    if ("problem" in unpacked) return invalid([{ ...unpacked.problem, file: unpacked.problem.file || input.name }]);
    files = unpacked.files;
  } else {
    files = input.files;
  }
  const via = input.source === "files" ? "upload" : input.source;
  const outcome = await importUploaded(db.prisma, user, files, via);
  if (!outcome.ok) return invalid(outcome.problems, outcome.skipped);
  return Response.json(outcome);
});

function invalid(problems: { file: string; field: string; line?: number; message: string }[], skipped: string[] = []) {
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  return Response.json(
    { error: { code: "invalid_content", message: `The import has ${count}; nothing was imported.`, problems }, skipped },
    { status: 422 },
  );
}
