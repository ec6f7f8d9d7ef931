import "server-only";
import type { PrismaClient, User } from "@/lib/db/generated/client";

/**
 * Who is making this request. Until accounts exist, every request acts as the single local user,
 * so every interview already has an owner and every route already checks ownership; the accounts
 * work replaces this function's body, not its callers.
 */
export const LOCAL_USER = { email: "local@tradeoff.local", name: "Local candidate" } as const;

export async function getCurrentUser(prisma: PrismaClient): Promise<User> {
  return prisma.user.upsert({
    where: { email: LOCAL_USER.email },
    update: {},
    create: { email: LOCAL_USER.email, name: LOCAL_USER.name, role: "CANDIDATE" },
  });
}

export class ForbiddenError extends Error {
  constructor(message = "You do not have access to this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Throws unless `user` owns the row. Callers turn it into a 404 so ids of others' rows leak nothing. */
export function assertOwner(user: Pick<User, "id">, row: { ownerId: string }): void {
  if (row.ownerId !== user.id) throw new ForbiddenError();
}
