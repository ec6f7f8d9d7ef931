/**
 * Excalidraw scenes for benchmarks, with every field Excalidraw itself writes (so byte sizes and parse
 * work are realistic): a labelled board from a spec (the scripted interview), and synthetic scenes of
 * any size mixing what real diagrams contain — bound labels, arrows with and without bindings, free
 * text notes, icon groups labelled by nearby text, and frames.
 */

export type RawElement = Record<string, unknown> & { id: string; type: string };

export interface BoardSpec {
  boxes: string[];
  arrows: [from: string, to: string][];
  notes: string[];
}

let seedCounter = 1;

function base(id: string, type: string, x: number, y: number, width: number, height: number): RawElement {
  seedCounter += 1;
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
    index: `a${seedCounter.toString(36)}`,
    roundness: type === "rectangle" ? { type: 3 } : null,
    seed: (seedCounter * 2_654_435_761) % 2 ** 31,
    version: 3,
    versionNonce: (seedCounter * 40_503) % 2 ** 31,
    isDeleted: false,
    boundElements: null,
    updated: 1_763_800_000_000 + seedCounter,
    link: null,
    locked: false,
  };
}

function textElement(
  id: string,
  x: number,
  y: number,
  content: string,
  containerId: string | null,
  extra: Partial<RawElement> = {},
): RawElement {
  const lines = content.split("\n");
  return {
    ...base(id, "text", x, y, Math.max(...lines.map((l) => l.length)) * 9, lines.length * 25),
    text: content,
    fontSize: 20,
    fontFamily: 5,
    textAlign: containerId ? "center" : "left",
    verticalAlign: containerId ? "middle" : "top",
    containerId,
    originalText: content,
    autoResize: true,
    lineHeight: 1.25,
    ...extra,
  };
}

/** A rectangle with its label bound inside (Excalidraw's "double-click a shape and type"). */
function labelledBox(id: string, x: number, y: number, label: string, extra: Partial<RawElement> = {}): RawElement[] {
  const box = { ...base(id, "rectangle", x, y, 180, 80), boundElements: [{ type: "text", id: `${id}-t` }], ...extra };
  const text = textElement(`${id}-t`, x + 10, y + 27, label, id, extra.frameId ? { frameId: extra.frameId } : {});
  return [box, text];
}

function centre(el: RawElement): [number, number] {
  return [(el.x as number) + (el.width as number) / 2, (el.y as number) + (el.height as number) / 2];
}

/** An arrow from `from`'s centre towards `to`; an end without a binding stops short of its shape. */
function arrow(
  id: string,
  from: RawElement,
  to: RawElement,
  bind: { start: boolean; end: boolean },
  extra: Partial<RawElement> = {},
): RawElement {
  const [x1, y1] = centre(from);
  const [tx, ty] = centre(to);
  // An unbound end lands just outside the target, as people draw it when they miss the snap.
  const x2 = bind.end ? tx : tx - Math.sign(tx - x1 || 1) * 110;
  const y2 = bind.end ? ty : ty - Math.sign(ty - y1 || 1) * 50;
  const binding = (elementId: string) => ({ elementId, focus: 0, gap: 8, fixedPoint: null });
  return {
    ...base(id, "arrow", x1, y1, Math.abs(x2 - x1), Math.abs(y2 - y1)),
    points: [
      [0, 0],
      [x2 - x1, y2 - y1],
    ],
    lastCommittedPoint: null,
    startBinding: bind.start ? binding(from.id) : null,
    endBinding: bind.end ? binding(to.id) : null,
    startArrowhead: null,
    endArrowhead: "arrow",
    elbowed: false,
    roundness: { type: 2 },
    ...extra,
  };
}

function addBinding(shape: RawElement, arrowId: string): void {
  const bound = (shape.boundElements as { type: string; id: string }[] | null) ?? [];
  shape.boundElements = [...bound, { type: "arrow", id: arrowId }];
}

