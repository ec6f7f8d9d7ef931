// npm run score -- <interview.json> [--offline] [--rubric <slug>] [--json] [--samples N]
// Scores an interchange file (DESIGN.md §8) without the web app: the AI judge when a model is configured
// (ANTHROPIC_API_KEY, OPENAI_API_KEY, …) and --offline is not given, the offline scorer otherwise.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadContentBank } from "@/lib/content/load";
import { DEFAULT_RUBRIC_SLUG } from "@/lib/content/validate";
import { getEnv } from "@/lib/env";
import { parseInterchange } from "@/lib/interchange/schema";
import { scoringInputFromDoc } from "@/lib/interchange/scoring-input";
import { createLlmRegistry, llmConfigFromEnv, type LlmCallRecord } from "@/lib/llm";
import { buildReportBody, computeFindings, scoreOffline } from "@/lib/scoring";
import { judgeDimensions } from "@/lib/scoring/judge";
import { reportToMarkdown } from "@/lib/scoring/markdown";
import { OFFLINE_SCORER_REF } from "@/lib/scoring/pipeline";
import { runCli } from "./cli";

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      offline: { type: "boolean", default: false },
      rubric: { type: "string" },
      json: { type: "boolean", default: false },
      samples: { type: "string", default: "1" },
    },
  });
  const file = positionals[0];
  if (!file)
    throw new Error("usage: npm run score -- <interview.json> [--offline] [--rubric <slug>] [--json] [--samples N]");
  const parsed = parseInterchange(await readFile(file, "utf8"));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  const doc = parsed.doc;

  const env = getEnv();
  const bank = await loadContentBank(path.resolve(env.TRADEOFF_CONTENT_DIR));
  const prompt = bank.prompts.find((p) => p.slug === doc.prompt);
  const framework = bank.frameworks.find((f) => f.slug === doc.framework);
  const rubricSlug = values.rubric ?? doc.rubric ?? DEFAULT_RUBRIC_SLUG;
  const rubric = bank.rubrics.find((r) => r.slug === rubricSlug);
  if (!prompt)
    throw new Error(
      `${file}: prompt: unknown prompt "${doc.prompt}"; known: ${bank.prompts.map((p) => p.slug).join(", ")}`,
    );
  if (!framework)
    throw new Error(
      `${file}: framework: unknown framework "${doc.framework}"; known: ${bank.frameworks.map((f) => f.slug).join(", ")}`,
    );
  if (!rubric) throw new Error(`unknown rubric "${rubricSlug}"; known: ${bank.rubrics.map((r) => r.slug).join(", ")}`);

  const input = scoringInputFromDoc(doc, { prompt, framework, rubric });
  const findings = computeFindings(input);
  const registry = createLlmRegistry(llmConfigFromEnv(env));
  const chain = values.offline ? [] : registry.chainFor(registry.defaultId).filter((p) => p.id !== "offline");

  let body;
  if (chain.length > 0) {
    const calls: LlmCallRecord[] = [];
    const judged = await judgeDimensions(
      input,
      findings,
      { chain, record: async (c) => void calls.push(c), nonce: crypto.randomUUID() },
      { samples: Number(values.samples) },
    );
    if (judged.failures.length > 0) {
      throw new Error(
        `the AI judge could not score ${judged.failures.map((f) => `${f.dimension} (${f.reason})`).join("; ")}. No score was made up; rerun, or use --offline.`,
      );
    }
    body = buildReportBody(input, judged.dimensions, findings, "ai", "judge@1");
  } else {
    body = buildReportBody(input, scoreOffline(input, findings), findings, "offline", OFFLINE_SCORER_REF);
  }
  process.stdout.write(
    values.json ? `${JSON.stringify(body, null, 2)}\n` : `${reportToMarkdown(prompt.title, body)}\n`,
  );
});
