/**
 * Accounts through the real auth library and the real database: sign-up, sign-in, the session
 * cookie, duplicate emails, weak passwords, expired sessions, password change, local mode.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAdmin, setupTokenValid } from "@/lib/auth/bootstrap";
import { authFor, createAuth } from "@/lib/auth/server";
import { lookupSession } from "@/lib/auth/session";
import { parseEnv } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { cookieHeader } from "../support/users";

let db: TestDatabase;
const accountsEnv = parseEnv({ DATABASE_URL: "postgresql://unused@localhost/x", LOCAL_MODE: "0" });
const localEnv = parseEnv({ LOCAL_MODE: "1" });

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

async function signUp(email: string, password = "orchard-ferry-blue-7") {
  const auth = await authFor(db);
  return auth.api.signUpEmail({ body: { email, password, name: "Ada" }, returnHeaders: true });
}

const cookieFrom = cookieHeader;

describe("accounts", () => {
  it("signs up a candidate, sets an HttpOnly SameSite cookie, and the cookie identifies them", async () => {
    const { headers, response } = await signUp("ada@example.com");
    expect(response.user.email).toBe("ada@example.com");
    const setCookie = headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/tradeoff\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(row.role).toBe("CANDIDATE");
    const account = await db.prisma.account.findFirstOrThrow({ where: { userId: row.id } });
    expect(account.password).toMatch(/^scrypt\$/);

    const session = await lookupSession(
      db,
      new Headers({ cookie: cookieFrom(headers), host: "app.example" }),
      accountsEnv,
    );
    expect(session.user?.id).toBe(row.id);
    expect(session.user?.role).toBe("CANDIDATE");
  });

  it("marks the cookie Secure when the app is served over https", async () => {
    const auth = createAuth(
      db.prisma,
      "a-test-secret-that-is-long-enough-000",
      parseEnv({ APP_URL: "https://tradeoff.example" }),
    );
    const { headers } = await auth.api.signUpEmail({
      body: { email: "secure@example.com", password: "orchard-ferry-blue-9", name: "S" },
      returnHeaders: true,
    });
    const setCookie = headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/session_token=/);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/HttpOnly/i);
  });

  it("refuses a duplicate email with a clear message and creates nothing", async () => {
    const before = await db.prisma.user.count();
    await expect(signUp("ada@example.com")).rejects.toMatchObject({
      body: { message: expect.stringMatching(/exist/i) },
    });
    expect(await db.prisma.user.count()).toBe(before);
  });

  it("refuses weak passwords with the reason, and creates nothing", async () => {
    const before = await db.prisma.user.count();
    await expect(signUp("bob@example.com", "short")).rejects.toMatchObject({
      body: { message: expect.stringMatching(/short|10/i) },
    });
    await expect(signUp("bob@example.com", "password123")).rejects.toMatchObject({
      body: { message: expect.stringMatching(/common/i) },
    });
    expect(await db.prisma.user.count()).toBe(before);
  });

  it("does not let a sign-up choose its role", async () => {
    const auth = await authFor(db);
    await auth.api
      .signUpEmail({
        body: { email: "mallory@example.com", password: "orchard-ferry-blue-8", name: "M", role: "ADMIN" } as never,
      })
      .catch(() => undefined);
    const row = await db.prisma.user.findUnique({ where: { email: "mallory@example.com" } });
    expect(row?.role ?? "CANDIDATE").toBe("CANDIDATE");
  });

  it("reserves the local user's address", async () => {
    await expect(signUp("local@tradeoff.local")).rejects.toMatchObject({
      body: { message: expect.stringMatching(/reserved/) },
    });
  });

  it("signs in with the right password only", async () => {
    const auth = await authFor(db);
    const ok = await auth.api.signInEmail({
      body: { email: "ada@example.com", password: "orchard-ferry-blue-7" },
      returnHeaders: true,
    });
    expect(ok.headers.getSetCookie().join()).toMatch(/session_token/);
    await expect(
      auth.api.signInEmail({ body: { email: "ada@example.com", password: "wrong-password-1" } }),
    ).rejects.toMatchObject({
      body: { message: expect.stringMatching(/invalid/i) },
    });
  });

  it("treats an expired session as signed out and says so", async () => {
    const auth = await authFor(db);
    const { headers } = await auth.api.signInEmail({
      body: { email: "ada@example.com", password: "orchard-ferry-blue-7" },
      returnHeaders: true,
    });
    const cookie = cookieFrom(headers);
    await db.prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const session = await lookupSession(db, new Headers({ cookie, host: "app.example" }), accountsEnv);
    expect(session.user).toBeNull();
    expect(session).toMatchObject({ expired: true });
  });

  it("changes the password (checking the old one and the policy) and signs other browsers out", async () => {
    const auth = await authFor(db);
    const first = await auth.api.signInEmail({
      body: { email: "ada@example.com", password: "orchard-ferry-blue-7" },
      returnHeaders: true,
    });
    const second = await auth.api.signInEmail({
      body: { email: "ada@example.com", password: "orchard-ferry-blue-7" },
      returnHeaders: true,
    });
    const cookie = cookieFrom(first.headers);
    await expect(
      auth.api.changePassword({
        body: { currentPassword: "orchard-ferry-blue-7", newPassword: "qwertyuiop" },
        headers: new Headers({ cookie }),
      }),
    ).rejects.toMatchObject({ body: { message: expect.stringMatching(/common/i) } });
    await expect(
      auth.api.changePassword({
        body: { currentPassword: "not-the-password", newPassword: "lighthouse-mango-93" },
        headers: new Headers({ cookie }),
      }),
    ).rejects.toBeTruthy();
    await auth.api.changePassword({
      body: { currentPassword: "orchard-ferry-blue-7", newPassword: "lighthouse-mango-93", revokeOtherSessions: true },
      headers: new Headers({ cookie }),
    });
    const other = await lookupSession(
      db,
      new Headers({ cookie: cookieFrom(second.headers), host: "app.example" }),
      accountsEnv,
    );
    expect(other.user).toBeNull();
    const ok = await auth.api.signInEmail({ body: { email: "ada@example.com", password: "lighthouse-mango-93" } });
    expect(ok.user.email).toBe("ada@example.com");
  });
});

describe("local mode", () => {
  it("signs in a loopback visitor as the local admin, and nobody else", async () => {
    const local = await lookupSession(
      db,
      new Headers({ host: "localhost:3000", "x-forwarded-for": "127.0.0.1" }),
      localEnv,
    );
    expect(local.user).toMatchObject({ email: "local@tradeoff.local", role: "ADMIN", local: true });
    const remote = await lookupSession(
      db,
      new Headers({ host: "localhost:3000", "x-forwarded-for": "198.51.100.4" }),
      localEnv,
    );
    expect(remote.user).toBeNull();
    const off = await lookupSession(
      db,
      new Headers({ host: "localhost:3000", "x-forwarded-for": "127.0.0.1" }),
      accountsEnv,
    );
    expect(off.user).toBeNull();
  });

  it("prefers a real session over local mode", async () => {
    const auth = await authFor(db);
    const { headers } = await auth.api.signInEmail({
      body: { email: "ada@example.com", password: "lighthouse-mango-93" },
      returnHeaders: true,
    });
    const session = await lookupSession(
      db,
      new Headers({ cookie: cookieFrom(headers), host: "localhost:3000" }),
      localEnv,
    );
    expect(session.user?.email).toBe("ada@example.com");
  });
});

describe("first admin", () => {
  it("prints a one-time setup link when no admin exists, and creates the admin from ADMIN_EMAIL", async () => {
    const lines: string[] = [];
    await ensureAdmin(db, (line) => lines.push(line), accountsEnv);
    const token = /setup\?token=([\w-]+)/.exec(lines.join("\n"))?.[1];
    expect(token).toBeTruthy();
    expect(await setupTokenValid(db, token!)).toBe(true);
    // A new start replaces the link.
    await ensureAdmin(db, () => {}, accountsEnv);
    expect(await setupTokenValid(db, token!)).toBe(false);

    const withAdmin = parseEnv({
      LOCAL_MODE: "0",
      ADMIN_EMAIL: "root@example.com",
      ADMIN_PASSWORD: "granite-harbor-55",
    });
    await ensureAdmin(db, (line) => lines.push(line), withAdmin);
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    expect(admin.role).toBe("ADMIN");
    const auth = await authFor(db);
    const signedIn = await auth.api.signInEmail({ body: { email: "root@example.com", password: "granite-harbor-55" } });
    expect(signedIn.user.id).toBe(admin.id);
  });
});
