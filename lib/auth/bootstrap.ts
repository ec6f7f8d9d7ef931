import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Database } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import { LOCAL_USER, localModeEnabled } from "./local-mode";
import { authFor } from "./server";

const SETUP_IDENTIFIER = "admin-setup";
const SETUP_HOURS = 24;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * First start: make sure someone can administer this server. With ADMIN_EMAIL and ADMIN_PASSWORD
 * set, that account is created (or promoted); otherwise a one-time setup link is printed, valid for
 * 24 hours and replaced at every start until an admin exists.
 */
export async function ensureAdmin(db: Database, log: (line: string) => void, env: Env = getEnv()): Promise<void> {
  const admins = await db.prisma.user.count({ where: { role: "ADMIN", email: { not: LOCAL_USER.email } } });
  if (admins > 0) return;
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const email = env.ADMIN_EMAIL.toLowerCase();
    const existing = await db.prisma.user.findUnique({ where: { email } });
    if (!existing) {
      const auth = await authFor(db);
      await auth.api
        .signUpEmail({ body: { email, password: env.ADMIN_PASSWORD, name: "Admin" } })
        .catch((error: unknown) => {
          const reason = (error as { body?: { message?: string } }).body?.message ?? String(error);
          throw new Error(`ADMIN_EMAIL/ADMIN_PASSWORD: cannot create the admin account: ${reason}`);
        });
    }
    const admin = await db.prisma.user.update({ where: { email }, data: { role: "ADMIN" } });
    await db.prisma.auditLog.create({
      data: { actorId: admin.id, action: "user.bootstrap_admin", target: `user:${email}` },
    });
    log(`[tradeoff] admin account: ${email} (from ADMIN_EMAIL)`);
    return;
  }
  const token = randomBytes(24).toString("base64url");
  await db.prisma.$transaction([
    db.prisma.verification.deleteMany({ where: { identifier: SETUP_IDENTIFIER } }),
    db.prisma.verification.create({
      data: {
        identifier: SETUP_IDENTIFIER,
        value: hashToken(token),
        expiresAt: new Date(Date.now() + SETUP_HOURS * 3600_000),
      },
    }),
  ]);
  const base = env.APP_URL ?? `http://localhost:${env.PORT}`;
  const local = localModeEnabled(env) ? " (local mode already signs you in as an admin on this machine)" : "";
  log(`[tradeoff] no admin account yet${local}. Create one, once, at: ${base}/setup?token=${token}`);
}

/** Whether a setup token is the current, unexpired one. */
export async function setupTokenValid(db: Database, token: string): Promise<boolean> {
  const row = await db.prisma.verification.findFirst({
    where: { identifier: SETUP_IDENTIFIER, value: hashToken(token), expiresAt: { gt: new Date() } },
  });
  return row !== null;
}

/** Consumes the setup token; true only for the one request that used it. */
export async function consumeSetupToken(db: Database, token: string): Promise<boolean> {
  const { count } = await db.prisma.verification.deleteMany({
    where: { identifier: SETUP_IDENTIFIER, value: hashToken(token), expiresAt: { gt: new Date() } },
  });
  return count === 1;
}
