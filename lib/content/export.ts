import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { CONTENT_KIND_LIST, contentPath } from "./kinds";
import { versionTable } from "./store";
import type { ContentFile } from "./validate";
import { fileText } from "./versions";
import { createZip } from "./zip";

export interface ExportOptions {
  /**
   * Also export archived items. Off by default: the content/ format has no "archived" flag, so an
   * archived item written out would come back live on the next import.
   */
  includeArchived?: boolean;
}

/**
 * The latest version of every item as content/ files (`prompts/<slug>.yaml`, …), sorted by path.
 * A version imported from a file is written back byte for byte; one made in the editor is written
 * in the canonical YAML form, which imports to the same content.
 */
export async function exportContentFiles(prisma: PrismaClient, options: ExportOptions = {}): Promise<ContentFile[]> {
  const files: ContentFile[] = [];
  for (const kind of CONTENT_KIND_LIST) {
    for (const row of await versionTable(prisma, kind).latestOfEach()) {
      if (row.archived && !options.includeArchived) continue;
      files.push({ path: contentPath(kind, row.slug), text: fileText(kind, row) });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The top folder inside the archive: unzipping it anywhere gives a `content/` folder in the app's layout. */
export const ZIP_ROOT = "content";

export function contentZip(files: ContentFile[], modified?: Date): Uint8Array<ArrayBuffer> {
  return createZip(
    files.map((f) => ({ path: `${ZIP_ROOT}/${f.path}`, data: new TextEncoder().encode(f.text) })),
    modified,
  );
}
