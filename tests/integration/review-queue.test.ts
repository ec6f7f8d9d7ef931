/**
 * The review queue over seeded rows: who sees what (assignment, accepted share, admin; never one's own),
 * the latest report per interview, and every filter (status for this coach, prompt, verdict, dates),
 * with paging newest first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listReviewQueue, queueFiltersSchema, type QueueFiltersInput } from "@/lib/review";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { seedContent } from "../support/interview";
import { createUser } from "../support/users";

describe("review queue", () => {
  let db: TestDatabase;
  let admin: SessionUser;
  let coach: SessionUser;
  let alice: SessionUser;
  let bob: SessionUser;
  let carol: SessionUser;
  const ids: Record<string, string> = {};

  /** An ended interview of `owner` on `promptSlug`, started on `day`, with reports (oldest first). */
  async function seedInterview(
    name: string,
    owner: SessionUser,
    promptSlug: string,
    day: string,
    reports: { status: "PENDING" | "COMPLETE" | "INCOMPLETE"; verdict?: string }[],
    status: "ENDED" | "ACTIVE" = "ENDED",
  ) {
    const [prompt, framework, rubric] = await Promise.all([
      db.prisma.prompt.findFirstOrThrow({ where: { slug: promptSlug } }),
      db.prisma.framework.findFirstOrThrow({ where: { slug: "nine-step" } }),
      db.prisma.rubric.findFirstOrThrow({ where: { slug: "genai-default" } }),
    ]);
    const startedAt = new Date(`${day}T10:00:00Z`);
    const interview = await db.prisma.interview.create({
      data: {
        ownerId: owner.id,
        promptId: prompt.id,
        frameworkId: framework.id,
        rubricId: rubric.id,
        level: "SENIOR",
        mode: "INTERVIEW",
        model: "offline",
        durationMinutes: 45,
        status,
        startedAt,
        endsAt: new Date(startedAt.getTime() + 45 * 60_000),
        endedAt: status === "ENDED" ? new Date(startedAt.getTime() + 45 * 60_000) : null,
      },
    });
    for (const [i, r] of reports.entries()) {
      await db.prisma.report.create({
        data: {
          interviewId: interview.id,
          rubricId: rubric.id,
          status: r.status,
          source: "OFFLINE",
          verdict: r.verdict ?? null,
          weightedScore: r.verdict ? 2.5 : null,
          createdAt: new Date(startedAt.getTime() + (50 + i) * 60_000),
        },
      });
    }
    ids[name] = interview.id;
    return interview.id;
  }

  const queue = (user: SessionUser, filters: QueueFiltersInput = {}) =>
    listReviewQueue(db.prisma, user, queueFiltersSchema.parse(filters));
  const names = (rows: { interviewId: string }[]) =>
    rows.map((r) => Object.entries(ids).find(([, id]) => id === r.interviewId)?.[0]);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedContent(db);
    admin = await createUser(db, "ADMIN", "Admin");
    coach = await createUser(db, "COACH", "Coach");
    alice = await createUser(db, "CANDIDATE", "Alice");
    bob = await createUser(db, "CANDIDATE", "Bob");
    carol = await createUser(db, "CANDIDATE", "Carol");
    await db.prisma.coachAssignment.create({ data: { coachId: coach.id, candidateId: alice.id } });

    await seedInterview("a1", alice, "design-chatgpt", "2026-11-01", [
      { status: "COMPLETE", verdict: "hire at senior" },
    ]);
    await seedInterview("a2", alice, "enterprise-search", "2026-11-05", [
      { status: "COMPLETE", verdict: "hire at senior" },
      { status: "COMPLETE", verdict: "lean hire at senior" }, // the latest report counts
    ]);
    await seedInterview("a3", alice, "design-chatgpt", "2026-11-10", [{ status: "PENDING" }]);
    await seedInterview("a4", alice, "design-chatgpt", "2026-11-12", [], "ACTIVE"); // still running: never queued
    await seedInterview("b1", bob, "design-chatgpt", "2026-11-08", [
      { status: "COMPLETE", verdict: "no hire at senior" },
    ]);
    await seedInterview("c1", carol, "code-completion", "2026-11-03", [
      { status: "COMPLETE", verdict: "lean no hire at mid" },
    ]);
    await seedInterview("own", coach, "design-chatgpt", "2026-11-11", [
      { status: "COMPLETE", verdict: "hire at senior" },
    ]);
    await seedInterview("adminOwn", admin, "design-chatgpt", "2026-11-11", [
      { status: "COMPLETE", verdict: "hire at senior" },
    ]);

    // Carol shared c1 with the coach (accepted); Bob's share is not accepted yet.
    const c1Share = { interviewId: ids.c1!, createdById: carol.id, expiresAt: new Date("2027-01-01") };
    await db.prisma.interviewShare.create({
      data: { ...c1Share, tokenHash: "c1", coachId: coach.id, acceptedAt: new Date() },
    });
    await db.prisma.interviewShare.create({
      data: { interviewId: ids.b1!, createdById: bob.id, expiresAt: new Date("2027-01-01"), tokenHash: "b1" },
    });

    // The coach completed a review of a2's latest report and started one of c1's.
    const latestA2 = await db.prisma.report.findFirstOrThrow({
      where: { interviewId: ids.a2 },
      orderBy: { createdAt: "desc" },
    });
    await db.prisma.review.create({
      data: { reportId: latestA2.id, coachId: coach.id, status: "COMPLETE", completedAt: new Date() },
    });
    const c1Report = await db.prisma.report.findFirstOrThrow({ where: { interviewId: ids.c1 } });
    await db.prisma.review.create({ data: { reportId: c1Report.id, coachId: coach.id } });
    // Another coach's complete review does not make a1 complete for this coach.
    const a1Report = await db.prisma.report.findFirstOrThrow({ where: { interviewId: ids.a1 } });
    await db.prisma.review.create({
      data: { reportId: a1Report.id, coachId: admin.id, status: "COMPLETE", completedAt: new Date() },
    });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("a coach sees ended interviews of assigned candidates and accepted shares, newest first, never their own", async () => {
    const all = await queue(coach, { status: "all" });
    expect(names(all.rows)).toEqual(["a3", "a2", "c1", "a1"]);
    expect(all.counts).toEqual({ waiting: 3, inProgress: 1, complete: 1, all: 4 });
    const a2 = all.rows.find((r) => r.interviewId === ids.a2)!;
    expect(a2.report).toMatchObject({ status: "complete", verdict: "lean hire at senior" });
    expect(a2.review.status).toBe("complete");
    expect(a2.candidate.name).toBe("Alice");
    expect(all.rows.find((r) => r.interviewId === ids.a3)?.report?.status).toBe("pending");
  });

  it("an admin sees everyone's ended interviews but their own", async () => {
    const all = await queue(admin, { status: "all" });
    expect(names(all.rows)).toEqual(["own", "a3", "b1", "a2", "c1", "a1"]);
    // The admin's own complete review of a1.
    expect(names((await queue(admin, { status: "complete" })).rows)).toEqual(["a1"]);
  });

  it("filters: status (default waiting), prompt, verdict, dates", async () => {
    expect(names((await queue(coach)).rows)).toEqual(["a3", "c1", "a1"]);
    expect(names((await queue(coach, { status: "in-progress" })).rows)).toEqual(["c1"]);
    expect(names((await queue(coach, { status: "complete" })).rows)).toEqual(["a2"]);
    expect(names((await queue(coach, { status: "all", prompt: "design-chatgpt" })).rows)).toEqual(["a3", "a1"]);
    // "hire" must not match "lean hire"; the latest report's verdict is the one filtered on.
    expect(names((await queue(coach, { status: "all", verdict: "hire" })).rows)).toEqual(["a1"]);
    expect(names((await queue(coach, { status: "all", verdict: "lean hire" })).rows)).toEqual(["a2"]);
    expect(names((await queue(coach, { status: "all", verdict: "lean no hire" })).rows)).toEqual(["c1"]);
    expect(names((await queue(coach, { status: "all", from: "2026-11-03", to: "2026-11-05" })).rows)).toEqual([
      "a2",
      "c1",
    ]);
    const counts = (await queue(coach, { status: "waiting", prompt: "design-chatgpt" })).counts;
    expect(counts).toEqual({ waiting: 2, inProgress: 0, complete: 0, all: 2 });
  });

  it("pages newest first", async () => {
    const first = await queue(coach, { status: "all", pageSize: 3 });
    expect(names(first.rows)).toEqual(["a3", "a2", "c1"]);
    expect(first.hasMore).toBe(true);
    const second = await queue(coach, { status: "all", pageSize: 3, page: 2 });
    expect(names(second.rows)).toEqual(["a1"]);
    expect(second.hasMore).toBe(false);
  });

  it("refuses candidates and bad filters", async () => {
    await expect(queue(alice)).rejects.toBeInstanceOf(AppError);
    expect(queueFiltersSchema.safeParse({ status: "done" }).success).toBe(false);
    expect(queueFiltersSchema.safeParse({ from: "2026-11-10", to: "2026-11-01" }).success).toBe(false);
    expect(queueFiltersSchema.safeParse({ verdict: "maybe" }).success).toBe(false);
    expect(queueFiltersSchema.parse({ status: "", prompt: "", page: "2" })).toMatchObject({
      status: "waiting",
      page: 2,
    });
  });
});
