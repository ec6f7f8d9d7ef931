// Shared setup for scoring tests: the shipped question bank (read the way the loader reads it) and
// ScoringInputs assembled from transcript fixtures.
import { readdirSync, readFileSync } from "node:fs";
import { validateContent, type ContentBank, type ContentFile } from "@/lib/content/validate";
import type { ScoringInput } from "@/lib/scoring/types";
import {
  conversation,
  graph,
  type BoardSpec,
  type TranscriptFixture,
  type Turn,
} from "../../fixtures/transcripts/builders";

export { conversation, graph, type BoardSpec, type Turn };

let cached: ContentBank | null = null;

export function bank(): ContentBank {
  if (cached) return cached;
  const files: ContentFile[] = ["frameworks", "rubrics", "prompts", "followups"].flatMap((folder) =>
    readdirSync(`content/${folder}`)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => ({ path: `${folder}/${name}`, text: readFileSync(`content/${folder}/${name}`, "utf8") })),
  );
  const result = validateContent(files);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.file}: ${p.message}`).join("\n"));
  cached = result.bank;
  return cached;
}

export function content(promptSlug = "design-chatgpt", frameworkSlug = "seven-step") {
  const b = bank();
  const prompt = b.prompts.find((p) => p.slug === promptSlug);
  const framework = b.frameworks.find((f) => f.slug === frameworkSlug);
  const rubric = b.rubrics.find((r) => r.slug === "genai-default");
  if (!prompt || !framework || !rubric) throw new Error("shipped bank is missing a test prompt, framework or rubric");
  return { prompt, framework, rubric };
}

export function fromFixture(fixture: TranscriptFixture): ScoringInput {
  const { prompt, framework, ...rest } = fixture;
  return { ...content(prompt, framework), ...rest };
}

/** A minimal input around some turns: design-chatgpt, seven-step, senior, 45 minutes, no board. */
export function makeInput(turns: readonly Turn[], overrides: Partial<ScoringInput> = {}): ScoringInput {
  return {
    ...content(),
    level: "senior",
    mode: "interview",
    durationMinutes: 45,
    messages: conversation(turns),
    curveballs: [],
    snapshots: [],
    ...overrides,
  };
}

/** Candidate turns only, one minute apart. */
export function candidateSays(...texts: string[]): Turn[] {
  return texts.map((text, i) => ["candidate", 60 * (i + 1), text] as Turn);
}
