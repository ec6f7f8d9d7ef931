import "server-only";
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { Database } from "@/lib/db";
import type { PrismaClient } from "@/lib/db/generated/client";
import { getEnv, type Env } from "@/lib/env";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from "./password";

export const SESSION_COOKIE_PREFIX = "tradeoff";
const SESSION_DAYS = 7;

/** The session-signing secret: AUTH_SECRET, or one generated on first start and kept in the database. */
export async function authSecret(prisma: PrismaClient, env: Env = getEnv()): Promise<string> {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const generated = randomBytes(32).toString("base64url");
  await prisma.appSetting.upsert({
    where: { key: "auth_secret" },
    update: {},
    create: { key: "auth_secret", value: generated },
  });
  const row = await prisma.appSetting.findUniqueOrThrow({ where: { key: "auth_secret" } });
  return row.value;
}

export function createAuth(prisma: PrismaClient, secret: string, env: Env = getEnv()) {
  return betterAuth({
    appName: "Tradeoff",
    secret,
    // Behind a domain, APP_URL names it; otherwise any loopback host and port is this server.
    baseURL: env.APP_URL ?? {
      allowedHosts: ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]", "[::1]:*"],
      fallback: `http://localhost:${env.PORT}`,
    },
    database: prismaAdapter(prisma, { provider: "postgresql", transaction: true }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
      autoSignIn: true,
      revokeSessionsOnPasswordReset: true,
    },
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      database: { generateId: "uuid" },
      // HttpOnly and SameSite=Lax always; Secure whenever the app is served over https.
      useSecureCookies: env.APP_URL?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
    },
    // Per client address: 20 sign-ins or sign-ups a minute (the library's default of 3 per 10 s trips
    // up a household or a class behind one address), 100 other auth requests.
    rateLimit: {
      enabled: env.NODE_ENV === "production",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 20 },
        "/sign-up/email": { window: 60, max: 20 },
        "/change-password": { window: 60, max: 10 },
      },
    },
    telemetry: { enabled: false },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const body = (ctx.body ?? {}) as { password?: unknown; newPassword?: unknown; email?: unknown };
        if (
          ctx.path === "/sign-up/email" &&
          typeof body.email === "string" &&
          /@tradeoff\.local$/i.test(body.email.trim())
        ) {
          throw new APIError("BAD_REQUEST", {
            message: "That address is reserved; use your own email.",
            code: "RESERVED_EMAIL",
          });
        }
        const password =
          ctx.path === "/sign-up/email"
            ? body.password
            : ctx.path === "/change-password"
              ? body.newPassword
              : undefined;
        if (typeof password !== "string") return;
        const email = typeof body.email === "string" ? body.email : undefined;
        const problem = passwordProblem(password, email);
        if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "WEAK_PASSWORD" });
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { __tradeoffAuth?: { db: Database; auth: Promise<Auth> } };

/** The auth instance of this process's database (one per database, kept across hot reloads). */
export function authFor(db: Database): Promise<Auth> {
  if (holder.__tradeoffAuth?.db !== db) {
    const auth = authSecret(db.prisma).then((secret) => createAuth(db.prisma, secret));
    holder.__tradeoffAuth = { db, auth };
  }
  return holder.__tradeoffAuth.auth;
}
