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
}

export type ValidationResult = { ok: true; bank: ContentBank } | { ok: false; problems: ContentProblem[]; bank: ContentBank };

export function validateContent(files: ContentFile[]): ValidationResult {
  const problems: ContentProblem[] = [];
  const bank: ContentBank = { frameworks: [], rubrics: [], prompts: [], followups: [] };
  const documents: ParsedDocument[] = [];

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const folder = file.path.split("/")[0] as ContentFolder;
    const spec = CONTENT_KINDS[folder];
    if (!spec || !/\.ya?ml$/.test(file.path)) {
      problems.push({ file: file.path, field: "", message: `unexpected file; content lives in ${Object.keys(CONTENT_KINDS).map((f) => `${f}/*.yaml`).join(", ")}` });
      continue;
    }
    const lines = new LineCounter();
    const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push({ file: file.path, field: "", line: error.linePos?.[0]?.line, message: `YAML syntax: ${error.message.split("\n")[0]}` });
      }
      continue;
    }
    const raw: unknown = doc.toJS();
    documents.push({ file: file.path, folder, raw, root: doc.contents, lines });
    const parsed = (spec.schema as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          file: file.path,
          field: formatPath(issue.path),
          line: lineOf(doc.contents, issue.path, lines),
          message: issue.message,
        });
      }
      continue;
    }
    const content = parsed.data as { slug: string };
    const expectedName = `${folder}/${content.slug}.yaml`;
    if (file.path !== expectedName && file.path !== expectedName.replace(/\.yaml$/, ".yml")) {
      problems.push({ file: file.path, field: "slug", line: lineOf(doc.contents, ["slug"], lines), message: `slug "${content.slug}" does not match the file name; rename the file to ${expectedName}` });
      continue;
    }
    (bank[folder] as unknown[]).push(content);
  }

  problems.push(...crossFileProblems(bank, documents));

  return problems.length === 0 ? { ok: true, bank } : { ok: false, problems, bank };
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
