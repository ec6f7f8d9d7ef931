import "server-only";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";

/** What the question bank writes to the audit log; every entry is written in the transaction of the change. */
export const CONTENT_AUDIT_ACTIONS = [
  "content.create",
  "content.save",
  "content.archive",
  "content.unarchive",
  "content.import",
] as const;
export type ContentAuditAction = (typeof CONTENT_AUDIT_ACTIONS)[number];

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditEntryInput {
  /** The signed-in user; null for changes made without one (the import on server start, the CLI). */
  actorId: string | null;
  action: string;
  /** What changed, e.g. `prompt:design-chatgpt@4` (lib/content/kinds.ts versionTarget). */
  target: string;
  detail?: Prisma.InputJsonValue;
}

export async function writeAudit(db: Db, entry: AuditEntryInput): Promise<void> {
  await db.auditLog.create({
    data: { actorId: entry.actorId, action: entry.action, target: entry.target, detail: entry.detail },
  });
}

export interface AuditEntry {
  id: string;
  action: string;
  target: string;
  detail: unknown;
  createdAt: Date;
  actor: { id: string; name: string; email: string } | null;
}

export interface AuditQuery {
  /** Entries whose target starts with this, e.g. `prompt:design-chatgpt` (all its versions). */
  target?: string;
  /** Entries whose action starts with this: `content.` for every content change, or one action. */
  action?: string;
  /** Entries strictly older than this (the page before). */
  before?: Date;
  limit?: number;
}

/** Newest first; one more than `limit` is read so the caller knows whether an older page exists. */
export async function listAudit(
  prisma: PrismaClient,
  query: AuditQuery,
): Promise<{ entries: AuditEntry[]; more: boolean }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const rows = await prisma.auditLog.findMany({
    where: {
      ...(query.target ? { target: { startsWith: query.target } } : {}),
      ...(query.action ? { action: { startsWith: query.action } } : {}),
      ...(query.before ? { createdAt: { lt: query.before } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: { actor: { select: { id: true, name: true, email: true } } },
  });
  return {
    entries: rows.slice(0, limit).map((r) => ({
      id: r.id,
      action: r.action,
      target: r.target,
      detail: r.detail,
      createdAt: r.createdAt,
      actor: r.actor,
    })),
    more: rows.length > limit,
  };
}

/** Who wrote each of these targets (the latest entry per target), for version histories. */
export async function authorsOf(
  prisma: Db,
  targets: string[],
): Promise<Map<string, { action: string; actor: AuditEntry["actor"]; createdAt: Date; detail: unknown }>> {
  if (targets.length === 0) return new Map();
  const rows = await prisma.auditLog.findMany({
    where: { target: { in: targets } },
    orderBy: { createdAt: "asc" },
    include: { actor: { select: { id: true, name: true, email: true } } },
  });
  const byTarget = new Map<string, { action: string; actor: AuditEntry["actor"]; createdAt: Date; detail: unknown }>();
  // Only the entry that created the version names its author; archive entries share the target.
  for (const r of rows) {
    if (r.action === "content.archive" || r.action === "content.unarchive") continue;
    if (!byTarget.has(r.target))
      byTarget.set(r.target, { action: r.action, actor: r.actor, createdAt: r.createdAt, detail: r.detail });
  }
  return byTarget;
}

/** The actions that occur in the log, for the filter. */
export async function auditActions(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
