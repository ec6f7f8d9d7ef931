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

/**
 * Signs a user up through the real auth library (real password hash, real session) and returns the
 * `cookie` header value a browser would send, for calling route handlers as that user.
 */
export async function signUpWithCookie(
  db: Database,
  email: string,
  role: Role = "CANDIDATE",
  password = "test-password-42",
): Promise<{ id: string; cookie: string }> {
  const { authFor } = await import("@/lib/auth/server");
  const auth = await authFor(db);
  const { headers, response } = await auth.api.signUpEmail({
    body: { email, password, name: email.split("@")[0]! },
    returnHeaders: true,
  });
  if (role !== "CANDIDATE") await db.prisma.user.update({ where: { id: response.user.id }, data: { role } });
  return { id: response.user.id, cookie: cookieHeader(headers) };
}

/** The Cookie header a browser would send back after a response with these Set-Cookie headers. */
export function cookieHeader(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
