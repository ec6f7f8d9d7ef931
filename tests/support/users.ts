/** Users for integration tests: rows in the real database and the SessionUser the guards would see. */
import type { Database } from "@/lib/db";
import type { Role } from "@/lib/db/generated/client";
import type { SessionUser } from "@/lib/auth/session";

let counter = 0;

export async function createUser(
  db: Pick<Database, "prisma">,
  role: Role = "CANDIDATE",
  name?: string,
): Promise<SessionUser> {
  counter += 1;
  const label = name ?? `${role.toLowerCase()} ${counter}`;
  const row = await db.prisma.user.create({
    data: { email: `${label.replace(/\W+/g, "-")}-${counter}-${Date.now()}@test.local`, name: label, role },
  });
  return { id: row.id, email: row.email, name: row.name, role: row.role, local: false };
}
