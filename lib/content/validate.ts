/**
 * Validates a set of content files (already read into memory) and reports every problem at once,
 * each with the file, the field path and the line. Pure: the caller does the file I/O.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { nearDuplicates } from "./similarity";
import {
  followUpBankSchema,
  frameworkSchema,
  promptSchema,
  rubricSchema,
  type FollowUpBankContent,
  type FrameworkContent,
  type PromptContent,
  type RubricContent,
} from "./schema";

export const CONTENT_KINDS = {
  frameworks: { kind: "framework", schema: frameworkSchema },
  rubrics: { kind: "rubric", schema: rubricSchema },
  prompts: { kind: "prompt", schema: promptSchema },
  followups: { kind: "followups", schema: followUpBankSchema },
} as const;
export type ContentFolder = keyof typeof CONTENT_KINDS;

/** The rubric a prompt's probes and curveballs are checked against. */
export const DEFAULT_RUBRIC_SLUG = "genai-default";

export interface ContentFile {
  /** Path relative to the content root, e.g. `prompts/design-chatgpt.yaml`. */
  path: string;
  text: string;
}

export interface ContentProblem {
  file: string;
  /** Field path such as `probes[2].dimension`, or empty for the whole file. */
  field: string;
  line?: number;
  message: string;
}

export interface ContentBank {
  frameworks: FrameworkContent[];
  rubrics: RubricContent[];
  prompts: PromptContent[];
  followups: FollowUpBankContent[];
  /**
   * The text of each valid file, by `folder/slug` (e.g. `prompts/design-chatgpt`), so the import can
   * keep it and an unedited version exports byte for byte. Optional: banks built in code have none.
   */
  sources?: Record<string, string>;
}

export type ContentItem = FrameworkContent | RubricContent | PromptContent | FollowUpBankContent;

export type ValidationResult = { ok: true; bank: ContentBank } | { ok: false; problems: ContentProblem[]; bank: ContentBank };

export function validateContent(files: ContentFile[]): ValidationResult {
  const problems: ContentProblem[] = [];
  const bank: ContentBank = { frameworks: [], rubrics: [], prompts: [], followups: [], sources: {} };
  const documents: ParsedDocument[] = [];

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const folder = file.path.split("/")[0] as ContentFolder;
    if (!Object.hasOwn(CONTENT_KINDS, folder) || !/\.ya?ml$/.test(file.path)) {
      problems.push({ file: file.path, field: "", message: `unexpected file; content lives in ${Object.keys(CONTENT_KINDS).map((f) => `${f}/*.yaml`).join(", ")}` });
      continue;
    }
    const parsed = parseContentFile(folder, file);
    problems.push(...parsed.problems);
    if (parsed.document) documents.push(parsed.document);
    if (!parsed.content) continue;
    const expectedName = `${folder}/${parsed.content.slug}.yaml`;
    if (file.path !== expectedName && file.path !== expectedName.replace(/\.yaml$/, ".yml")) {
      problems.push({ file: file.path, field: "slug", line: lineOf(parsed.document!.root, ["slug"], parsed.document!.lines), message: `slug "${parsed.content.slug}" does not match the file name; rename the file to ${expectedName}` });
      continue;
    }
    (bank[folder] as unknown[]).push(parsed.content);
    bank.sources![`${folder}/${parsed.content.slug}`] = file.text;
  }

  problems.push(...crossFileProblems(bank, documents));

  return problems.length === 0 ? { ok: true, bank } : { ok: false, problems, bank };
}

/** One file: YAML syntax, then the schema of its folder. Every problem has the field path and line. */
function parseContentFile(folder: ContentFolder, file: ContentFile): { problems: ContentProblem[]; document?: ParsedDocument; content?: ContentItem } {
  const problems: ContentProblem[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ file: file.path, field: "", line: error.linePos?.[0]?.line, message: `YAML syntax: ${error.message.split("\n")[0]}` });
    }
    return { problems };
  }
  const raw: unknown = doc.toJS();
  const document: ParsedDocument = { file: file.path, folder, raw, root: doc.contents, lines };
  const parsed = (CONTENT_KINDS[folder].schema as z.ZodType).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: file.path, field: formatPath(issue.path), line: lineOf(doc.contents, issue.path, lines), message: issue.message });
    }
    return { problems, document };
  }
  return { problems, document, content: parsed.data as ContentItem };
}

export type DraftValidation = { ok: true; content: ContentItem; problems: [] } | { ok: false; content?: undefined; problems: ContentProblem[] };

/**
 * Validates one file as the editor saves it, against the rest of the bank (`context`, the latest
 * version of everything else): the same schema and the same cross-file checks as validateContent,
 * plus, for the default rubric, that no prompt or follow-up still names a dimension it drops.
 */