/** The scripted interview's board: boxes on a 5-wide grid, bound arrows between them, notes below. */
export function boardElements(spec: BoardSpec): RawElement[] {
  const elements: RawElement[] = [];
  const boxes = new Map<string, RawElement>();
  spec.boxes.forEach((label, i) => {
    const [box, text] = labelledBox(`box-${i}`, (i % 5) * 300, Math.floor(i / 5) * 200, label);
    boxes.set(label, box!);
    elements.push(box!, text!);
  });
  spec.arrows.forEach(([fromLabel, toLabel], i) => {
    const from = boxes.get(fromLabel);
    const to = boxes.get(toLabel);
    if (!from || !to) throw new Error(`arrow ${fromLabel} → ${toLabel}: no such box`);
    const id = `arrow-${i}`;
    elements.push(arrow(id, from, to, { start: true, end: true }));
    addBinding(from, id);
    addBinding(to, id);
  });
  spec.notes.forEach((note, i) => elements.push(textElement(`note-${i}`, 0, 1000 + i * 60, note, null)));
  return elements;
}

const COMPONENTS = [
  "Client",
  "API gateway",
  "Auth service",
  "Orchestrator",
  "Prompt builder",
  "Vector DB",
  "Embedding service",
  "Reranker",
  "LLM inference",
  "Model router",
  "Semantic cache",
  "Guardrails",
  "Output filter",
  "Feature store",
  "Event bus (Kafka)",
  "Eval pipeline",
  "Monitoring",
  "Object storage",
  "Session store",
  "Rate limiter",
];

/**
 * A synthetic scene of exactly `size` live elements. Per component: a box with a bound label and an
 * arrow to a neighbour (one arrow in three has an unbound end); every 10th component a free-text
 * note; every 12th an icon group (two shapes grouped) labelled by free text below it; every 25
 * components sit in a frame. Deterministic for a given size.
 */
export function syntheticScene(size: number): { type: "excalidraw"; version: 2; elements: RawElement[] } {
  seedCounter = 1;
  const elements: RawElement[] = [];
  const boxes: RawElement[] = [];
  const columns = Math.max(4, Math.ceil(Math.sqrt(size / 3)));
  const push = (...items: RawElement[]) => {
    for (const item of items) if (elements.length < size) elements.push(item);
  };
  let frameId: string | null = null;
  for (let i = 0; elements.length < size; i++) {
    const x = (i % columns) * 320;
    const y = Math.floor(i / columns) * 220;
    if (i % 25 === 0 && elements.length + 3 <= size) {
      frameId = `frame-${i / 25}`;
      const frame = { ...base(frameId, "frame", x - 40, y - 40, 25 * 320, 2 * 220), name: `Zone ${i / 25 + 1}` };
      push(frame);
    }
    const label = `${COMPONENTS[i % COMPONENTS.length]} ${Math.floor(i / COMPONENTS.length) + 1}`;
    const [box, text] = labelledBox(`c${i}`, x, y, label, frameId ? { frameId } : {});
    if (elements.length + 2 > size) break;
    push(box!, text!);
    boxes.push(box!);
    const previous = boxes[boxes.length - 2];
    if (previous && elements.length < size) {
      const id = `a${i}`;
      const bound = i % 3 !== 0;
      push(arrow(id, previous, box!, { start: true, end: bound }, i % 7 === 0 ? { strokeStyle: "dashed" } : {}));
      addBinding(previous, id);
      if (bound) addBinding(box!, id);
    }
    if (i % 10 === 9) push(textElement(`note${i}`, x, y + 110, `Note ${i}: p95 < 800 ms, retries with backoff`, null));
    if (i % 12 === 11 && elements.length + 3 <= size) {
      const group = [`g${i}`];
      push(
        { ...base(`icon${i}a`, "ellipse", x + 200, y, 40, 40), groupIds: group },
        { ...base(`icon${i}b`, "rectangle", x + 210, y + 10, 20, 20), groupIds: group },
        textElement(`icon${i}t`, x + 190, y + 50, `Worker ${i}`, null),
      );
    }
  }
  while (elements.length < size) {
    const i = elements.length;
    elements.push(textElement(`fill${i}`, 0, -200 - i * 30, `Filler note ${i}`, null));
  }
  return { type: "excalidraw", version: 2, elements };
}
