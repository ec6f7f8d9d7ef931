/**
 * Quotas and rate limits at the routes: a refused request is a 429 with Retry-After and a message
 * that says what to do, and it stores nothing (the candidate's message is not half-accepted).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { startInterview } from "@/lib/interview/service";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { interviewDepsFor, seedContent, testClock } from "../support/interview";
import { signUpWithCookie } from "../support/users";

let db: TestDatabase;
const holder = globalThis as typeof globalThis & { __tradeoffDb?: Promise<Database> };
type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

async function candidate(email: string, limits: { monthlyTokenQuota?: number; requestsPerMinute?: number }) {
  const { id: userId, cookie } = await signUpWithCookie(db, email);
  await db.prisma.user.update({ where: { id: userId }, data: limits });
  const deps = interviewDepsFor(db, testClock(new Date()));
  const { id } = await startInterview(deps, userId, {
    promptSlug: "design-chatgpt",
    frameworkSlug: "seven-step",
    durationMinutes: 45,
    level: "senior",
    mode: "interview",
    model: "offline",
  });
  return { userId, cookie, interviewId: id };
}

function post(cookie: string, id: string, content: string) {
  return new Request(`http://limits.test/api/interviews/${id}/messages`, {
    method: "POST",
    headers: { host: "limits.test", cookie, "content-type": "application/json" },
    body: JSON.stringify({ clientId: crypto.randomUUID(), content }),
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  holder.__tradeoffDb = Promise.resolve(db);
  await seedContent(db);
});
afterAll(async () => {
  holder.__tradeoffDb = undefined;
  await db?.destroy();
});

describe("limits at the message route", () => {
  it("refuses a turn over the monthly token quota with 429, Retry-After and nothing stored", async () => {
    const { userId, cookie, interviewId } = await candidate("quota@limits.test", { monthlyTokenQuota: 1000 });
    // The interview runs on a model (the quota counts model tokens), and this month's calls used 1,500.
    await db.prisma.interview.update({ where: { id: interviewId }, data: { model: "anthropic:claude-sonnet-4-6" } });
    await db.prisma.llmCall.create({
      data: {
        userId,
        purpose: "interviewer",
        provider: "anthropic",
        model: "claude-sonnet-4-6",
        promptRef: "interviewer@1",
        inputTokens: 1200,
        outputTokens: 300,
        status: "OK",
      },
    });
    const before = await db.prisma.message.count({ where: { interviewId } });
    const { POST } = (await import("@/app/api/interviews/[id]/messages/route")) as { POST: Handler };
    const response = await POST(post(cookie, interviewId, "How many users do we have?"), {
      params: Promise.resolve({ id: interviewId }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("quota_exceeded");
    expect(body.error.message).toMatch(/1,500 of your 1,000/);
    expect(await db.prisma.message.count({ where: { interviewId } })).toBe(before);
  });

  it("rate-limits turns per minute, and the refused turn is not stored", async () => {
    const { cookie, interviewId } = await candidate("rate@limits.test", { requestsPerMinute: 2 });
    const { POST } = (await import("@/app/api/interviews/[id]/messages/route")) as { POST: Handler };
    const statuses: number[] = [];
    for (const content of [
      "First question about scale?",
      "Second question about latency?",
      "Third question about cost?",
    ]) {
      const response = await POST(post(cookie, interviewId, content), { params: Promise.resolve({ id: interviewId }) });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      } else {
        await response.text(); // let the offline reply finish
      }
    }
    expect(statuses).toEqual([200, 200, 429]);
    const contents = (await db.prisma.message.findMany({ where: { interviewId, role: "CANDIDATE" } })).map(
      (m) => m.content,
    );
    expect(contents).not.toContain("Third question about cost?");
  });
});
