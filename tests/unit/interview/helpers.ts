// Builders for interviewer-engine tests: the shipped bank, small diagram graphs, transcripts and states.
import { readdirSync, readFileSync } from "node:fs";
import type { DiagramGraph, DiagramNode } from "@/lib/diagram";
import type { FrameworkContent, PromptContent } from "@/lib/content/schema";
import { validateContent, type ContentBank, type ContentFile } from "@/lib/content/validate";
import type { InterviewState, MessageKindKey, MessageRoleKey, TranscriptMessage } from "@/lib/interview";

let cachedBank: ContentBank | null = null;

/** The shipped question bank, validated the way the app loads it. */
export function bank(): ContentBank {
  if (cachedBank) return cachedBank;
  const files: ContentFile[] = ["frameworks", "rubrics", "prompts", "followups"].flatMap((folder) =>
    readdirSync(`content/${folder}`)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => ({ path: `${folder}/${name}`, text: readFileSync(`content/${folder}/${name}`, "utf8") })),
  );
  const result = validateContent(files);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join("\n"));
  cachedBank = result.bank;
  return cachedBank;
}

export function promptNamed(slug: string): PromptContent {
  const prompt = bank().prompts.find((p) => p.slug === slug);
  if (!prompt) throw new Error(`no prompt ${slug}`);
  return prompt;
}

export function frameworkNamed(slug: string): FrameworkContent {
  const framework = bank().frameworks.find((f) => f.slug === slug);
  if (!framework) throw new Error(`no framework ${slug}`);
  return framework;
}

/** A graph of labelled boxes in a row, joined left to right. Element ids come from the labels, so
 * the same label is the same component across snapshots (as it would be in a real drawing). */
export function boardOf(...labels: string[]): DiagramGraph {
  const nodes: DiagramNode[] = labels.map((label, i) => ({
    id: `n${i + 1}`,
    label,
    kind: "shape",
    shape: "rectangle",
    labelSource: "bound",
    labelConfidence: 1,
    zone: null,
    box: { minX: i * 200, minY: 0, maxX: i * 200 + 120, maxY: 60 },
    elementIds: [`box-${label}`, `text-${label}`],
    labelElementIds: [`text-${label}`],
  }));
  const edges = nodes.slice(1).map((node, i) => ({
    id: `e${i + 1}`,
    from: nodes[i]!.id,
    to: node.id,
    direction: "->" as const,
    label: "",
    dashed: false,
    confidence: 1,
    elementIds: [`arrow-${labels[i]}-${node.label}`],
  }));
  return { elementCount: nodes.length * 2 + edges.length, nodes, edges, notes: [], zones: [], unresolvedEdges: 0 };
}

export function message(
  seq: number,
  role: MessageRoleKey,
  atSeconds: number,
  content: string,
  kind: MessageKindKey = "chat",
): TranscriptMessage {
  return { seq, role, kind, content, atSeconds, phase: null };
}

/** A transcript from `[role, minute, text]` rows (seq in order). */
export function transcript(...rows: [MessageRoleKey, number, string, MessageKindKey?][]): TranscriptMessage[] {
  return rows.map(([role, minute, content, kind], i) => message(i + 1, role, minute * 60, content, kind ?? "chat"));
}

export function makeState(overrides: Partial<InterviewState> = {}): InterviewState {
  return {
    prompt: promptNamed("design-chatgpt"),
    framework: frameworkNamed("seven-step"),
    level: "senior",
    mode: "interview",
    durationMinutes: 45,
    elapsedSeconds: 0,
    messages: [],
    curveballsIssued: [],
    nudgesIssued: [],
    diagram: { current: null, atLastInterviewerTurn: null, snapshotSeq: null },
    ...overrides,
  };
}

export const minutes = (m: number): number => m * 60;
