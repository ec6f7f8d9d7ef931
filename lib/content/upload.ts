import "server-only";
import { parseDocument } from "yaml";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { Actor } from "./editor";
import { exportContentFiles } from "./export";
import { importContent, type ImportResult } from "./import";
import { FOLDER_KIND, isContentFolder, KIND_FOLDER, type ContentKind } from "./kinds";
import { validateContent, type ContentBank, type ContentFile, type ContentProblem } from "./validate";
import { readZip, ZipError } from "./zip";

export type UploadResult =
  | { ok: true; result: ImportResult; files: string[]; skipped: string[] }
  | { ok: false; problems: ContentProblem[]; files: string[]; skipped: string[] };

/**
 * Imports content files that arrive in the browser (a .zip of the content/ layout, loose .yaml
 * files, or pasted text) the way `npm run content:import` imports a folder. The files are validated
 * together with everything already stored, so a single prompt is checked against the stored rubric;
 * only the problems the upload introduces are reported, and any problem imports nothing.
 */
export async function importUploaded(
  prisma: PrismaClient,
  actor: Actor,
  upload: ContentFile[],
  via: string,
): Promise<UploadResult> {
  const { files, skipped, problems: pathProblems } = normaliseUpload(upload);
  const paths = files.map((f) => f.path);
  if (pathProblems.length > 0) return { ok: false, problems: pathProblems, files: paths, skipped };
  if (files.length === 0) {
    return {
      ok: false,
      problems: [{ file: "", field: "", message: "no content files found (expected prompts/, frameworks/, rubrics/ or followups/ with .yaml files)" }],
      files: paths,
      skipped,
    };
  }

  const stored = await exportContentFiles(prisma, { includeArchived: true });
  const uploaded = new Set(paths);
  const merged = [...stored.filter((f) => !uploaded.has(f.path)), ...files];
  const before = validateContent(stored);
  const after = validateContent(merged);
  const known = new Set((before.ok ? [] : before.problems).map(problemKey));
  const introduced = (after.ok ? [] : after.problems).filter((p) => !known.has(problemKey(p)));
  if (introduced.length > 0) return { ok: false, problems: introduced, files: paths, skipped };

  const bank = onlyUploaded(after.bank, uploaded);
  const result = await importContent(prisma, bank, { actorId: actor.id, via });
  return { ok: true, result, files: paths, skipped };
}

/** The files of a .zip upload; a damaged or hostile archive is a problem, not an exception. */
export function filesFromZip(bytes: Uint8Array): { files: ContentFile[] } | { problem: ContentProblem } {
  try {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const files: ContentFile[] = [];
    for (const entry of readZip(bytes)) {
      if (!/\.ya?ml$/i.test(entry.path)) {
        files.push({ path: entry.path, text: "" });
        continue;
      }
      try {
        files.push({ path: entry.path, text: decoder.decode(entry.data) });
      } catch {
        return { problem: { file: entry.path, field: "", message: "is not UTF-8 text" } };
      }
    }
    return { files };
  } catch (error) {
    if (error instanceof ZipError) return { problem: { file: "", field: "", message: error.message } };
    throw error;
  }
}

/**
 * Puts each file at its content/ path: strips a leading top folder (`content/prompts/x.yaml`), and
 * files without a folder go where their `kind:` says, named after their `slug:`. Anything that is not
 * a content file (README, dotfiles, macOS metadata) is skipped and listed.
 */
export function normaliseUpload(upload: ContentFile[]): { files: ContentFile[]; skipped: string[]; problems: ContentProblem[] } {
  const files: ContentFile[] = [];
  const skipped: string[] = [];
  const problems: ContentProblem[] = [];
  for (const file of upload) {
    const parts = file.path.replace(/\\/g, "/").split("/").filter((p) => p && p !== ".");
    const name = parts.at(-1) ?? "";
    if (!/\.ya?ml$/i.test(name) || name.startsWith(".") || parts.includes("__MACOSX")) {
      skipped.push(file.path);
      continue;
    }
    const folderAt = parts.findIndex((p) => isContentFolder(p));
    if (folderAt >= 0 && folderAt === parts.length - 2) {
      files.push({ path: `${parts[folderAt]}/${name.replace(/\.yml$/i, ".yaml")}`, text: file.text });
      continue;
    }
    const guessed = kindAndSlug(file.text);
    if (!guessed) {
      problems.push({
        file: file.path,
        field: "kind",
        message: "cannot tell what this file is: it needs `kind:` (prompt, framework, rubric or followups) and `slug:`",
      });
      continue;
    }
    files.push({ path: `${KIND_FOLDER[guessed.kind]}/${guessed.slug}.yaml`, text: file.text });
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) problems.push({ file: f.path, field: "", message: "appears twice in the upload" });
    seen.add(f.path);
  }
  return { files, skipped, problems };
}

function kindAndSlug(text: string): { kind: ContentKind; slug: string } | null {
  const doc = parseDocument(text);
  const kind = doc.get("kind");
  const slug = doc.get("slug");
  const folder = Object.entries(KIND_FOLDER).find(([k]) => k === kind)?.[1];
  if (!folder || typeof slug !== "string" || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return null;
  return { kind: FOLDER_KIND[folder], slug };
}

function problemKey(p: ContentProblem): string {
  return `${p.file}\u0000${p.field}\u0000${p.message}`;
}

function onlyUploaded(bank: ContentBank, paths: Set<string>): ContentBank {
  const keep = <T extends { slug: string }>(folder: string, items: T[]) =>
    items.filter((item) => paths.has(`${folder}/${item.slug}.yaml`) || paths.has(`${folder}/${item.slug}.yml`));
  return {
    frameworks: keep("frameworks", bank.frameworks),
    rubrics: keep("rubrics", bank.rubrics),
    prompts: keep("prompts", bank.prompts),
    followups: keep("followups", bank.followups),
    sources: bank.sources,
  };
}
