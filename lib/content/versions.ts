import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { authorsOf, type AuditEntry } from "./audit";
import { CONTENT_KIND_LIST, KIND_FOLDER, versionTarget, type ContentKind } from "./kinds";
import { getLatestRubric, listLatestFrameworks } from "./repository";
import { interviewCounts, parseStored, versionTable, type VersionRow } from "./store";
import { DEFAULT_RUBRIC_SLUG, type ContentItem } from "./validate";
import { canonicalYaml } from "./yaml";

/** One row of the admin list: the latest version of a slug, with what uses it. */
export interface ContentListItem {
  kind: ContentKind;
  slug: string;
  title: string;
  version: number;
  archived: boolean;
  updatedAt: Date;
  /** Interviews that pinned any version of this slug. */
  interviews: number;
  /** Of those, the ones on the latest version. */
  interviewsOnLatest: number;
  /** Prompt-only facts for the list. */
  domain?: string;
  difficulty?: string;
}

export async function listContent(prisma: PrismaClient): Promise<Record<ContentKind, ContentListItem[]>> {
  const entries = await Promise.all(
    CONTENT_KIND_LIST.map(async (kind) => {
      const table = versionTable(prisma, kind);
      const [latest, ids, counts] = await Promise.all([table.latestOfEach(), table.ids(), interviewCounts(prisma, kind)]);
      const perSlug = new Map<string, number>();
      for (const row of ids) perSlug.set(row.slug, (perSlug.get(row.slug) ?? 0) + (counts.get(row.id) ?? 0));
      const items = latest.map((row): ContentListItem => {
        const data = row.data as { domain?: string; difficulty?: string };
        return {
          kind,
          slug: row.slug,
          title: row.title,
          version: row.version,
          archived: row.archived,
          updatedAt: row.createdAt,
          interviews: perSlug.get(row.slug) ?? 0,
          interviewsOnLatest: counts.get(row.id) ?? 0,
          ...(kind === "prompt" ? { domain: data.domain, difficulty: data.difficulty } : {}),
        };
      });
      return [kind, items.sort((a, b) => a.title.localeCompare(b.title))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ContentKind, ContentListItem[]>;
}

export interface VersionSummary {
  version: number;
  createdAt: Date;
  archived: boolean;
  /** Came from a file (import) rather than the editor. */
  fromFile: boolean;
  interviews: number;
  author: AuditEntry["actor"];
  /** content.create | content.save | content.import, when the audit log has it. */
  how: string | null;
  changedFields: string[];
}

export async function versionHistory(prisma: PrismaClient, kind: ContentKind, slug: string): Promise<VersionSummary[]> {
  const [rows, counts] = await Promise.all([versionTable(prisma, kind).history(slug), interviewCounts(prisma, kind)]);
  const authors = await authorsOf(
    prisma,
    rows.map((r) => versionTarget(kind, slug, r.version)),
  );
  return rows.map((row) => {
    const audit = authors.get(versionTarget(kind, slug, row.version));
    const detail = (audit?.detail ?? {}) as { changedFields?: unknown };
    return {
      version: row.version,
      createdAt: row.createdAt,
      archived: row.archived,
      fromFile: row.source !== null,
      interviews: counts.get(row.id) ?? 0,
      author: audit?.actor ?? null,
      how: audit?.action ?? null,
      changedFields: Array.isArray(detail.changedFields) ? detail.changedFields.map(String) : [],
    };
  });
}

export interface VersionDetail {
  kind: ContentKind;
  slug: string;
  version: number;
  latestVersion: number;
  archived: boolean;
  createdAt: Date;
  content: ContentItem;
  /** The file as it is exported: the imported text, or the canonical YAML of an editor version. */
  text: string;
  interviews: number;
}

/** One version (the latest when `version` is absent), or null when there is none. */
export async function getVersion(
  prisma: PrismaClient,
  kind: ContentKind,
  slug: string,
  version?: number,
): Promise<VersionDetail | null> {
  const table = versionTable(prisma, kind);
  const latest = await table.latest(slug);
  if (!latest) return null;
  const row = version === undefined || version === latest.version ? latest : await table.get(slug, version);
  if (!row) return null;
  const counts = await interviewCounts(prisma, kind);
  return {
    kind,
    slug,
    version: row.version,
    latestVersion: latest.version,
    archived: row.archived,
    createdAt: row.createdAt,
    content: parseStored(kind, row.data),
    text: fileText(kind, row),
    interviews: counts.get(row.id) ?? 0,
  };
}

/** A version as a content file: byte for byte what was imported, or the canonical YAML of its data. */
export function fileText(kind: ContentKind, row: Pick<VersionRow, "source" | "data">): string {
  return row.source ?? canonicalYaml(KIND_FOLDER[kind], parseStored(kind, row.data));
}

/** What the editor needs besides the item: the dimensions items may name, and the frameworks a prompt is offered with. */
export interface EditorContext {
  dimensions: { key: string; title: string }[];
  frameworks: {
    slug: string;
    title: string;
    summary: string;
    steps: { key: string; title: string; minutes: number; goal: string; keyQuestions: string[] }[];
  }[];
}

export async function editorContext(prisma: PrismaClient): Promise<EditorContext> {
  const [rubric, frameworks] = await Promise.all([
    getLatestRubric(prisma, DEFAULT_RUBRIC_SLUG),
    listLatestFrameworks(prisma),
  ]);
  return {
    dimensions: rubric?.content.dimensions.map((d) => ({ key: d.key, title: d.title })) ?? [],
    // Only what the candidate sees of a framework (as app/practice/[slug] passes to the start panel).
    frameworks: frameworks.map(({ content: fw }) => ({
      slug: fw.slug,
      title: fw.title,
      summary: fw.summary,
      steps: fw.steps.map((s) => ({ key: s.key, title: s.title, minutes: s.minutes, goal: s.goal, keyQuestions: s.keyQuestions })),
    })),
  };
}
