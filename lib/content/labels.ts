/** Display names for the bank's enums, shared by the catalogue, filters and detail pages. */
import type { DIFFICULTIES, DOMAINS } from "./schema";

export type Domain = (typeof DOMAINS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

export const DOMAIN_LABELS: Record<Domain, string> = {
  chat: "Chat & assistants",
  "rag-search": "RAG & search",
  agents: "Agents",
  code: "Code",
  multimodal: "Multimodal",
  training: "Training",
  safety: "Safety",
  pipelines: "Pipelines & platforms",
};

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  medium: "Medium",
  hard: "Hard",
  expert: "Expert",
};

export function domainLabel(domain: string): string {
  return DOMAIN_LABELS[domain as Domain] ?? domain;
}

export function difficultyLabel(difficulty: string): string {
  return DIFFICULTY_LABELS[difficulty as Difficulty] ?? difficulty;
}
