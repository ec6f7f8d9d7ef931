import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/db/generated/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { authorsOf, writeAudit } from "./audit";
import { changedFields, contentHash } from "./hash";
import { CONTENT_KIND_LIST, KIND_FOLDER, KIND_LABELS, versionTarget, type ContentKind } from "./kinds";
import { interviewCounts, createContentVersion, lockContent, parseStored, versionTable, type Db } from "./store";
import { DEFAULT_RUBRIC_SLUG, validateDraft, type ContentBank, type ContentItem, type ContentProblem } from "./validate";

/** A prompt file is ~30 KB; this leaves room for a very long one and refuses anything absurd. */
export const MAX_DRAFT_CHARS = 400_000;

/**
 * What the editor sends: the whole file as YAML (the form editor serialises its state with
 * canonicalYaml), and the version the edit started from — null for a new slug.
 */
export const draftSchema = z.strictObject({
  text: z.string().max(MAX_DRAFT_CHARS, `must be at most ${MAX_DRAFT_CHARS} characters`),
  basedOn: z.number().int().positive().nullable(),
});
export type DraftInput = z.infer<typeof draftSchema>;

export type CheckResult = { ok: true; content: ContentItem } | { ok: false; problems: ContentProblem[] };

export type SaveResult =
  | { ok: true; created: boolean; slug: string; version: number; target: string }
  | { ok: false; problems: ContentProblem[] };

export interface Actor {
  id: string;
}

/** The latest version of everything, parsed: what a draft is checked against (rubric dimensions, near-duplicates). */
export async function loadBankContext(db: Db): Promise<ContentBank> {
  const bank: ContentBank = { frameworks: [], rubrics: [], prompts: [], followups: [] };
  for (const kind of CONTENT_KIND_LIST) {
    const rows = await versionTable(db, kind).latestOfEach();
    (bank[KIND_FOLDER[kind]] as ContentItem[]).push(...rows.map((r) => parseStored(kind, r.data)));
  }
  return bank;
}

/**
 * Validates a draft exactly as a save would, without saving: schema, cross-file checks, and the
 * slug rules (a new slug must be free; an existing item keeps its slug).
 */
export async function checkDraft(db: Db, kind: ContentKind, slug: string | null, draft: DraftInput): Promise<CheckResult> {
  const result = validateDraft(KIND_FOLDER[kind], draft.text, await loadBankContext(db));
  if (!result.ok) return { ok: false, problems: result.problems };
  const content = result.content;
  const file = `${KIND_FOLDER[kind]}/${content.slug}.yaml`;
  const label = KIND_LABELS[kind].one;
  if (slug === null) {
    const existing = await versionTable(db, kind).latest(content.slug);
    if (existing) {
      return {
        ok: false,
        problems: [
          {
            file,
            field: "slug",
            message: `a ${label} with the slug "${content.slug}" already exists (version ${existing.version}); choose another slug, or edit that ${label}`,
          },
        ],
      };
    }
  } else if (content.slug !== slug) {
    return {
      ok: false,
      problems: [
        {
          file,
          field: "slug",
          message: `the slug of an existing ${label} cannot change (it is "${slug}"); to copy it under a new slug, create a new ${label}`,
        },
      ],
    };
  }
  return { ok: true, content };
}

/**
 * Saves a draft as the next version of its slug, in one transaction: validate, check that nobody
 * saved since the draft's base version (optimistic concurrency), insert, audit. Nothing is written
 * unless all of it succeeds, and no existing version is touched: interviews keep the one they pinned.
 */
