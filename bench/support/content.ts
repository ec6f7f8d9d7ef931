/** The shipped question bank, loaded and validated the way the app loads it. */
import path from "node:path";
import { loadContentBank } from "@/lib/content/load";
import type { ContentBank } from "@/lib/content/validate";
import { getEnv } from "@/lib/env";

let cached: Promise<ContentBank> | undefined;

export function contentBank(): Promise<ContentBank> {
  cached ??= loadContentBank(path.resolve(getEnv().TRADEOFF_CONTENT_DIR));
  return cached;
}

export async function contentFor(promptSlug: string, frameworkSlug: string, rubricSlug = "genai-default") {
  const bank = await contentBank();
  const prompt = bank.prompts.find((p) => p.slug === promptSlug);
  const framework = bank.frameworks.find((f) => f.slug === frameworkSlug);
  const rubric = bank.rubrics.find((r) => r.slug === rubricSlug);
  if (!prompt || !framework || !rubric)
    throw new Error(
      `the question bank has no prompt ${promptSlug}, framework ${frameworkSlug} or rubric ${rubricSlug}`,
    );
  return { bank, prompt, framework, rubric };
}
