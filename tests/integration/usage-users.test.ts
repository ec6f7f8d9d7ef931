/**
 * Admin user management on a real database: the list with this month's usage, role and limit
 * changes each with an audit row in the same transaction, and the last admin kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { listUsers, updateUser, updateUserSchema } from "@/lib/usage/users";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { seedContent } from "../support/interview";
import { createUser } from "../support/users";

let db: TestDatabase;
const NOW = new Date("2026-11-22T15:00:00Z");
const defaults = { monthlyTokenQuota: 2_000_000, requestsPerMinute: 30 };

beforeAll(async () => {
  db = await createTestDatabase();
  await seedContent(db);
});

afterAll(async () => {
  await db?.destroy();
});

async function auditFor(userId: string) {
  return db.prisma.auditLog.findMany({ where: { target: `user:${userId}` }, orderBy: { action: "asc" } });
}

describe("listUsers", () => {
  it("lists users admins first with effective limits, tokens and cost this month, and interviews", async () => {
    const admin = await createUser(db, "ADMIN", "Zed Admin");
    const coach = await createUser(db, "COACH", "Coach Carol");
    const candidate = await createUser(db, "CANDIDATE", "Ann Candidate");
    await db.prisma.user.update({
      where: { id: candidate.id },
      data: { monthlyTokenQuota: 50_000, requestsPerMinute: 0 },
    });
    const call = {
      purpose: "interviewer",
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      promptRef: "interviewer@1",
      status: "OK" as const,
    };
    await db.prisma.llmCall.createMany({
      data: [
        {
          ...call,
          userId: candidate.id,
          inputTokens: 1_000,
          cachedTokens: 600,
          outputTokens: 100,
          costUsd: 0.01,
          createdAt: new Date("2026-11-01T00:00:00Z"),
        },
        {
          ...call,
          userId: candidate.id,
          inputTokens: 2_000,
          outputTokens: 200,
          costUsd: 0.02,
          createdAt: new Date("2026-11-20T00:00:00Z"),
        },
        // Last month: not counted.
        {
          ...call,
          userId: candidate.id,
          inputTokens: 9_000,
          outputTokens: 900,
          costUsd: 0.09,
          createdAt: new Date("2026-10-31T23:59:59.999Z"),
        },
      ],
    });
    const [prompt, framework, rubric] = await Promise.all([
      db.prisma.prompt.findFirstOrThrow({ select: { id: true } }),
      db.prisma.framework.findFirstOrThrow({ select: { id: true } }),
      db.prisma.rubric.findFirstOrThrow({ select: { id: true } }),
    ]);
    for (let i = 0; i < 2; i += 1) {
      await db.prisma.interview.create({
        data: {
          ownerId: candidate.id,
          promptId: prompt.id,
          frameworkId: framework.id,
          rubricId: rubric.id,
          level: "SENIOR",
          mode: "INTERVIEW",
          model: "offline",
          durationMinutes: 45,
          endsAt: new Date("2026-11-20T01:00:00Z"),
        },
      });
    }

    const users = await listUsers(db, { now: NOW, defaults });
    expect(users.map((u) => u.name)).toEqual(["Zed Admin", "Coach Carol", "Ann Candidate"]);
    expect(users.find((u) => u.id === candidate.id)).toMatchObject({
      role: "CANDIDATE",
      monthlyTokenQuota: 50_000,
      requestsPerMinute: 0,
      effective: { monthlyTokenQuota: 50_000, requestsPerMinute: null },
      tokensThisMonth: 3_300,
      costThisMonthUsd: expect.closeTo(0.03, 9),
      interviews: 2,
    });
    expect(users.find((u) => u.id === coach.id)).toMatchObject({
      monthlyTokenQuota: null,
      requestsPerMinute: null,
      effective: { monthlyTokenQuota: 2_000_000, requestsPerMinute: 30 },
      tokensThisMonth: 0,
      costThisMonthUsd: 0,
      interviews: 0,
    });
    // Tidy up for the next tests (they count admins).
    await db.prisma.user.update({ where: { id: admin.id }, data: { role: "CANDIDATE" } });
  });
});

describe("updateUser", () => {
  it("changes a role, a quota and a rate limit, each with an audit row naming the actor", async () => {
    const admin = await createUser(db, "ADMIN");
    const target = await createUser(db, "CANDIDATE");
    const result = await updateUser(db, admin, target.id, {
      role: "COACH",
      monthlyTokenQuota: 100_000,
      requestsPerMinute: 5,
    });
    expect(result.changed).toEqual(["role", "monthlyTokenQuota", "requestsPerMinute"]);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      role: "COACH",
      monthlyTokenQuota: 100_000,
      requestsPerMinute: 5,
    });
    const audit = await auditFor(target.id);
    expect(audit.map((a) => [a.action, a.actorId, a.detail])).toEqual([
      ["user.quota_change", admin.id, { email: target.email, field: "monthlyTokenQuota", from: null, to: 100_000 }],
      ["user.rate_limit_change", admin.id, { email: target.email, field: "requestsPerMinute", from: null, to: 5 }],
      ["user.role_change", admin.id, { email: target.email, field: "role", from: "CANDIDATE", to: "COACH" }],
    ]);

    // null puts a limit back to the server default; unchanged fields write nothing.
    const again = await updateUser(db, admin, target.id, { role: "COACH", monthlyTokenQuota: null });
    expect(again.changed).toEqual(["monthlyTokenQuota"]);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).monthlyTokenQuota).toBeNull();
    expect(await auditFor(target.id)).toHaveLength(4);
    expect(await updateUser(db, admin, target.id, { requestsPerMinute: 5 })).toEqual({ changed: [] });
    expect(await auditFor(target.id)).toHaveLength(4);
  });

  it("keeps the last admin: demoting yourself is refused until there is another admin", async () => {
    await db.prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "CANDIDATE" } });
    const admin = await createUser(db, "ADMIN");
    const error = await updateUser(db, admin, admin.id, { role: "CANDIDATE", requestsPerMinute: 3 }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: "last_admin" });
    expect(error.message).toBe(
      "You are the only admin: make another user an admin before giving up your own admin role.",
    );
    // Nothing half-saved: neither the role nor the limit sent with it, and no audit row.
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "ADMIN",
      requestsPerMinute: null,
    });
    expect(await auditFor(admin.id)).toEqual([]);

    // An admin may still change their own limits.
    expect((await updateUser(db, admin, admin.id, { requestsPerMinute: 100 })).changed).toEqual(["requestsPerMinute"]);

    const second = await createUser(db, "CANDIDATE");
    await updateUser(db, admin, second.id, { role: "ADMIN" });
    expect((await updateUser(db, admin, admin.id, { role: "COACH" })).changed).toEqual(["role"]);
    // Now `second` is the only admin.
    await expect(updateUser(db, second, second.id, { role: "CANDIDATE" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("two admins demoting each other at once: one wins, one admin is left", async () => {
    await db.prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "CANDIDATE" } });
    const a = await createUser(db, "ADMIN");
    const b = await createUser(db, "ADMIN");
    const results = await Promise.allSettled([
      updateUser(db, a, b.id, { role: "CANDIDATE" }),
      updateUser(db, b, a.id, { role: "CANDIDATE" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("404s for an unknown or malformed user id", async () => {
    const admin = await createUser(db, "ADMIN");
    await expect(updateUser(db, admin, crypto.randomUUID(), { role: "COACH" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateUser(db, admin, "not-a-uuid", { role: "COACH" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("updateUserSchema", () => {
  it("accepts any of the three fields and refuses anything else", () => {
    expect(updateUserSchema.safeParse({ monthlyTokenQuota: null }).success).toBe(true);
    expect(updateUserSchema.safeParse({}).success).toBe(false);
    expect(updateUserSchema.safeParse({ role: "OWNER" }).success).toBe(false);
    expect(updateUserSchema.safeParse({ monthlyTokenQuota: -1 }).success).toBe(false);
    expect(updateUserSchema.safeParse({ monthlyTokenQuota: 1.5 }).success).toBe(false);
    expect(updateUserSchema.safeParse({ monthlyTokenQuota: 3_000_000_000 }).success).toBe(false);
    expect(updateUserSchema.safeParse({ requestsPerMinute: 5, userId: "x" }).success).toBe(false);
  });
});