export function validateDraft(folder: ContentFolder, text: string, context: ContentBank): DraftValidation {
  const slugGuess = /^slug:\s*([a-z0-9-]+)\s*$/m.exec(text)?.[1] ?? "draft";
  const file = { path: `${folder}/${slugGuess}.yaml`, text };
  const parsed = parseContentFile(folder, file);
  const problems = [...parsed.problems];
  const content = parsed.content;
  const others = <T extends { slug: string }>(items: T[]) => items.filter((item) => item.slug !== content?.slug);
  const bank: ContentBank = {
    frameworks: others(context.frameworks),
    rubrics: others(context.rubrics),
    prompts: others(context.prompts),
    followups: others(context.followups),
  };
  if (content) (bank[folder] as unknown[]).push(content);

  if (parsed.document) problems.push(...dimensionReferenceProblems(bank, [parsed.document]));
  if (content && folder === "prompts") {
    for (const pair of nearDuplicates(bank.prompts)) {
      if (pair.a !== content.slug && pair.b !== content.slug) continue;
      const other = pair.a === content.slug ? pair.b : pair.a;
      problems.push({ file: file.path, field: "", message: `reads like a near-duplicate of prompts/${other}.yaml (similarity ${pair.similarity}); make it a different problem or merge the two` });
    }
  }
  if (content && folder === "rubrics" && content.slug === DEFAULT_RUBRIC_SLUG) {
    problems.push(...droppedDimensionProblems(file.path, content as RubricContent, bank));
  }
  return problems.length === 0 && content ? { ok: true, content, problems: [] } : { ok: false, problems };
}

/** The default rubric must keep every dimension key a prompt or follow-up bank still names. */
function droppedDimensionProblems(file: string, rubric: RubricContent, bank: ContentBank): ContentProblem[] {
  const keys = new Set(rubric.dimensions.map((d) => d.key));
  const users = new Map<string, string[]>();
  const note = (key: string, where: string) => {
    if (!keys.has(key)) users.set(key, [...(users.get(key) ?? []), where]);
  };
  for (const prompt of bank.prompts) {
    for (const item of [...prompt.probes, ...prompt.curveballs]) note(item.dimension, `prompts/${prompt.slug}.yaml`);
  }
  for (const followUps of bank.followups) {
    for (const q of followUps.questions) note(q.dimension, `followups/${followUps.slug}.yaml`);
  }
  return [...users].map(([key, where]) => {
    const files = [...new Set(where)];
    const shown = files.slice(0, 3).join(", ") + (files.length > 3 ? ` and ${files.length - 3} more` : "");
    return { file, field: "dimensions", message: `dimension "${key}" is still used by ${shown}; keep the key, or change those files first` };
  });
}

/** Checks that span files: references to rubric dimensions (on every parsed file, valid or not), near-duplicate prompts. */
function crossFileProblems(bank: ContentBank, documents: ParsedDocument[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const pair of nearDuplicates(bank.prompts)) {
    problems.push({
      file: `prompts/${pair.b}.yaml`,
      field: "",
      message: `reads like a near-duplicate of prompts/${pair.a}.yaml (similarity ${pair.similarity}); make it a different problem or merge the two`,
    });
  }
  return [...problems, ...dimensionReferenceProblems(bank, documents)];
}

/** Every probe, curveball and follow-up question names a dimension of the default rubric. */
function dimensionReferenceProblems(bank: ContentBank, documents: ParsedDocument[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const rubric = bank.rubrics.find((r) => r.slug === DEFAULT_RUBRIC_SLUG);
  if (!rubric) {
    if (documents.some((d) => d.folder === "prompts")) {
      problems.push({ file: `rubrics/${DEFAULT_RUBRIC_SLUG}.yaml`, field: "", message: "the default rubric is missing or invalid; prompts are checked against it" });
    }
    return problems;
  }
  const dimensions = new Set(rubric.dimensions.map((d) => d.key));
  const listFields: Partial<Record<ContentFolder, string[]>> = { prompts: ["probes", "curveballs"], followups: ["questions"] };
  for (const doc of documents) {
    for (const list of listFields[doc.folder] ?? []) {
      const items = (doc.raw as Record<string, unknown> | null)?.[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        const key = (item as { dimension?: unknown } | null)?.dimension;
        if (typeof key === "string" && !dimensions.has(key)) {
          const path = [list, i, "dimension"];
          problems.push({ file: doc.file, field: formatPath(path), line: lineOf(doc.root, path, doc.lines), message: `unknown rubric dimension "${key}"; expected one of: ${[...dimensions].join(", ")}` });
        }
      });
    }
  }
  return problems;
}

interface ParsedDocument {
  file: string;
  folder: ContentFolder;
  raw: unknown;
  root: YamlNode | null;
  lines: LineCounter;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/** Finds the line of the deepest YAML node that exists along `path`. */
function lineOf(root: YamlNode | null, path: readonly PropertyKey[], lines: LineCounter): number | undefined {
  let node: unknown = root;
  let best: number | undefined = offsetOf(root);
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (!pair) break;
      best = offsetOf(pair.key as YamlNode) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number") {
      node = node.items[part];
      best = offsetOf(node as YamlNode) ?? best;
    } else {
      break;
    }
  }
  return best === undefined ? undefined : lines.linePos(best).line;
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
