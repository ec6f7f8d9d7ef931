import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash, importContent } from "@/lib/content/import";
import { loadContentBank } from "@/lib/content/load";
import type { ContentBank } from "@/lib/content/validate";
import { createTestDatabase, type TestDatabase } from "../support/db";

describe("content import", () => {
  let db: TestDatabase;
  let bank: ContentBank;
  beforeAll(async () => {
    db = await createTestDatabase();
    bank = await loadContentBank("content");
  });
  afterAll(() => db?.destroy());

  it("imports the default bank as version 1 of everything, with rubric dimensions as rows", async () => {
    const result = await importContent(db.prisma, bank);
    const total = bank.frameworks.length + bank.rubrics.length + bank.prompts.length + bank.followups.length;
    expect(result.unchanged).toBe(0);
    expect(result.created).toHaveLength(total);
    expect(result.created.every((c) => c.version === 1)).toBe(true);

    const rubric = await db.prisma.rubric.findFirstOrThrow({
      where: { slug: "genai-default" },
      include: { dimensions: { orderBy: { position: "asc" } } },
    });
    const source = bank.rubrics.find((r) => r.slug === "genai-default")!;
    expect(rubric.dimensions.map((d) => d.key)).toEqual(source.dimensions.map((d) => d.key));
    expect(rubric.dimensions.reduce((sum, d) => sum + d.weight, 0)).toBeCloseTo(100);
    const prompt = await db.prisma.prompt.findFirstOrThrow({ where: { slug: bank.prompts[0]!.slug } });
    expect(prompt.data).toEqual(JSON.parse(JSON.stringify(bank.prompts[0])));
    expect(prompt.contentHash).toBe(contentHash(bank.prompts[0]));
  });

  it("is a no-op when nothing changed", async () => {
    const before = await db.prisma.prompt.count();
    const result = await importContent(db.prisma, bank);
    expect(result.created).toEqual([]);
    expect(result.unchanged).toBe(
      bank.frameworks.length + bank.rubrics.length + bank.prompts.length + bank.followups.length,
    );
    expect(await db.prisma.prompt.count()).toBe(before);
  });

  it("stores a changed prompt as a new version and never touches the version an interview uses", async () => {
    const original = bank.prompts[0]!;
    const v1 = await db.prisma.prompt.findFirstOrThrow({ where: { slug: original.slug, version: 1 } });
    const user = await db.prisma.user.create({ data: { email: "pinned@example.com", name: "Pinned" } });
    const [framework, rubric] = await Promise.all([
      db.prisma.framework.findFirstOrThrow(),
      db.prisma.rubric.findFirstOrThrow(),
    ]);
    await db.prisma.interview.create({
      data: {
        ownerId: user.id,
        promptId: v1.id,
        frameworkId: framework.id,
        rubricId: rubric.id,
        level: "SENIOR",
        mode: "INTERVIEW",
        model: "offline",
        durationMinutes: 45,
        endsAt: new Date(Date.now() + 45 * 60_000),
      },
    });

    const edited = { ...original, summary: `${original.summary} (edited)` };
    const result = await importContent(db.prisma, { ...bank, prompts: [edited, ...bank.prompts.slice(1)] });
    expect(result.created).toEqual([{ kind: "prompt", slug: original.slug, version: 2 }]);

    const after = await db.prisma.prompt.findFirstOrThrow({ where: { id: v1.id } });
    expect(after).toEqual(v1);
    const v2 = await db.prisma.prompt.findFirstOrThrow({ where: { slug: original.slug, version: 2 } });
    expect(v2.summary).toBe(edited.summary);
    const interview = await db.prisma.interview.findFirstOrThrow({ include: { prompt: true } });
    expect(interview.prompt.version).toBe(1);
  });

  it("rolls back the whole import when any item fails to save", async () => {
    const before = await db.prisma.framework.count();
    const broken = {
      ...bank,
      frameworks: [{ ...bank.frameworks[0]!, title: `${bank.frameworks[0]!.title} v2` }],
      prompts: [{ ...bank.prompts[1]!, title: null as unknown as string }],
    };
    await expect(importContent(db.prisma, broken)).rejects.toThrow();
    expect(await db.prisma.framework.count()).toBe(before);
  });
});
