/** `npm run score` as a user runs it, on interchange files. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
async function score(...args: string[]) {
  try {
    const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "scripts/score.ts", ...args], {
      timeout: 120_000,
      env: { ...process.env, ANTHROPIC_API_KEY: "", OPENAI_API_KEY: "" },
    });
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const turns = [
  "Who are the users, how many daily actives, and what first-token latency do we need?",
  "So 20M DAU × 15 messages = 300M messages/day; 300M / 86,400 ≈ 3.5K requests/s on average.",
  "Client → API gateway → orchestrator → model servers with continuous batching and a paged KV cache, streaming over SSE.",
  "Retrieval with hybrid search and a reranker grounds answers; fine-tuning only later if evals show a gap.",
  "Input moderation before the model, output filtering after it, and PII redaction in logs.",
  "A golden set with regression gates in CI and online thumbs-down rate for evaluation.",
];
const doc = {
  format: "tradeoff-interview",
  version: 1,
  prompt: "design-chatgpt",
  framework: "nine-step",
  level: "senior",
  mode: "interview",
  durationMinutes: 45,
  startedAt: "2026-11-22T10:00:00Z",
  messages: [
    {
      id: "m1",
      role: "interviewer",
      content: "Design a ChatGPT-style service. What would you like to clarify?",
      atSeconds: 0,
    },
    ...turns.flatMap((content, i) => [
      { id: `c${i}`, role: "candidate", content, atSeconds: 60 + i * 300 },
      { id: `i${i}`, role: "interviewer", content: "Go on.", atSeconds: 90 + i * 300 },
    ]),
  ],
};

describe("npm run score", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tradeoff-score-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("scores an interchange file with the offline scorer and prints the report as JSON", async () => {
    const file = path.join(dir, "strong.json");
    await writeFile(file, JSON.stringify(doc));
    const result = await score(file, "--offline", "--json");
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({ version: 1, source: "offline", scorerRef: "offline-scorer@1" });
    expect(body.dimensions).toHaveLength(11);
    expect(body.weightedScore).toBeGreaterThan(1);
    expect(body.findings.estimates.some((e: { ok: boolean }) => e.ok)).toBe(true);

    const text = await score(file, "--offline");
    expect(text.stdout).toMatch(/^# Design a ChatGPT/);
  });

  it("names the JSON path of a malformed file, and unknown prompts, with a non-zero exit", async () => {
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ ...doc, messages: [{ ...doc.messages[0], atSeconds: "later" }] }));
    const malformed = await score(bad);
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toMatch(/messages\[0\]\.atSeconds: /);

    const unknown = path.join(dir, "unknown.json");
    await writeFile(unknown, JSON.stringify({ ...doc, prompt: "design-a-toaster" }));
    const result = await score(unknown, "--offline");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown prompt "design-a-toaster"/);
  });
});
