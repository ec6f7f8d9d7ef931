import "server-only";
import { parseDocument } from "yaml";
import type { PrismaClient } from "@/lib/db/generated/client";
import { writeAudit } from "./audit";
import { changedFields, contentHash } from "./hash";
import { KIND_FOLDER, versionTarget, type ContentKind } from "./kinds";
import { createContentVersion, lockContent, versionTable, type Db } from "./store";
import { CONTENT_KINDS, type ContentBank, type ContentItem } from "./validate";

export { contentHash, stableStringify } from "./hash";
export type { ContentKind } from "./kinds";

export interface ImportResult {
  created: { kind: ContentKind; slug: string; version: number }[];
  /** Files whose content is already stored (this includes `keptEdits`). */
  unchanged: number;
  /**
   * Files identical to the version last imported from a file, while a newer version was made in the
   * editor: the editor's version stays the latest (the file is not "newer", it is just older).
   */
  keptEdits: { kind: ContentKind; slug: string; version: number }[];
}

export interface ImportOptions {
  /** The user importing (audit log); null or absent for the server start and the CLI. */
  actorId?: string | null;
  /** How the files arrived, for the audit log: "upload", "folder", "files" (the default). */
  via?: string;
}

/** The order items are stored in: rubrics before the prompts that name their dimensions. */
const ORDER: [ContentKind, keyof Omit<ContentBank, "sources">][] = [
  ["framework", "frameworks"],
  ["rubric", "rubrics"],
  ["followups", "followups"],
  ["prompt", "prompts"],
];

/**
 * Imports a validated bank in one transaction. Unchanged items are a no-op; a changed item becomes
 * a new version (archived if the slug was). Existing versions are never updated, so an interview's
 * pinned version stays as it was; each new version keeps its file text and gets an audit entry.
 */
export async function importContent(
  prisma: PrismaClient,
  bank: ContentBank,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return prisma.$transaction(
    async (tx) => {
      await lockContent(tx);
      const result: ImportResult = { created: [], unchanged: 0, keptEdits: [] };
      for (const [kind, folder] of ORDER) {
        for (const item of bank[folder] as ContentItem[]) {
          await importItem(tx, kind, item, sourceFor(bank, kind, item), options, result);
        }
      }
      return result;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

async function importItem(
  tx: Db,
  kind: ContentKind,
  item: ContentItem,
  source: string | null,
  options: ImportOptions,
  result: ImportResult,
): Promise<void> {
  const table = versionTable(tx, kind);
  const hash = contentHash(item);
  const latest = await table.latest(item.slug);
  if (latest?.contentHash === hash) {
    // Versions stored before file texts were kept get theirs now: same content, so nothing an interview sees changes.
    if (latest.source === null && source !== null) await table.setSource(latest.id, source);
    result.unchanged += 1;
    return;
  }
  if (latest) {
    const imported = await table.latestImported(item.slug);
    if (imported?.contentHash === hash) {
      result.unchanged += 1;
      result.keptEdits.push({ kind, slug: item.slug, version: latest.version });
      return;
    }
  }
  const version = (latest?.version ?? 0) + 1;
  await createContentVersion(tx, kind, item, { version, source, archived: latest?.archived ?? false });
  await writeAudit(tx, {
    actorId: options.actorId ?? null,
    action: "content.import",
    target: versionTarget(kind, item.slug, version),
    detail: {
      via: options.via ?? "files",
      basedOn: latest?.version ?? null,
      changedFields: latest ? changedFields(latest.data, item) : [],
    },
  });
  result.created.push({ kind, slug: item.slug, version });
}

/**
 * The file text of an item, if the bank has it and it still says exactly what the item says (a bank
 * edited in code after loading must not store a stale file text next to different content).
 */
function sourceFor(bank: ContentBank, kind: ContentKind, item: ContentItem): string | null {
  const folder = KIND_FOLDER[kind];
  const text = bank.sources?.[`${folder}/${item.slug}`];
  if (text === undefined) return null;
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return null;
  const parsed = CONTENT_KINDS[folder].schema.safeParse(doc.toJS());
  return parsed.success && contentHash(parsed.data) === contentHash(item) ? text : null;
}
