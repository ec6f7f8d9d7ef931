import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORE_FACT_TOPICS } from "@/lib/content/schema";
import { validateContent, type ContentFile } from "@/lib/content/validate";

/** The shipped bank, read the way the loader reads it. */
function shippedFiles(): ContentFile[] {
  return ["frameworks", "rubrics", "prompts", "followups"].flatMap((folder) =>
    readdirSync(`content/${folder}`)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => ({ path: `${folder}/${name}`, text: readFileSync(`content/${folder}/${name}`, "utf8") })),
  );
}
const replaceIn = (files: ContentFile[], path: string, from: RegExp | string, to: string) =>
  files.map((f) => (f.path === path ? { ...f, text: f.text.replace(from, to) } : f));

describe("content validation", () => {
  it("accepts the shipped bank", () => {
    const result = validateContent(shippedFiles());
    if (!result.ok)
      throw new Error(result.problems.map((p) => `${p.file}:${p.line} ${p.field} ${p.message}`).join("\n"));
    expect(result.bank.frameworks).toHaveLength(4);
    expect(result.bank.rubrics.map((r) => r.slug)).toContain("genai-default");
  });

  it("gives every shipped prompt a fact for each core clarifying question", () => {
    const result = validateContent(shippedFiles());
    for (const prompt of result.bank.prompts) {
      expect(
        prompt.factSheet.map((f) => f.topic),
        prompt.slug,
      ).toEqual(expect.arrayContaining([...CORE_FACT_TOPICS]));
    }
  });

  it("reports every problem at once, each with file, field path and line", () => {
    let files = shippedFiles();
    files = replaceIn(files, "prompts/design-chatgpt.yaml", /^difficulty: \w+$/m, "difficulty: trivial");
    files = replaceIn(files, "rubrics/genai-default.yaml", /weight: \d+/, "weight: 1");
    files = [
      ...files,
      {
        path: "prompts/bad-name.yaml",
        text: files
          .find((f) => f.path === "prompts/design-chatgpt.yaml")!
          .text.replace(/^difficulty: trivial$/m, "difficulty: hard"),
      },
    ];
    const result = validateContent(files);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const summary = result.problems.map((p) => `${p.file}:${p.line} ${p.field}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^prompts\/design-chatgpt\.yaml:\d+ difficulty$/),
        expect.stringMatching(/^rubrics\/genai-default\.yaml:\d+ dimensions$/),
        expect.stringMatching(/^prompts\/bad-name\.yaml:\d+ slug$/),
      ]),
    );
    const weights = result.problems.find((p) => p.file === "rubrics/genai-default.yaml")!;
    expect(weights.message).toMatch(/weights add up to \d+(\.\d+)?; they must add up to 100/);
  });

  it("points at the line of a missing core fact and of a duplicated probe key", () => {
    const files = replaceIn(shippedFiles(), "prompts/design-chatgpt.yaml", /topic: budget/, "topic: money");
    const result = validateContent(files);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const problem = result.problems.find((p) => p.message.includes('core topic "budget"'));
      expect(problem).toMatchObject({ file: "prompts/design-chatgpt.yaml", field: "factSheet" });
      expect(problem!.line).toBeGreaterThan(1);
    }
  });

  it("rejects files outside the known folders and YAML with duplicate keys", () => {
    const result = validateContent([
      { path: "notes/todo.yaml", text: "a: 1" },
      { path: "frameworks/dup.yaml", text: "kind: framework\nslug: dup\nslug: dup2\n" },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]).toMatchObject({ file: "frameworks/dup.yaml", line: 3 });
      expect(result.problems[0]!.message).toMatch(/YAML syntax: .*unique/i);
      expect(result.problems[1]).toMatchObject({ file: "notes/todo.yaml" });
    }
  });
});

describe("content quality checks", () => {
  it("reports a prompt that is a light rewording of another as a near-duplicate", () => {
    const files = shippedFiles();
    const original = files.find((f) => f.path === "prompts/enterprise-search.yaml")!;
    const copy = {
      path: "prompts/company-search-copy.yaml",
      text: original.text
        .replace(/^slug: .*$/m, "slug: company-search-copy")
        .replace(/^title: .*$/m, "title: Design an LLM search for company documents"),
    };
    const result = validateContent([...files, copy]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/near-duplicate of prompts\/.*\.yaml \(similarity 0\.\d+\)/),
        }),
      ]);
    }
  });

  it("requires a number in the answer to every core clarifying question except data sensitivity", () => {
    const files = replaceIn(
      shippedFiles(),
      "prompts/design-chatgpt.yaml",
      /(topic: budget\n\s+answer: )(>-\n(?: {6}.*\n)+|[^\n]+\n)/,
      "$1Plenty, do not worry about it.\n",
    );
    const result = validateContent(files);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        expect.objectContaining({
          file: "prompts/design-chatgpt.yaml",
          message: 'the answer for "budget" has no number; give the interviewer a figure to say',
        }),
      ]);
    }
  });
});
