import "server-only";
import type { Database } from "@/lib/db";
import type { Role } from "@/lib/db/generated/client";
import { getEnv, type Env } from "@/lib/env";
import { LOCAL_USER, isLoopbackRequest, localModeEnabled } from "./local-mode";
import { authFor, SESSION_COOKIE_PREFIX } from "./server";

/** Who is making a request, as every guard and policy sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Signed in by local mode rather than with a password. */
  local: boolean;
}

export type SessionLookup = { user: SessionUser } | { user: null; expired: boolean };

/** Resolves the user of a request from its cookies (or local mode). Never reads ids from the request body. */
export async function lookupSession(db: Database, headers: Headers, env: Env = getEnv()): Promise<SessionLookup> {
  const auth = await authFor(db);
  const session = await auth.api.getSession({ headers });
  if (session) {
    const row = await db.prisma.user.findUnique({ where: { id: session.user.id } });
    if (row) return { user: { id: row.id, email: row.email, name: row.name, role: row.role, local: false } };
  }
  if (localModeEnabled(env) && isLoopbackRequest(headers)) return { user: await localUser(db) };
  const hadCookie = (headers.get("cookie") ?? "").includes(`${SESSION_COOKIE_PREFIX}.session_token=`);
  return { user: null, expired: hadCookie };
}

/**
 * The local-mode user: an admin of their own machine, with no password (it cannot sign in remotely).
 * Looked up once per process and database, not on every request (bench:turn); the insert ignores a
 * concurrent one, so the first requests of a fresh database cannot race each other into a 500.
 */
export function localUser(db: Database): Promise<SessionUser> {
  let user = localUsers.get(db);
  if (!user) {
    user = loadLocalUser(db).catch((error: unknown) => {
      localUsers.delete(db);
      throw error;
    });
    localUsers.set(db, user);
  }
  return user;
}

const localUsers = new WeakMap<Database, Promise<SessionUser>>();

async function loadLocalUser(db: Database): Promise<SessionUser> {
  const { email, name } = LOCAL_USER;
  await db.prisma.user.createMany({ data: [{ email, name, role: "ADMIN" }], skipDuplicates: true });
  // Databases from before accounts existed have the local user as a candidate.
  await db.prisma.user.updateMany({ where: { email, role: { not: "ADMIN" } }, data: { role: "ADMIN" } });
  const row = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: row.id, email: row.email, name: row.name, role: row.role, local: true };
}
