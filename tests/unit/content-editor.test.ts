/** The question-bank editor's pure parts: canonical YAML, draft validation, the zip format, upload paths. */
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { getIn, setIn } from "@/components/admin/content/draft";
import { changedFields } from "@/lib/content/hash";
import { parseVersionTarget, versionTarget } from "@/lib/content/kinds";
import { newItemTemplate } from "@/lib/content/templates";
import { normaliseUpload } from "@/lib/content/upload";
import { validateContent, validateDraft, type ContentBank, type ContentFile } from "@/lib/content/validate";
import { canonicalYaml, parseYamlText } from "@/lib/content/yaml";
import { createZip, readZip, ZipError } from "@/lib/content/zip";

function shippedFiles(): ContentFile[] {
  return ["frameworks", "rubrics", "prompts", "followups"].flatMap((folder) =>
    readdirSync(`content/${folder}`)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => ({ path: `${folder}/${name}`, text: readFileSync(`content/${folder}/${name}`, "utf8") })),
  );
}
const files = shippedFiles();
const shipped = validateContent(files);
if (!shipped.ok) throw new Error("the shipped bank must be valid");
const bank: ContentBank = shipped.bank;
const fileText = (path: string) => files.find((f) => f.path === path)!.text;

describe("canonical YAML", () => {
  it("writes every shipped item so that it reads back to exactly the same content", () => {
    const again = validateContent(
      files.map((f) => {
        const [folder, name] = f.path.split("/") as [keyof ContentBank, string];
        const item = (bank[folder] as { slug: string }[]).find((i) => `${i.slug}.yaml` === name);
        return { path: f.path, text: canonicalYaml(folder as "prompts", item) };
      }),
    );
    expect(again.ok).toBe(true);
    expect(JSON.parse(JSON.stringify({ ...again.bank, sources: undefined }))).toEqual(
      JSON.parse(JSON.stringify({ ...bank, sources: undefined })),
    );
  });

  it("orders keys as the schema does and writes short lists inline, like the hand-written files", () => {
    // Key order as JSONB would return it (shortest first), to show the writer does not depend on it.
    const scrambled = Object.fromEntries(Object.entries(bank.prompts[0]!).sort(([a], [b]) => a.length - b.length));
    const text = canonicalYaml("prompts", scrambled);
    const keys = Object.keys(parse(text) as object);
    expect(keys.slice(0, 6)).toEqual(["kind", "slug", "title", "summary", "domain", "difficulty"]);
    expect(text).toMatch(/^tags: \[[a-z0-9-]+(, [a-z0-9-]+)*\]$/m);
    expect(text).toMatch(/^brief: \|/m);
  });

  it("serialises a half-written draft too (the form's state), keeping unknown keys after known ones", () => {
    const text = canonicalYaml("frameworks", { steps: [{ minutes: null, key: "a" }], zzz: 1, kind: "framework" });
    expect(text).toBe("kind: framework\nsteps:\n  - key: a\n    minutes: null\nzzz: 1\n");
  });

  it("reports the line of a YAML syntax error", () => {
    expect(parseYamlText("a: [1, 2\nb: 3\n")).toEqual({ ok: false, message: expect.stringMatching(/^line \d+: /) });
    expect(parseYamlText("a: 1")).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe("draft validation", () => {
  it("accepts an unedited item", () => {
    expect(validateDraft("prompts", fileText("prompts/design-chatgpt.yaml"), bank)).toMatchObject({ ok: true });
    expect(validateDraft("rubrics", fileText("rubrics/genai-default.yaml"), bank)).toMatchObject({ ok: true });
  });

  it("names every problem of an invalid rubric: weights that do not add up to 100, a missing anchor", () => {
    const text = fileText("rubrics/genai-default.yaml")
      .replace(/weight: 12/, "weight: 15")
      .replace(/\n {6}- level: 4\n(?: {8}.*\n| {10}.*\n)+?(?= {4}expectations:)/, "\n");
    const result = validateDraft("rubrics", text, bank);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: "dimensions",
          message: expect.stringMatching(/weights add up to \d+.*must add up to 100/),
        }),
        expect.objectContaining({
          field: "dimensions[0].levels",
          message: expect.stringMatching(/exactly four anchored levels/),
        }),
      ]),
    );
    expect(result.problems.every((p) => typeof p.line === "number")).toBe(true);
  });

  it("refuses a default rubric that drops a dimension prompts still name", () => {
    const rubric = structuredClone(bank.rubrics[0]!);
    const dropped = rubric.dimensions.find((d) => d.key === "evaluation")!;
    rubric.dimensions = rubric.dimensions.filter((d) => d.key !== "evaluation");
    rubric.dimensions[0]!.weight += dropped.weight;
    rubric.redFlags = rubric.redFlags.filter((f) => f.dimension !== "evaluation");
    const result = validateDraft("rubrics", canonicalYaml("rubrics", rubric), bank);
    expect(result.problems).toEqual([
      expect.objectContaining({
        field: "dimensions",
        message: expect.stringMatching(/"evaluation" is still used by prompts\//),
      }),
    ]);
  });

  it("checks a prompt's dimensions against the stored rubric and near-duplicates against the other prompts", () => {
    const copy = fileText("prompts/enterprise-search.yaml")
      .replace(/^slug: .*$/m, "slug: enterprise-search-copy")
      .replace(/dimension: (\S+)/, "dimension: vibes");
    const result = validateDraft("prompts", copy, bank);
    expect(result.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unknown rubric dimension "vibes"/),
        expect.stringMatching(/near-duplicate of prompts\/enterprise-search\.yaml/),
      ]),
    );
  });

  it("starts new items from a template that shows what is still missing", () => {
    const result = validateDraft("prompts", canonicalYaml("prompts", newItemTemplate("prompt")), bank);
    expect(result.ok).toBe(false);
    const fields = result.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(["slug", "title", "brief", "factSheet[0].answer", "probes", "curveballs"]),
    );
  });
});

