import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb, type Database } from "@/lib/db";
import type { Role } from "@/lib/db/generated/client";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { lookupSession, type SessionUser } from "./session";

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

/** Throws 403 unless the user has one of the roles. */
export function requireRole(user: SessionUser, ...roles: Role[]): void {
  if (!roles.includes(user.role)) {
    throw new ForbiddenError(`This needs the ${roles.map((r) => r.toLowerCase()).join(" or ")} role.`);
  }
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back to `path`. */
export async function requirePageUser(path: string): Promise<Caller> {
  const db = await getDb();
  const session = await lookupSession(db, await headers());
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
  if (!roles.includes(caller.user.role)) {
    const { notFound } = await import("next/navigation");
    notFound();
  }
  return caller;
}

/** For layout chrome (the nav): the user if there is one, without redirecting. */
export async function optionalPageUser(): Promise<SessionUser | null> {
  const db = await getDb();
  return (await lookupSession(db, await headers())).user;
}
