import "server-only";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { contentHash } from "./hash";
import { KIND_FOLDER, type ContentKind } from "./kinds";
import type { FollowUpBankContent, FrameworkContent, PromptContent, RubricContent } from "./schema";
import { CONTENT_KINDS, type ContentItem } from "./validate";

/**
 * The four version tables (prompts, frameworks, rubrics, follow-up banks) behind one small interface,
 * so the editor, the import and the export treat every kind alike. A version row is never updated
 * except `archived` (and `source`, filled once when a file matching an older import arrives).
 */
export type Db = PrismaClient | Prisma.TransactionClient;

export interface VersionRow {
  id: string;
  slug: string;
  version: number;
  title: string;
  contentHash: string;
  data: unknown;
  source: string | null;
  archived: boolean;
  createdAt: Date;
}

const ROW = {
  id: true,
  slug: true,
  version: true,
  title: true,
  contentHash: true,
  data: true,
  source: true,
  archived: true,
  createdAt: true,
} as const;

/** The shape the four Prisma delegates share for these calls (they differ only in their extra columns). */
interface Delegate {
  findFirst(args: object): Promise<VersionRow | null>;
  findMany(args: object): Promise<VersionRow[]>;
  update(args: object): Promise<VersionRow>;
}

function delegate(db: Db, kind: ContentKind): Delegate {
  const delegates = { prompt: db.prompt, framework: db.framework, rubric: db.rubric, followups: db.followUpBank };
  return delegates[kind] as unknown as Delegate;
}

export function versionTable(db: Db, kind: ContentKind) {
  const d = delegate(db, kind);
  return {
    latest: (slug: string) => d.findFirst({ where: { slug }, orderBy: { version: "desc" }, select: ROW }),
    /** The newest version that came from a file (the import keeps the file text in `source`). */
    latestImported: (slug: string) =>
      d.findFirst({ where: { slug, source: { not: null } }, orderBy: { version: "desc" }, select: ROW }),
    get: (slug: string, version: number) => d.findFirst({ where: { slug, version }, select: ROW }),
    history: (slug: string) => d.findMany({ where: { slug }, orderBy: { version: "desc" }, select: ROW }),
    /** The latest version of every slug, archived or not. */
    latestOfEach: () =>
      d.findMany({ orderBy: [{ slug: "asc" }, { version: "desc" }], distinct: ["slug"], select: ROW }),
    /** Every version's id and slug (to count the interviews that use any version of a slug). */
    ids: () => d.findMany({ select: { id: true, slug: true, version: true } }) as Promise<Pick<VersionRow, "id" | "slug" | "version">[]>,
    setArchived: (id: string, archived: boolean) => d.update({ where: { id }, data: { archived }, select: ROW }),
    setSource: (id: string, source: string) => d.update({ where: { id }, data: { source }, select: ROW }),
  };
}

/** Parses a stored `data` column with the schema of its kind (what the repository does for the catalogue). */
export function parseStored(kind: ContentKind, data: unknown): ContentItem {
  return CONTENT_KINDS[KIND_FOLDER[kind]].schema.parse(data) as ContentItem;
}

export interface NewVersion {
  version: number;
  /** The file text, when the version comes from a file; null when it was made in the editor. */
  source: string | null;
  archived: boolean;
}

/** Inserts one version (with a rubric's dimension rows). The caller has checked the version number under the lock. */
export async function createContentVersion(
  db: Db,
  kind: ContentKind,
  content: ContentItem,
  { version, source, archived }: NewVersion,
): Promise<{ id: string }> {
  const common = { slug: content.slug, version, title: content.title, contentHash: contentHash(content), source, archived };
  switch (kind) {
    case "framework":
      return db.framework.create({ data: { ...common, data: content as FrameworkContent }, select: { id: true } });
    case "followups":
      return db.followUpBank.create({ data: { ...common, data: content as FollowUpBankContent }, select: { id: true } });
    case "rubric": {
      const rubric = content as RubricContent;
      return db.rubric.create({
        data: {
          ...common,
          data: rubric,
          dimensions: {
            create: rubric.dimensions.map((d, position) => ({ key: d.key, title: d.title, position, weight: d.weight, data: d })),
          },
        },
        select: { id: true },
      });
    }
    case "prompt": {
      const prompt = content as PromptContent;
      return db.prompt.create({
        data: {
          ...common,
          summary: prompt.summary,
          domain: prompt.domain,
          difficulty: prompt.difficulty,
          companies: prompt.companies,
          tags: prompt.tags,
          data: prompt,
        },
        select: { id: true },
      });
    }
    default: {
      const unknownKind: never = kind;
      throw new Error(`unknown content kind ${String(unknownKind)}`);
    }
  }
}

/** How many interviews use each version id of a kind (follow-up banks are drawn on live, never pinned). */
export async function interviewCounts(prisma: PrismaClient, kind: ContentKind): Promise<Map<string, number>> {
  const column = { prompt: "promptId", framework: "frameworkId", rubric: "rubricId", followups: null }[kind];
  if (!column) return new Map();
  const groups = (await prisma.interview.groupBy({
    by: [column as "promptId"],
    _count: { _all: true },
  })) as unknown as ({ _count: { _all: number } } & Record<string, string>)[];
  return new Map(groups.map((g) => [g[column]!, g._count._all]));
}

/** Serialises content changes (import, editor saves) across requests and processes. */
export const CONTENT_LOCK_KEY = 7_141_001;

export async function lockContent(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CONTENT_LOCK_KEY})`;
}
