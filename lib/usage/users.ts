import "server-only";
/**
 * Admin user management: the user list with this month's usage, and changes to a user's role,
 * monthly token quota and request rate. Every change writes an audit_log row in the same
 * transaction, so there is never a change without its record (or a record without its change).
 */
import { z } from "zod";
import type { Database } from "@/lib/db";
import type { Prisma, Role } from "@/lib/db/generated/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { monthWindow, resolveLimits, type EffectiveLimits, type LimitDefaults } from "./policy";

export const ROLES = ["CANDIDATE", "COACH", "ADMIN"] as const satisfies readonly Role[];

/** The columns are 32-bit integers; these caps keep values far from that and from typos. */
export const MAX_MONTHLY_TOKEN_QUOTA = 2_000_000_000;
export const MAX_REQUESTS_PER_MINUTE = 10_000;

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  /** As stored: null = the server default, 0 = unlimited. */
  monthlyTokenQuota: number | null;
  requestsPerMinute: number | null;
  /** What is enforced (null = unlimited). */
  effective: EffectiveLimits;
  /** Input + output tokens since the 1st of this month (UTC). */
  tokensThisMonth: number;
  costThisMonthUsd: number;
  interviews: number;
}

type Prismaish = Pick<Database, "prisma">;

/** Every user, admins first, then by name; with usage this month and their interview count. */
export async function listUsers(db: Prismaish, options: { now: Date; defaults: LimitDefaults }): Promise<AdminUser[]> {
  const { start } = monthWindow(options.now);
  const [users, usage] = await Promise.all([
    db.prisma.user.findMany({
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        createdAt: true,
        monthlyTokenQuota: true,
        requestsPerMinute: true,
        _count: { select: { interviews: true } },
      },
    }),
    db.prisma.llmCall.groupBy({
      by: ["userId"],
      where: { createdAt: { gte: start }, userId: { not: null } },
      _sum: { inputTokens: true, outputTokens: true, costUsd: true },
    }),
  ]);
  const used = new Map(usage.map((u) => [u.userId, u._sum]));
  const rank: Record<Role, number> = { ADMIN: 0, COACH: 1, CANDIDATE: 2 };
  return users
    .map((u) => {
      const sum = used.get(u.id);
      return {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        createdAt: u.createdAt.toISOString(),
        monthlyTokenQuota: u.monthlyTokenQuota,
        requestsPerMinute: u.requestsPerMinute,
        effective: resolveLimits(u, options.defaults),
        tokensThisMonth: (sum?.inputTokens ?? 0) + (sum?.outputTokens ?? 0),
        costThisMonthUsd: Number(sum?.costUsd ?? 0),
        interviews: u._count.interviews,
      };
    })
    .sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

/** PATCH body: any of the three; `null` puts a limit back to the server default. */
export const updateUserSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    monthlyTokenQuota: z.number().int().min(0).max(MAX_MONTHLY_TOKEN_QUOTA).nullable().optional(),
    requestsPerMinute: z.number().int().min(0).max(MAX_REQUESTS_PER_MINUTE).nullable().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "Send at least one of role, monthlyTokenQuota, requestsPerMinute.",
  });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

const FIELDS = [
  { key: "role", action: "user.role_change" },
  { key: "monthlyTokenQuota", action: "user.quota_change" },
  { key: "requestsPerMinute", action: "user.rate_limit_change" },
] as const;

/**
 * Applies the changes that differ from what is stored, each with an audit row, in one transaction.
 * Refuses to take the admin role away from the last admin (that would leave nobody able to manage
 * users): the admin rows are locked first, so two admins demoting each other at once cannot both win.
 */
export async function updateUser(
  db: Prismaish,
  actor: { id: string },
  targetId: string,
  input: UpdateUserInput,
): Promise<{ changed: (keyof UpdateUserInput)[] }> {
  if (!z.uuid().safeParse(targetId).success) throw new NotFoundError("No such user.");
  return db.prisma.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE role = 'ADMIN' FOR UPDATE`;
    const target = await tx.user.findUnique({
      where: { id: targetId },
      select: { id: true, email: true, role: true, monthlyTokenQuota: true, requestsPerMinute: true },
    });
    if (!target) throw new NotFoundError("No such user.");

    const changes = FIELDS.filter(({ key }) => input[key] !== undefined && input[key] !== target[key]);
    if (changes.length === 0) return { changed: [] };

    if (input.role !== undefined && target.role === "ADMIN" && input.role !== "ADMIN") {
      const others = admins.filter((a) => a.id !== target.id);
      if (others.length === 0) {
        throw new ConflictError(
          target.id === actor.id
            ? "You are the only admin: make another user an admin before giving up your own admin role."
            : "This is the only admin: make another user an admin first.",
          "last_admin",
        );
      }
    }

    const data: Prisma.UserUpdateInput = {};
    for (const { key } of changes) Object.assign(data, { [key]: input[key] });
    await tx.user.update({ where: { id: target.id }, data });
    await tx.auditLog.createMany({
      data: changes.map(({ key, action }) => ({
        actorId: actor.id,
        action,
        target: `user:${target.id}`,
        detail: { email: target.email, field: key, from: target[key], to: input[key] ?? null },
      })),
    });
    return { changed: changes.map(({ key }) => key) };
  });
}