describe("zip", () => {
  it("reads back what it writes, names in UTF-8", () => {
    const entries = [
      { path: "content/prompts/a.yaml", data: new TextEncoder().encode("kind: prompt\n".repeat(200)) },
      { path: "content/notes/ünïcode.yaml", data: new TextEncoder().encode("x: ✓\n") },
      { path: "content/empty.yaml", data: new Uint8Array() },
    ];
    const read = readZip(createZip(entries, new Date("2026-11-22T10:00:00Z")));
    expect(read.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    expect(read.map((e) => new TextDecoder().decode(e.data))).toEqual(
      entries.map((e) => new TextDecoder().decode(e.data)),
    );
  });

  it("refuses what is not a zip, a truncated one, and one that unpacks beyond the limit", () => {
    expect(() => readZip(new TextEncoder().encode("hello"))).toThrow(ZipError);
    const zip = createZip([{ path: "a.yaml", data: new Uint8Array(100_000) }]);
    expect(() => readZip(zip.slice(0, zip.length - 30))).toThrow(ZipError);
    expect(() => readZip(zip, { maxTotalBytes: 50_000 })).toThrow(/unpacks to more than/);
  });
});

describe("upload paths", () => {
  it("puts files at their content/ path, skips what is not content, and flags duplicates", () => {
    const prompt = fileText("prompts/design-chatgpt.yaml");
    const result = normaliseUpload([
      { path: "content/prompts/design-chatgpt.yaml", text: prompt },
      { path: "my-bank/frameworks/nine-step.yml", text: fileText("frameworks/nine-step.yaml") },
      { path: "pasted.yaml", text: fileText("rubrics/genai-default.yaml") },
      { path: "content/README.md", text: "# hi" },
      { path: "__MACOSX/content/._x.yaml", text: "" },
      { path: "design-chatgpt.yaml", text: prompt },
      { path: "mystery.yaml", text: "title: no kind here" },
    ]);
    expect(result.files.map((f) => f.path)).toEqual([
      "prompts/design-chatgpt.yaml",
      "frameworks/nine-step.yaml",
      "rubrics/genai-default.yaml",
      "prompts/design-chatgpt.yaml",
    ]);
    expect(result.skipped).toEqual(["content/README.md", "__MACOSX/content/._x.yaml"]);
    expect(result.problems).toEqual([
      expect.objectContaining({ file: "mystery.yaml", field: "kind" }),
      expect.objectContaining({ file: "prompts/design-chatgpt.yaml", message: "appears twice in the upload" }),
    ]);
  });
});

describe("small helpers", () => {
  it("lists the top-level fields that changed", () => {
    expect(changedFields({ a: 1, b: [1, { c: 2 }], d: 4 }, { b: [1, { c: 3 }], a: 1, e: 5 })).toEqual(["b", "e", "d"]);
  });

  it("names versions in the audit log and reads the names back", () => {
    expect(versionTarget("prompt", "design-chatgpt", 4)).toBe("prompt:design-chatgpt@4");
    expect(parseVersionTarget("rubric:genai-default@2")).toEqual({ kind: "rubric", slug: "genai-default", version: 2 });
    expect(parseVersionTarget("followups:scalability")).toEqual({
      kind: "followups",
      slug: "scalability",
      version: undefined,
    });
    expect(parseVersionTarget("user:123")).toBeNull();
  });

  it("edits a draft by path without touching the original", () => {
    const draft = { probes: [{ key: "a" }] };
    const next = setIn(draft, ["probes", 1, "key"], "b");
    expect(next).toEqual({ probes: [{ key: "a" }, { key: "b" }] });
    expect(draft).toEqual({ probes: [{ key: "a" }] });
    expect(getIn(next, ["probes", 1, "key"])).toBe("b");
    expect(getIn(next, ["missing", 0])).toBeUndefined();
  });
});
