/**
 * The admin question-bank editor against a real database: saving makes version n+1 and never touches
 * a version an interview pinned; stale drafts, invalid rubrics and taken slugs are refused with a
 * clear message and nothing half-saved; archive/unarchive; every change in the audit log; and the
 * route handlers, signed in with real session cookies, enforce the admin role.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFor } from "@/lib/auth/server";
import { saveDraft, setArchived } from "@/lib/content/editor";
import { readContentDir } from "@/lib/content/files";
import { getLatestPrompt, listPromptCards } from "@/lib/content/repository";
import type { ContentFile } from "@/lib/content/validate";
import type { Database } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { seedContent } from "../support/interview";
import { createUser } from "../support/users";

let db: TestDatabase;
let files: ContentFile[];
let admin: Awaited<ReturnType<typeof createUser>>;
const text = (path: string) => files.find((f) => f.path === path)!.text;
const holder = globalThis as typeof globalThis & { __tradeoffDb?: Promise<Database> };

beforeAll(async () => {
  db = await createTestDatabase();
  holder.__tradeoffDb = Promise.resolve(db);
  await seedContent(db);
  files = await readContentDir("content");
  admin = await createUser(db, "ADMIN", "Ada Admin");
});

afterAll(async () => {
  holder.__tradeoffDb = undefined;
  await db?.destroy();
});

async function pinInterview(promptId: string) {
  const owner = await createUser(db, "CANDIDATE");
  const [framework, rubric] = await Promise.all([
    db.prisma.framework.findFirstOrThrow({ where: { slug: "nine-step" } }),
    db.prisma.rubric.findFirstOrThrow({ where: { slug: "genai-default" } }),
  ]);
  return db.prisma.interview.create({
    data: {
      ownerId: owner.id,
      promptId,
      frameworkId: framework.id,
      rubricId: rubric.id,
      level: "SENIOR",
      mode: "INTERVIEW",
      model: "offline",
      durationMinutes: 45,
      endsAt: new Date(Date.now() + 45 * 60_000),
    },
  });
}

const counts = async () => ({
  prompts: await db.prisma.prompt.count(),
  frameworks: await db.prisma.framework.count(),
  rubrics: await db.prisma.rubric.count(),
  dimensions: await db.prisma.rubricDimension.count(),
  audit: await db.prisma.auditLog.count(),
});

describe("saving a draft", () => {
  it("creates version n+1, leaves the pinned version exactly as it was, and writes who, what and when", async () => {
    const v1 = await db.prisma.prompt.findFirstOrThrow({ where: { slug: "design-chatgpt", version: 1 } });
    const interview = await pinInterview(v1.id);
    const edited = text("prompts/design-chatgpt.yaml").replace(
      /^summary: .*$/m,
      "summary: A chat assistant for tens of millions of daily users, streamed from your own GPU fleet.",
    );
    const result = await saveDraft(db.prisma, admin, "prompt", "design-chatgpt", { text: edited, basedOn: 1 });
    expect(result).toEqual({
      ok: true,
      created: true,
      slug: "design-chatgpt",
      version: 2,
      target: "prompt:design-chatgpt@2",
    });

    expect(await db.prisma.prompt.findUniqueOrThrow({ where: { id: v1.id } })).toEqual(v1);
    const v2 = await db.prisma.prompt.findFirstOrThrow({ where: { slug: "design-chatgpt", version: 2 } });
    expect(v2.summary).toMatch(/^A chat assistant for tens of millions/);
    expect(v2.source).toBeNull();
    const pinned = await db.prisma.interview.findUniqueOrThrow({
      where: { id: interview.id },
      include: { prompt: true },
    });
    expect(pinned.prompt.version).toBe(1);
    expect((await getLatestPrompt(db.prisma, "design-chatgpt"))!.version).toBe(2);

    const entry = await db.prisma.auditLog.findFirstOrThrow({ where: { target: "prompt:design-chatgpt@2" } });
    expect(entry).toMatchObject({
      actorId: admin.id,
      action: "content.save",
      detail: { basedOn: 1, changedFields: ["summary"] },
    });
    expect(entry.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("refuses a draft based on an older version, naming both versions, and saves nothing", async () => {
    const before = await counts();
    const stale = saveDraft(db.prisma, admin, "prompt", "design-chatgpt", {
      text: text("prompts/design-chatgpt.yaml").replace(/^difficulty: hard$/m, "difficulty: expert"),
      basedOn: 1,
    });
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(/based on version 1, but version 2 was saved since by Ada Admin/);
    expect(await counts()).toEqual(before);
  });

  it("lets exactly one of two simultaneous saves of the same version win", async () => {
    const base = text("frameworks/five-step-timed.yaml");
    const results = await Promise.allSettled(
      ["A", "B"].map((tag) =>
        saveDraft(db.prisma, admin, "framework", "five-step-timed", {
          text: base.replace(/^title: (.*)$/m, `title: $1 (${tag})`),
          basedOn: 1,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(await db.prisma.framework.count({ where: { slug: "five-step-timed" } })).toBe(2);
  });

  it("saves nothing when nothing changed", async () => {
    const before = await counts();
    const latest = await db.prisma.prompt.findFirstOrThrow({ where: { slug: "design-chatgpt", version: 2 } });
    const { canonicalYaml } = await import("@/lib/content/yaml");
    const result = await saveDraft(db.prisma, admin, "prompt", "design-chatgpt", {
      text: canonicalYaml("prompts", latest.data),
      basedOn: 2,
    });
    expect(result).toMatchObject({ ok: true, created: false, version: 2 });
    expect(await counts()).toEqual(before);
  });

  it("an invalid rubric (weights not adding up to 100, a missing anchor) is refused with every problem; nothing saved", async () => {
    const before = await counts();
    const broken = text("rubrics/genai-default.yaml")
      .replace(/weight: 12/, "weight: 20")
      .replace(/(- level: 3\n\s+label: At the bar\n\s+anchor: )>-\n(?:\s{10}.*\n)+/, "$1\n");
    const result = await saveDraft(db.prisma, admin, "rubric", "genai-default", { text: broken, basedOn: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: "dimensions",
          message: "dimension weights add up to 108; they must add up to 100",
        }),
        expect.objectContaining({ field: "dimensions[0].levels[2].anchor" }),
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it("creates a new slug as version 1; refuses a taken slug and a changed slug inline", async () => {
    const copy = text("frameworks/nine-step.yaml").replace(/^slug: nine-step$/m, "slug: nine-step-copy");
    const created = await saveDraft(db.prisma, admin, "framework", null, { text: copy, basedOn: null });
    expect(created).toMatchObject({ ok: true, created: true, slug: "nine-step-copy", version: 1 });
    expect(await db.prisma.auditLog.findFirst({ where: { target: "framework:nine-step-copy@1" } })).toMatchObject({
      action: "content.create",
      actorId: admin.id,
    });

    const before = await counts();
    const taken = await saveDraft(db.prisma, admin, "framework", null, {
      text: text("frameworks/nine-step.yaml"),
      basedOn: null,
    });
    expect(taken).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ field: "slug", message: expect.stringMatching(/"nine-step" already exists/) }),
      ],
    });
    const renamed = await saveDraft(db.prisma, admin, "framework", "nine-step", { text: copy, basedOn: 1 });
    expect(renamed).toEqual({
      ok: false,
      problems: [expect.objectContaining({ field: "slug", message: expect.stringMatching(/cannot change/) })],
    });
    const copyOfPrompt = text("prompts/enterprise-search.yaml").replace(/^slug: .*$/m, "slug: enterprise-search-2");
    const duplicate = await saveDraft(db.prisma, admin, "prompt", null, { text: copyOfPrompt, basedOn: null });
    expect(duplicate.ok).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("writes nothing at all when the audit entry cannot be written (one transaction)", async () => {
    const before = await counts();
    const ghost = { id: crypto.randomUUID() }; // no such user: the audit row's foreign key fails after the insert
    const edited = text("frameworks/five-stage.yaml").replace(/^title: .*$/m, "title: Five stages, edited");
    await expect(
      saveDraft(db.prisma, ghost, "framework", "five-stage", { text: edited, basedOn: 1 }),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("says which slug does not exist", async () => {
    await expect(
      saveDraft(db.prisma, admin, "prompt", "no-such-prompt", { text: "kind: prompt", basedOn: 1 }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe("archive and unarchive", () => {
  it("hides an item from the catalogue, keeps pinned interviews working, and logs both changes", async () => {
    const v1 = await db.prisma.prompt.findFirstOrThrow({ where: { slug: "text-to-video", version: 1 } });
    const interview = await pinInterview(v1.id);
    expect(await setArchived(db.prisma, admin, "prompt", "text-to-video", true)).toEqual({ changed: true, version: 1 });
    expect((await listPromptCards(db.prisma)).map((c) => c.slug)).not.toContain("text-to-video");
    expect(await getLatestPrompt(db.prisma, "text-to-video")).toBeNull();
    const pinned = await db.prisma.interview.findUniqueOrThrow({
      where: { id: interview.id },
      include: { prompt: true },
    });
    expect(pinned.prompt.slug).toBe("text-to-video");

    // A version saved while archived stays archived: editing is not publishing.
    const edited = text("prompts/text-to-video.yaml").replace(/^difficulty: \w+$/m, "difficulty: medium");
    expect(await saveDraft(db.prisma, admin, "prompt", "text-to-video", { text: edited, basedOn: 1 })).toMatchObject({
      version: 2,
    });
    expect((await db.prisma.prompt.findFirstOrThrow({ where: { slug: "text-to-video", version: 2 } })).archived).toBe(
      true,
    );

    expect(await setArchived(db.prisma, admin, "prompt", "text-to-video", false)).toEqual({
      changed: true,
      version: 2,
    });
    expect((await listPromptCards(db.prisma)).map((c) => c.slug)).toContain("text-to-video");
    expect(await setArchived(db.prisma, admin, "prompt", "text-to-video", false)).toEqual({
      changed: false,
      version: 2,
    });
    const actions = await db.prisma.auditLog.findMany({
      where: { target: { startsWith: "prompt:text-to-video" } },
      orderBy: { createdAt: "asc" },
      select: { action: true, target: true, actorId: true },
    });
    expect(actions.filter((a) => a.actorId === admin.id)).toEqual([
      { action: "content.archive", target: "prompt:text-to-video@1", actorId: admin.id },
      { action: "content.save", target: "prompt:text-to-video@2", actorId: admin.id },
      { action: "content.unarchive", target: "prompt:text-to-video@2", actorId: admin.id },
    ]);
  });

  it("refuses to archive the default rubric, which every new interview is scored with", async () => {
    await expect(setArchived(db.prisma, admin, "rubric", "genai-default", true)).rejects.toThrow(/default rubric/);
  });
});

describe("admin content routes", () => {
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    const auth = await authFor(db);
    for (const [who, role] of [
      ["admin", "ADMIN"],
      ["coach", "COACH"],
      ["candidate", "CANDIDATE"],
    ] as const) {
      const { headers, response } = await auth.api.signUpEmail({
        body: { email: `${who}@content.test`, password: "content-password-42", name: who },
        returnHeaders: true,
      });
      await db.prisma.user.update({ where: { id: response.user.id }, data: { role } });
      cookies.set(
        who,
        headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
      );
    }
  });

  const request = (who: string | null, method: string, path: string, body?: unknown) =>
    new Request(`http://tradeoff.test${path}`, {
      method,
      headers: {
        ...(who ? { cookie: cookies.get(who)! } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const routes = {
    check: () => import("@/app/api/admin/content/check/route"),
    create: () => import("@/app/api/admin/content/[kind]/route"),
    item: () => import("@/app/api/admin/content/[kind]/[slug]/route"),
    archive: () => import("@/app/api/admin/content/[kind]/[slug]/archive/route"),
    exportZip: () => import("@/app/api/admin/content/export/route"),
    importFiles: () => import("@/app/api/admin/content/import/route"),
  };
  const params = (kind: string, slug?: string) => ({ params: Promise.resolve({ kind, slug: slug! }) });

  it("refuses every content route to non-admins (403) and to signed-out callers (401), changing nothing", async () => {
    const before = await counts();
    const draft = { text: text("frameworks/seven-step.yaml"), basedOn: 1 };
    for (const who of [null, "candidate", "coach"]) {
      const expected = who === null ? 401 : 403;
      const responses = [
        await (
          await routes.check()
        ).POST(request(who, "POST", "/api/admin/content/check", { ...draft, kind: "frameworks", slug: "seven-step" })),
        await (
          await routes.create()
        ).POST(
          request(who, "POST", "/api/admin/content/frameworks", { ...draft, basedOn: null }),
          params("frameworks"),
        ),
        await (
          await routes.item()
        ).POST(
          request(who, "POST", "/api/admin/content/frameworks/seven-step", draft),
          params("frameworks", "seven-step"),
        ),
        await (
          await routes.item()
        ).GET(request(who, "GET", "/api/admin/content/frameworks/seven-step"), params("frameworks", "seven-step")),
        await (
          await routes.archive()
        ).POST(
          request(who, "POST", "/api/admin/content/frameworks/seven-step/archive", { archived: true }),
          params("frameworks", "seven-step"),
        ),
        await (await routes.exportZip()).GET(request(who, "GET", "/api/admin/content/export")),
        await (
          await routes.importFiles()
        ).POST(request(who, "POST", "/api/admin/content/import", { source: "folder" })),
      ];
      expect(
        responses.map((r) => r.status),
        String(who),
      ).toEqual(responses.map(() => expected));
      for (const r of responses) expect(await r.text()).not.toContain("seven-step");
    }
    expect(await counts()).toEqual(before);
  });

  it("saves through the route: 422 with every problem, 409 when stale, 201 with the new version", async () => {
    const { POST } = await routes.item();
    const bad = await POST(
      request("admin", "POST", "/api/admin/content/frameworks/seven-step", {
        text: text("frameworks/seven-step.yaml").replace(/minutes: (\d+)/, (_, m) => `minutes: ${Number(m) + 7}`),
        basedOn: 1,
      }),
      params("frameworks", "seven-step"),
    );
    expect(bad.status).toBe(422);
    const badBody = (await bad.json()) as {
      error: { code: string; message: string; problems: { field: string; message: string }[] };
    };
    expect(badBody.error.code).toBe("invalid_content");
    expect(badBody.error.message).toMatch(/nothing was saved/);
    expect(badBody.error.problems).toEqual([
      expect.objectContaining({ field: "steps", message: expect.stringMatching(/step minutes add up to/) }),
    ]);

    const edited = text("frameworks/seven-step.yaml").replace(/^title: .*$/m, "title: Seven steps, revised");
    const ok = await POST(
      request("admin", "POST", "/api/admin/content/frameworks/seven-step", { text: edited, basedOn: 1 }),
      params("frameworks", "seven-step"),
    );
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ version: 2, url: "/admin/content/frameworks/seven-step" });

    const stale = await POST(
      request("admin", "POST", "/api/admin/content/frameworks/seven-step", { text: edited, basedOn: 1 }),
      params("frameworks", "seven-step"),
    );
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { message: string } }).error.message).toMatch(
      /based on version 1, but version 2/,
    );

    const file = await (
      await routes.item()
    ).GET(
      request("admin", "GET", "/api/admin/content/frameworks/seven-step?version=1"),
      params("frameworks", "seven-step"),
    );
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(text("frameworks/seven-step.yaml"));
  });

  it("checks a draft without saving it", async () => {
    const before = await counts();
    const { POST } = await routes.check();
    const response = await POST(
      request("admin", "POST", "/api/admin/content/check", {
        kind: "prompts",
        slug: "design-chatgpt",
        basedOn: 1,
        text: text("prompts/design-chatgpt.yaml").replace(/^domain: chat$/m, "domain: vibes"),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      latestVersion: 2,
      problems: [expect.objectContaining({ field: "domain", line: expect.any(Number) })],
    });
    expect(await counts()).toEqual(before);
  });

  it("imports pasted YAML as a new version, and refuses an invalid file without importing anything", async () => {
    const { POST } = await routes.importFiles();
    const pasted = text("followups/scalability.yaml").replace(/^title: .*$/m, "title: Scale, revisited");
    const ok = await POST(
      request("admin", "POST", "/api/admin/content/import", {
        source: "files",
        files: [{ path: "pasted.yaml", text: pasted }],
      }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ok: true,
      result: { created: [{ kind: "followups", slug: "scalability", version: 2 }] },
    });
    const stored = await db.prisma.followUpBank.findFirstOrThrow({ where: { slug: "scalability", version: 2 } });
    expect(stored.source).toBe(pasted);

    const before = await counts();
    const bad = await POST(
      request("admin", "POST", "/api/admin/content/import", {
        source: "files",
        files: [
          {
            path: "frameworks/five-step-timed.yaml",
            text: text("frameworks/five-step-timed.yaml").replace(/^title: .*$/m, "title: Changed"),
          },
          {
            path: "prompts/design-chatgpt.yaml",
            text: text("prompts/design-chatgpt.yaml").replace(/dimension: (\S+)/, "dimension: vibes"),
          },
        ],
      }),
    );
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error: {
        problems: [
          expect.objectContaining({ file: "prompts/design-chatgpt.yaml", message: expect.stringMatching(/"vibes"/) }),
        ],
      },
    });
    expect(await counts()).toEqual(before);
  });

  it("exports a zip holding the content/ layout", async () => {
    const response = await (await routes.exportZip()).GET(request("admin", "GET", "/api/admin/content/export"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const { readZip } = await import("@/lib/content/zip");
    const entries = readZip(new Uint8Array(await response.arrayBuffer()));
    expect(entries.map((e) => e.path)).toEqual(
      expect.arrayContaining(["content/prompts/design-chatgpt.yaml", "content/rubrics/genai-default.yaml"]),
    );
    const rubric = entries.find((e) => e.path === "content/rubrics/genai-default.yaml")!;
    expect(new TextDecoder().decode(rubric.data)).toBe(text("rubrics/genai-default.yaml"));
  });
});