export async function saveDraft(
  prisma: PrismaClient,
  actor: Actor,
  kind: ContentKind,
  slug: string | null,
  draft: DraftInput,
): Promise<SaveResult> {
  return prisma.$transaction(
    async (tx) => {
      await lockContent(tx);
      const table = versionTable(tx, kind);
      const latest = slug === null ? null : await table.latest(slug);
      if (slug !== null && !latest) throw new NotFoundError(`There is no ${KIND_LABELS[kind].one} "${slug}".`);
      if (latest && draft.basedOn !== latest.version) {
        throw new ConflictError(await staleMessage(tx, kind, latest.slug, draft.basedOn, latest.version), "stale_version");
      }
      const checked = await checkDraft(tx, kind, slug, draft);
      if (!checked.ok) return { ok: false, problems: checked.problems };
      const content = checked.content;

      if (latest && latest.contentHash === contentHash(content)) {
        return { ok: true, created: false, slug: content.slug, version: latest.version, target: versionTarget(kind, content.slug, latest.version) };
      }
      const version = (latest?.version ?? 0) + 1;
      // A new version of an archived item stays archived: editing is not publishing.
      const archived = latest?.archived ?? false;
      await createContentVersion(tx, kind, content, { version, source: null, archived });
      const target = versionTarget(kind, content.slug, version);
      await writeAudit(tx, {
        actorId: actor.id,
        action: latest ? "content.save" : "content.create",
        target,
        detail: {
          basedOn: latest?.version ?? null,
          changedFields: latest ? changedFields(latest.data, content) : [],
          ...(archived ? { archived: true } : {}),
        },
      });
      return { ok: true, created: true, slug: content.slug, version, target };
    },
    { timeout: 30_000, maxWait: 15_000 },
  );
}

async function staleMessage(db: Db, kind: ContentKind, slug: string, basedOn: number | null, latest: number): Promise<string> {
  const label = KIND_LABELS[kind].one;
  if (basedOn === null) return `A ${label} with the slug "${slug}" already exists; choose another slug.`;
  const author = (await authorsOf(db, [versionTarget(kind, slug, latest)])).get(versionTarget(kind, slug, latest));
  const by = author?.actor ? ` by ${author.actor.name}` : "";
  const when = author ? ` at ${author.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  return (
    `Your draft of ${label} "${slug}" is based on version ${basedOn}, but version ${latest} was saved since${by}${when}. ` +
    `Nothing was saved. Reload to see version ${latest}, then apply your changes to it.`
  );
}

/**
 * Archives or unarchives a slug: the flag on its latest version, the only column a version ever
 * changes. Archived items leave the catalogue; interviews that pinned a version still open and score.
 */
export async function setArchived(
  prisma: PrismaClient,
  actor: Actor,
  kind: ContentKind,
  slug: string,
  archived: boolean,
): Promise<{ changed: boolean; version: number }> {
  return prisma.$transaction(async (tx) => {
    await lockContent(tx);
    const table = versionTable(tx, kind);
    const latest = await table.latest(slug);
    if (!latest) throw new NotFoundError(`There is no ${KIND_LABELS[kind].one} "${slug}".`);
    if (latest.archived === archived) return { changed: false, version: latest.version };
    if (archived) await refuseArchivingNeeded(tx, kind, slug);
    await table.setArchived(latest.id, archived);
    await writeAudit(tx, {
      actorId: actor.id,
      action: archived ? "content.archive" : "content.unarchive",
      target: versionTarget(kind, slug, latest.version),
      detail: { archived },
    });
    return { changed: true, version: latest.version };
  });
}

/** New interviews need the default rubric and at least one framework; archiving those would stop every start. */
async function refuseArchivingNeeded(db: Db, kind: ContentKind, slug: string): Promise<void> {
  if (kind === "rubric" && slug === DEFAULT_RUBRIC_SLUG) {
    throw new ConflictError(`The default rubric "${slug}" cannot be archived: every new interview is scored with it.`, "in_use");
  }
  if (kind === "framework") {
    const live = (await versionTable(db, kind).latestOfEach()).filter((r) => !r.archived);
    if (live.length === 1 && live[0]!.slug === slug) {
      throw new ConflictError(`"${slug}" is the only framework left; new interviews need one. Add another before archiving it.`, "in_use");
    }
  }
}

/** The interviews that pinned each version of a slug: what the editor warns about before a save. */
export async function usageOfSlug(prisma: PrismaClient, kind: ContentKind, slug: string): Promise<Map<number, number>> {
  const [counts, ids] = await Promise.all([interviewCounts(prisma, kind), versionTable(prisma, kind).ids()]);
  return new Map(ids.filter((r) => r.slug === slug).map((r) => [r.version, counts.get(r.id) ?? 0]));
}
