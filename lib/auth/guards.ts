import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb, type Database } from "@/lib/db";
import type { Role } from "@/lib/db/generated/client";
import { UnauthorizedError } from "@/lib/errors";
import { lookupSession, type SessionUser } from "./session";

export { requireRole } from "./access";

export interface Caller {
  db: Database;
  user: SessionUser;
}

/** For route handlers: the signed-in user, or a 401 that says whether the session expired. */
export async function requireUser(request: Request, db?: Database): Promise<Caller> {
  const database = db ?? (await getDb());
  const session = await lookupSession(database, request.headers);
  if (!session.user) {
    throw session.expired
      ? new UnauthorizedError("Your session has expired. Sign in again.", "session_expired")
      : new UnauthorizedError();
  }
  return { db: database, user: session.user };
}

/**
 * The session of the page request being rendered, looked up once: the layout (for the nav) and the
 * page (to authorize) both ask, and React's per-request cache makes that one lookup, not two.
 */
const pageSession = cache(async () => {
  const db = await getDb();
  return { db, session: await lookupSession(db, await headers()) };
});

/** For pages: the signed-in user, or a redirect to sign-in that comes back to `path`. */
export async function requirePageUser(path: string): Promise<Caller> {
  const { db, session } = await pageSession();
  if (!session.user) {
    const query = new URLSearchParams({ next: path });
    if (session.expired) query.set("expired", "1");
    redirect(`/sign-in?${query}`);
  }
  return { db, user: session.user };
}

/** For pages limited to some roles: 404s for everyone else, so the page's existence leaks nothing. */
export async function requirePageRole(path: string, ...roles: Role[]): Promise<Caller> {
  const caller = await requirePageUser(path);
  if (!roles.includes(caller.user.role)) notFound();
  return caller;
}

/** For layout chrome (the nav): the user if there is one, without redirecting. */
export async function optionalPageUser(): Promise<SessionUser | null> {
  return (await pageSession()).session.user;
}
