/**
 * The four kinds of content, and the names each goes by: the `kind:` field of a file, its folder in
 * content/ (also the URL segment of the admin pages), and the words the UI uses. Pure.
 */
import type { ContentFolder } from "./validate";

export const CONTENT_KIND_LIST = ["prompt", "framework", "rubric", "followups"] as const;
export type ContentKind = (typeof CONTENT_KIND_LIST)[number];

export const KIND_FOLDER: Record<ContentKind, ContentFolder> = {
  prompt: "prompts",
  framework: "frameworks",
  rubric: "rubrics",
  followups: "followups",
};

export const FOLDER_KIND: Record<ContentFolder, ContentKind> = {
  prompts: "prompt",
  frameworks: "framework",
  rubrics: "rubric",
  followups: "followups",
};

export const KIND_LABELS: Record<ContentKind, { one: string; many: string }> = {
  prompt: { one: "prompt", many: "Prompts" },
  framework: { one: "framework", many: "Frameworks" },
  rubric: { one: "rubric", many: "Rubrics" },
  followups: { one: "follow-up bank", many: "Follow-ups" },
};

export function isContentFolder(value: string): value is ContentFolder {
  return Object.hasOwn(FOLDER_KIND, value);
}

/** Where an item lives in content/, e.g. `prompts/design-chatgpt.yaml`. */
export function contentPath(kind: ContentKind, slug: string): string {
  return `${KIND_FOLDER[kind]}/${slug}.yaml`;
}

/** How the audit log and messages name one version: `prompt:design-chatgpt@4`. */
export function versionTarget(kind: ContentKind, slug: string, version?: number): string {
  return `${kind}:${slug}${version === undefined ? "" : `@${version}`}`;
}

/** Reads a target written by versionTarget; null for anything else. */
export function parseVersionTarget(target: string): { kind: ContentKind; slug: string; version?: number } | null {
  const match = /^(prompt|framework|rubric|followups):([a-z0-9-]+)(?:@(\d+))?$/.exec(target);
  if (!match) return null;
  return { kind: match[1] as ContentKind, slug: match[2]!, version: match[3] ? Number(match[3]) : undefined };
}

/** A kind from a URL segment (the folder name, e.g. `prompts`), or null. */
export function kindFromFolder(folder: string): ContentKind | null {
  return isContentFolder(folder) ? FOLDER_KIND[folder] : null;
}
