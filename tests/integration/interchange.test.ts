import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { exportInterview, importInterview } from "@/lib/interchange/store";
import { parseInterchange } from "@/lib/interchange/schema";
import { endInterview, replyTo, saveBoard, startInterview, submitCandidateMessage } from "@/lib/interview/service";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { boardScene as scene } from "../support/scenes";
import { interviewDepsFor, localUser, seedContent, testClock } from "../support/interview";

describe("interview export and import (interchange format v1)", () => {
  let db: TestDatabase;
  let ownerId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedContent(db);
    ownerId = (await localUser(db)).id;
  });
  afterAll(() => db?.destroy());

  it("round-trips an interview: export → import → export gives the same file", async () => {
    const clock = testClock();
    const deps = interviewDepsFor(db, clock);
    const { id } = await startInterview(deps, ownerId, {
      promptSlug: "enterprise-search",
      frameworkSlug: "seven-step",
      durationMinutes: 30,
      level: "staff",
      mode: "coach",
      model: "offline",
    });
    const say = async (content: string) => {
      clock.advanceSeconds(180);
      const { record, message } = await submitCandidateMessage(deps, ownerId, id, {
        clientId: crypto.randomUUID(),
        content,
      });
      await replyTo(deps, record, message.seq, () => {});
    };
    await say("How many employees, and how many queries per day?");
    clock.advanceSeconds(30);
    await saveBoard(deps, ownerId, id, scene(["Client", "Gateway", "Vector index"]));
    await say("Queries go through the gateway to hybrid retrieval and a reranker.");
    clock.advanceSeconds(6 * 60);
    await say("Permissions are checked at retrieval time.");
    await say("We evaluate with a golden set.");
    await endInterview(deps, ownerId, id);

    const exported = await exportInterview(db.prisma, id, ownerId);
    const text = JSON.stringify(exported);
    const parsed = parseInterchange(text);
    expect(parsed.ok).toBe(true);
    expect(exported.messages.length).toBeGreaterThanOrEqual(9);
    expect(exported.diagramSnapshots).toHaveLength(1);

    const { id: copy } = await importInterview(db.prisma, ownerId, (parsed as { ok: true; doc: typeof exported }).doc);
    expect(copy).not.toBe(id);
    expect(await exportInterview(db.prisma, copy, ownerId)).toEqual(exported);
  });

  it("refuses unknown prompts and invalid scenes, storing nothing", async () => {
    const before = await db.prisma.interview.count();
    const doc = {
      format: "tradeoff-interview" as const,
      version: 1 as const,
      prompt: "design-chatgpt",
      framework: "nine-step",
      level: "senior" as const,
      mode: "interview" as const,
      durationMinutes: 45,
      startedAt: "2026-11-22T10:00:00Z",
      messages: [{ id: "m1", role: "candidate" as const, content: "Hello", atSeconds: 0 }],
    };
    await expect(importInterview(db.prisma, ownerId, { ...doc, prompt: "nope" })).rejects.toThrow(
      /unknown prompt "nope"/,
    );
    const badScene = { ...doc, diagramSnapshots: [{ atSeconds: 10, scene: { elements: [{ id: 5 }] } }] };
    await expect(importInterview(db.prisma, ownerId, badScene)).rejects.toBeInstanceOf(BadRequestError);
    expect(await db.prisma.interview.count()).toBe(before);
    const ok = await importInterview(db.prisma, ownerId, doc);
    await expect(exportInterview(db.prisma, ok.id, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});
