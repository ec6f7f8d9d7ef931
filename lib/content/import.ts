import "server-only";
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { ContentBank } from "./validate";

export type ContentKind = "framework" | "rubric" | "prompt" | "followups";

export interface ImportResult {
  created: { kind: ContentKind; slug: string; version: number }[];
  unchanged: number;
}

/** Serialises with sorted keys, so the hash changes only when the content does. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(content: unknown): string {
  return createHash("sha256").update(stableStringify(content)).digest("hex");
}

/** Serialises content imports across processes (e.g. two app instances starting together). */
const IMPORT_LOCK_KEY = 7_141_001;

/**
 * Imports a validated bank in one transaction. Unchanged items are a no-op; a changed item becomes
 * a new version. Existing versions are never updated, so an interview's pinned version stays as it was.
 */
export async function importContent(prisma: PrismaClient, bank: ContentBank): Promise<ImportResult> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
      const result: ImportResult = { created: [], unchanged: 0 };
      const record = (kind: ContentKind, slug: string, version: number | null) => {
        if (version === null) result.unchanged += 1;
        else result.created.push({ kind, slug, version });
      };

      for (const fw of bank.frameworks) {
        const version = await nextVersion(tx.framework, fw.slug, contentHash(fw));
        if (version !== null) {
          await tx.framework.create({ data: { slug: fw.slug, version, title: fw.title, contentHash: contentHash(fw), data: fw } });
        }
        record("framework", fw.slug, version);
      }

      for (const rubric of bank.rubrics) {
        const version = await nextVersion(tx.rubric, rubric.slug, contentHash(rubric));
        if (version !== null) {
          await tx.rubric.create({
            data: {
              slug: rubric.slug,
              version,
              title: rubric.title,
              contentHash: contentHash(rubric),
              data: rubric,
              dimensions: {
                create: rubric.dimensions.map((d, position) => ({ key: d.key, title: d.title, position, weight: d.weight, data: d })),
              },
            },
          });
        }
        record("rubric", rubric.slug, version);
      }

      for (const followUps of bank.followups) {
        const version = await nextVersion(tx.followUpBank, followUps.slug, contentHash(followUps));
        if (version !== null) {
          await tx.followUpBank.create({ data: { slug: followUps.slug, version, title: followUps.title, contentHash: contentHash(followUps), data: followUps } });
        }
        record("followups", followUps.slug, version);
      }

      for (const prompt of bank.prompts) {
        const version = await nextVersion(tx.prompt, prompt.slug, contentHash(prompt));
        if (version !== null) {
          await tx.prompt.create({
            data: {
              slug: prompt.slug,
              version,
              title: prompt.title,
              summary: prompt.summary,
              domain: prompt.domain,
              difficulty: prompt.difficulty,
              companies: prompt.companies,
              tags: prompt.tags,
              contentHash: contentHash(prompt),
              data: prompt,
            },
          });
        }
        record("prompt", prompt.slug, version);
      }
      return result;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

type VersionedDelegate = {
  findFirst(args: {
    where: { slug: string };
    orderBy: { version: "desc" };
    select: { version: true; contentHash: true };
  }): Promise<{ version: number; contentHash: string } | null>;
};

/** The version to create for this content, or null when the latest version already has it. */
async function nextVersion(delegate: VersionedDelegate, slug: string, hash: string): Promise<number | null> {
  const latest = await delegate.findFirst({ where: { slug }, orderBy: { version: "desc" }, select: { version: true, contentHash: true } });
  if (latest?.contentHash === hash) return null;
  return (latest?.version ?? 0) + 1;
}

