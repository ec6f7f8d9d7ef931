/** The content:check command as a user runs it: exit code and the messages it prints. */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
async function contentCheck(dir: string) {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--conditions=react-server", "scripts/content-check.ts", dir], {
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run content:check", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tradeoff-content-"));
    await cp("content", dir, { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("passes on the shipped question bank", async () => {
    const result = await contentCheck("content");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ content OK: 4 frameworks, 1 rubrics, \d+ prompts/);
  });

  it("names the file, line and field of every problem in a broken bank and exits non-zero", async () => {
    const promptFile = path.join(dir, "prompts", "design-chatgpt.yaml");
    const text = await readFile(promptFile, "utf8");
    await writeFile(
      promptFile,
      text.replace(/^difficulty: \w+$/m, "difficulty: impossible").replace(/dimension: (\S+)/, "dimension: vibes"),
    );
    await writeFile(path.join(dir, "frameworks", "broken.yaml"), "kind: framework\nslug: broken\ntitle: [unclosed\n");

    const result = await contentCheck(dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/prompts\/design-chatgpt\.yaml:\d+ difficulty: .*medium.*hard.*expert/);
    expect(result.stderr).toMatch(
      /prompts\/design-chatgpt\.yaml:\d+ probes\[\d+\]\.dimension: unknown rubric dimension "vibes"/,
    );
    expect(result.stderr).toMatch(/frameworks\/broken\.yaml:\d+: YAML syntax/);
    expect(result.stderr).toMatch(/3 problems in/);
  });
});
