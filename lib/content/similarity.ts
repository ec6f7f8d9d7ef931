/**
 * Finds prompts that are the same question in different words: TF-IDF cosine similarity over each
 * prompt's candidate-facing text and the topics it probes. Pure, so content:check and tests share it.
 */
import type { PromptContent } from "./schema";

export interface SimilarPair {
  a: string;
  b: string;
  similarity: number;
}

/** Pairs at or above this are reported as near-duplicates (the most similar distinct prompts in the bank score well below). */
export const NEAR_DUPLICATE_THRESHOLD = 0.6;

const STOP = new Set("a an and are as at be by design for from how in is it of on or our that the this to we what when which with you your".split(" "));

function terms(prompt: PromptContent): string[] {
  const text = [prompt.title, prompt.summary, prompt.brief, ...prompt.probes.map((p) => p.topic), ...prompt.curveballs.map((c) => c.title)].join(" ");
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !STOP.has(w));
}

export function promptSimilarities(prompts: readonly PromptContent[]): SimilarPair[] {
  const docs = prompts.map(terms);
  const documentFrequency = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const vectors = docs.map((doc) => {
    const counts = new Map<string, number>();
    for (const term of doc) counts.set(term, (counts.get(term) ?? 0) + 1);
    const vector = new Map<string, number>();
    for (const [term, count] of counts) vector.set(term, count * Math.log((1 + docs.length) / (1 + documentFrequency.get(term)!)));
    return vector;
  });
  const norms = vectors.map((v) => Math.sqrt([...v.values()].reduce((sum, x) => sum + x * x, 0)) || 1);
  const pairs: SimilarPair[] = [];
  for (let i = 0; i < prompts.length; i++) {
    for (let j = i + 1; j < prompts.length; j++) {
      let dot = 0;
      for (const [term, weight] of vectors[i]!) dot += weight * (vectors[j]!.get(term) ?? 0);
      pairs.push({ a: prompts[i]!.slug, b: prompts[j]!.slug, similarity: Math.round((dot / (norms[i]! * norms[j]!)) * 1000) / 1000 });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

export function nearDuplicates(prompts: readonly PromptContent[], threshold = NEAR_DUPLICATE_THRESHOLD): SimilarPair[] {
  return promptSimilarities(prompts).filter((p) => p.similarity >= threshold);
}
