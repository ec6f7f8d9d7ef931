/** Export to and import from the content/ file format: a round trip reproduces the files byte for byte. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveDraft } from "@/lib/content/editor";
import { contentZip, exportContentFiles } from "@/lib/content/export";
import { readContentDir } from "@/lib/content/files";
import { importContent } from "@/lib/content/import";
import { loadContentBank } from "@/lib/content/load";
import { filesFromZip, importUploaded } from "@/lib/content/upload";
import { validateContent, type ContentBank, type ContentFile } from "@/lib/content/validate";
import { canonicalYaml } from "@/lib/content/yaml";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createUser } from "../support/users";

/** Imports files the way content:import does (validate the folder, then import the bank). */
async function importFiles(db: TestDatabase, files: ContentFile[]) {
  const result = validateContent(files);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.file} ${p.field}: ${p.message}`).join("\n"));
  return importContent(db.prisma, result.bank);
}

describe("content export and import round trip", () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let shipped: ContentFile[];
  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    shipped = await readContentDir("content");
  });
  afterAll(async () => {
    await Promise.all([first?.destroy(), second?.destroy()]);
  });

  it("exports exactly the files it imported, byte for byte", async () => {
    await importFiles(first, shipped);
    const exported = await exportContentFiles(first.prisma);
    expect(exported.map((f) => f.path)).toEqual(shipped.map((f) => f.path).sort((a, b) => a.localeCompare(b)));
    for (const file of exported) expect(file.text, file.path).toBe(shipped.find((f) => f.path === file.path)!.text);
  });

  it("exports an edited prompt in canonical form, and a second database reproduces the export exactly", async () => {
    const admin = await createUser(first, "ADMIN");
    const original = shipped.find((f) => f.path === "prompts/design-chatgpt.yaml")!;
    const edited = original.text.replace(/^title: .*$/m, "title: Design a ChatGPT-style chat service (edited)");
    const saved = await saveDraft(first.prisma, admin, "prompt", "design-chatgpt", { text: edited, basedOn: 1 });
    expect(saved).toMatchObject({ ok: true, created: true, version: 2 });

    const exported = await exportContentFiles(first.prisma);
    const changed = exported.filter((f) => f.text !== shipped.find((s) => s.path === f.path)?.text);
    expect(changed.map((f) => f.path)).toEqual(["prompts/design-chatgpt.yaml"]);
    expect(changed[0]!.text).toContain("title: Design a ChatGPT-style chat service (edited)");

    await importFiles(second, exported);
    const again = await exportContentFiles(second.prisma);
    expect(again).toEqual(exported);
    // The canonical form of the edited version reads back to the same content.
    const bank = await loadContentBankFrom(exported);
    expect(
      canonicalYaml(
        "prompts",
        bank.prompts.find((p) => p.slug === "design-chatgpt"),
      ),
    ).toBe(changed[0]!.text);
  });

  it("keeps an editor's version when the unchanged file is imported again, and takes a changed file as newer", async () => {
    const again = await importFiles(first, shipped);
    expect(again.created).toEqual([]);
    expect(again.keptEdits).toEqual([{ kind: "prompt", slug: "design-chatgpt", version: 2 }]);

    const changedFile = shipped.map((f) =>
      f.path === "prompts/design-chatgpt.yaml"
        ? { ...f, text: f.text.replace(/^difficulty: hard$/m, "difficulty: expert") }
        : f,
    );
    const result = await importFiles(first, changedFile);
    expect(result.created).toEqual([{ kind: "prompt", slug: "design-chatgpt", version: 3 }]);
    const v3 = await first.prisma.prompt.findFirstOrThrow({ where: { slug: "design-chatgpt", version: 3 } });
    expect(v3.source).toBe(changedFile.find((f) => f.path === "prompts/design-chatgpt.yaml")!.text);
    const audit = await first.prisma.auditLog.findFirstOrThrow({ where: { target: "prompt:design-chatgpt@3" } });
    expect(audit).toMatchObject({ action: "content.import", actorId: null });
    expect(audit.detail).toMatchObject({ basedOn: 2, changedFields: ["title", "difficulty"] });
  });

  it("fills in the file text of versions stored before texts were kept, without a new version", async () => {
    const db = await createTestDatabase();
    try {
      const bank = await loadContentBank("content");
      await importContent(db.prisma, { ...bank, sources: undefined });
      expect(await db.prisma.prompt.count({ where: { source: { not: null } } })).toBe(0);
      const result = await importContent(db.prisma, bank);
      expect(result.created).toEqual([]);
      expect(await db.prisma.prompt.count({ where: { source: null } })).toBe(0);
      expect(await exportContentFiles(db.prisma)).toEqual([...shipped].sort((a, b) => a.path.localeCompare(b.path)));
    } finally {
      await db.destroy();
    }
  });

  it("does not store a file text that no longer matches an item edited in code", async () => {
    const db = await createTestDatabase();
    try {
      const bank = await loadContentBank("content");
      const edited: ContentBank = {
        ...bank,
        prompts: bank.prompts.map((p, i) => (i === 0 ? { ...p, summary: `${p.summary} (edited)` } : p)),
      };
      await importContent(db.prisma, edited);
      const row = await db.prisma.prompt.findFirstOrThrow({ where: { slug: bank.prompts[0]!.slug } });
      expect(row.source).toBeNull();
      const exported = await exportContentFiles(db.prisma);
      const file = exported.find((f) => f.path === `prompts/${bank.prompts[0]!.slug}.yaml`)!;
      expect(file.text).toContain("(edited)");
    } finally {
      await db.destroy();
    }
  });

  it("packs the export as a zip that unpacks and imports to the same files", async () => {
    const exported = await exportContentFiles(first.prisma);
    const unpacked = filesFromZip(contentZip(exported));
    if (!("files" in unpacked)) throw new Error(unpacked.problem.message);
    expect(unpacked.files.map((f) => f.path)).toEqual(exported.map((f) => `content/${f.path}`));
    expect(unpacked.files.map((f) => f.text)).toEqual(exported.map((f) => f.text));

    const db = await createTestDatabase();
    try {
      await importFiles(
        db,
        shipped.filter((f) => f.path.startsWith("rubrics/")),
      );
      const admin = await createUser(db, "ADMIN");
      const result = await importUploaded(db.prisma, admin, unpacked.files, "upload");
      expect(result).toMatchObject({ ok: true });
      expect(await exportContentFiles(db.prisma)).toEqual(exported);
      const entries = await db.prisma.auditLog.count({ where: { action: "content.import", actorId: admin.id } });
      expect(entries).toBe(exported.length - shipped.filter((f) => f.path.startsWith("rubrics/")).length);
    } finally {
      await db.destroy();
    }
  });

  it("refuses a damaged archive with a message, and imports nothing", async () => {
    const bytes = contentZip(await exportContentFiles(first.prisma));
    const damaged = bytes.slice(0, bytes.length - 40);
    const result = filesFromZip(damaged);
    expect(result).toEqual({ problem: expect.objectContaining({ message: expect.stringMatching(/ZIP|damaged/) }) });
  });
});

async function loadContentBankFrom(files: ContentFile[]): Promise<ContentBank> {
  const result = validateContent(files);
  if (!result.ok) throw new Error("invalid");
  return result.bank;
}
