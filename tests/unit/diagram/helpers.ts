// Small builders for Excalidraw scene fixtures, so tests read as drawings rather than JSON blobs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parseScene, sceneToGraph, type DiagramGraph, type GraphOptions, type Scene } from "@/lib/diagram";

export type RawElement = Record<string, unknown> & { id: string; type: string };

let seed = 1;

function base(id: string, type: string, x: number, y: number, width: number, height: number): RawElement {
  seed += 1;
  return {
    id,
    type,
    x,
    y,
    width,
    height,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "transparent",
    fillStyle: "solid",
    strokeWidth: 2,
    strokeStyle: "solid",
    roughness: 1,
    opacity: 100,
    groupIds: [],
    frameId: null,
    roundness: null,
    seed,
    version: 1,
    versionNonce: seed * 7,
    isDeleted: false,
    boundElements: null,
    updated: 1_700_000_000_000 + seed,
    link: null,
    locked: false,
  };
}

export function rect(
  id: string,
  x: number,
  y: number,
  width = 120,
  height = 60,
  extra: Partial<RawElement> = {},
): RawElement {
  return { ...base(id, "rectangle", x, y, width, height), ...extra };
}

export function ellipse(
  id: string,
  x: number,
  y: number,
  width = 80,
  height = 80,
  extra: Partial<RawElement> = {},
): RawElement {
  return { ...base(id, "ellipse", x, y, width, height), ...extra };
}

export function frame(
  id: string,
  x: number,
  y: number,
  width: number,
  height: number,
  name: string | null,
): RawElement {
  return { ...base(id, "frame", x, y, width, height), name };
}

/** Free text with a width guessed from its length (8 px per character, 20 px per line). */
export function text(id: string, x: number, y: number, content: string, extra: Partial<RawElement> = {}): RawElement {
  const lines = content.split("\n");
  const width = Math.max(...lines.map((line) => line.length)) * 8;
  return {
    ...base(id, "text", x, y, width, lines.length * 20),
    text: content,
    originalText: content,
    fontSize: 16,
    fontFamily: 5,
    textAlign: "left",
    verticalAlign: "top",
    containerId: null,
    lineHeight: 1.25,
    ...extra,
  };
}

/** Text bound to `container` (centred in it) and the container's back-reference. */
export function boundText(id: string, container: RawElement, content: string): RawElement {
  const boundElements = (container.boundElements as { id: string; type: string }[] | null) ?? [];
  container.boundElements = [...boundElements, { id, type: "text" }];
  const width = content.length * 8;
  const cx = (container.x as number) + (container.width as number) / 2;
  const cy = (container.y as number) + (container.height as number) / 2;
  return text(id, cx - width / 2, cy - 10, content, {
    containerId: container.id,
    textAlign: "center",
    verticalAlign: "middle",
  });
}

export interface ArrowOptions {
  start?: string;
  end?: string;
  type?: "arrow" | "line";
  startArrowhead?: string | null;
  endArrowhead?: string | null;
  strokeStyle?: string;
  groupIds?: string[];
}

/** Arrow from `from` to `to` (absolute points), optionally bound, with the classic `{focus, gap}` binding shape. */
export function arrow(
  id: string,
  from: [number, number],
  to: [number, number],
  options: ArrowOptions = {},
): RawElement {
  const type = options.type ?? "arrow";
  const binding = (elementId: string | undefined) => (elementId ? { elementId, focus: 0, gap: 4 } : null);
  return {
    ...base(id, type, from[0], from[1], Math.abs(to[0] - from[0]), Math.abs(to[1] - from[1])),
    points: [
      [0, 0],
      [to[0] - from[0], to[1] - from[1]],
    ],
    startBinding: binding(options.start),
    endBinding: binding(options.end),
    startArrowhead: options.startArrowhead ?? null,
    endArrowhead: options.endArrowhead === undefined ? (type === "arrow" ? "arrow" : null) : options.endArrowhead,
    strokeStyle: options.strokeStyle ?? "solid",
    groupIds: options.groupIds ?? [],
    lastCommittedPoint: null,
  };
}

/** Puts elements in a group (appended as the outermost level, as Excalidraw does when grouping). */
export function grouped(groupId: string, ...elements: RawElement[]): RawElement[] {
  for (const element of elements) element.groupIds = [...((element.groupIds as string[]) ?? []), groupId];
  return elements;
}

export function sceneJson(elements: RawElement[]): Record<string, unknown> {
  return {
    type: "excalidraw",
    version: 2,
    source: "https://excalidraw.com",
    elements,
    appState: { gridSize: 20 },
    files: {},
  };
}

export function parsed(elements: RawElement[]): Scene {
  const result = parseScene(sceneJson(elements));
  if (!result.ok) throw new Error(`fixture did not parse: ${result.error.message}`);
  return result.scene;
}

export function graphOf(elements: RawElement[], options?: GraphOptions): DiagramGraph {
  return sceneToGraph(parsed(elements), options);
}

/** Node (by label) lookup that fails loudly, keeping assertions short. */
export function nodeLabelled(graph: DiagramGraph, label: string) {
  const node = graph.nodes.find((n) => n.label === label);
  if (!node)
    throw new Error(
      `no node labelled ${JSON.stringify(label)}; have ${graph.nodes.map((n) => JSON.stringify(n.label)).join(", ")}`,
    );
  return node;
}

// ---- the real-world corpus (read-only, outside the repo) ------------------------------------------

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const CORPUS_DIR = join(repoRoot, "../shared/excalidraw-corpus");
export const corpusAvailable = existsSync(CORPUS_DIR);
export const CORPUS_SKIP_MESSAGE = `Excalidraw corpus not found at ${CORPUS_DIR}; corpus tests skipped.`;

export function corpusFiles(): string[] {
  return corpusAvailable
    ? readdirSync(CORPUS_DIR)
        .filter((name) => name.endsWith(".excalidraw"))
        .sort()
    : [];
}

export function readCorpus(name: string): string {
  return readFileSync(join(CORPUS_DIR, name), "utf8");
}
