// Per-element preparation: absolute geometry (rotation applied), readable text, and type classes.
import { type Box, type Point, boxCentre, boxFromPoints, boxFromRect, rotateBox, rotatePoint } from "./geometry";
import type { SceneElement } from "./scene";
import { cleanText } from "./text";

/** Single elements that can be a diagram component on their own. */
export const SHAPE_TYPES: ReadonlySet<string> = new Set([
  "rectangle",
  "ellipse",
  "diamond",
  "image",
  "embeddable",
  "iframe",
]);
/** Shapes that may turn out to be zones (containers) rather than components. */
export const CONTAINER_TYPES: ReadonlySet<string> = new Set(["rectangle", "ellipse", "diamond"]);
export const FRAME_TYPES: ReadonlySet<string> = new Set(["frame", "magicframe"]);
export const LINEAR_TYPES: ReadonlySet<string> = new Set(["arrow", "line"]);
/** Members that make a group look like a drawn component (icon) rather than a bundle of texts/arrows. */
export const VISUAL_TYPES: ReadonlySet<string> = new Set([...SHAPE_TYPES, "line", "freedraw"]);

// Below this size (px) a shape is invisible; Excalidraw's own restore drops such elements.
const MIN_VISIBLE_SIZE = 0.5;
// Endpoints this close count as one point when deciding whether a line is a closed polygon.
const CLOSED_LINE_TOLERANCE = 1;

export interface PreparedElement {
  /** Position in the prepared list (also the id used in spatial grids). */
  index: number;
  element: SceneElement;
  id: string;
  type: string;
  /** Axis-aligned bounds after rotation. */
  box: Box;
  /** Absolute, rotated points for arrows, lines and freedraw; null otherwise. */
  points: Point[] | null;
  /** Cleaned text for text elements (`originalText` preferred: it is what the user typed); "" otherwise. */
  text: string;
  /** Group ids, deepest first (Excalidraw order). */
  groupIds: string[];
  /** A line whose ends meet (or flagged `polygon`): a drawn shape, not a connector. */
  closed: boolean;
}

function normaliseAngle(angle: number | undefined): number {
  if (angle === undefined || !Number.isFinite(angle)) return 0;
  const full = Math.PI * 2;
  const a = ((angle % full) + full) % full;
  return a < 1e-9 || full - a < 1e-9 ? 0 : a;
}

function linearGeometry(element: SceneElement, angle: number): { points: Point[]; box: Box } {
  const raw =
    element.points && element.points.length > 0
      ? element.points
      : [[0, 0] as const, [element.width, element.height] as const];
  const local = raw.map((p) => ({ x: element.x + (p[0] ?? 0), y: element.y + (p[1] ?? 0) }));
  // Excalidraw rotates linear elements about the centre of their points' bounds.
  const centre = boxCentre(boxFromPoints(local));
  const points = angle === 0 ? local : local.map((p) => rotatePoint(p, centre, angle));
  return { points, box: boxFromPoints(points) };
}

/**
 * Prepares live elements for graph building. Drops selection boxes, empty texts and invisible
 * shapes; keeps order (which is the scene's z-order).
 */
export function prepareElements(elements: readonly SceneElement[]): PreparedElement[] {
  const prepared: PreparedElement[] = [];
  for (const element of elements) {
    const type = element.type;
    if (type === "selection") continue;
    const angle = normaliseAngle(element.angle);
    let box: Box;
    let points: Point[] | null = null;
    if (LINEAR_TYPES.has(type) || type === "freedraw") {
      ({ points, box } = linearGeometry(element, angle));
    } else {
      box = rotateBox(boxFromRect(element.x, element.y, element.width, element.height), angle);
      if (Math.abs(element.width) < MIN_VISIBLE_SIZE && Math.abs(element.height) < MIN_VISIBLE_SIZE) continue;
    }
    const text = type === "text" ? cleanText(element.originalText ?? element.text ?? "") : "";
    if (type === "text" && text === "") continue;
    let closed = false;
    if (type === "line" && points && points.length >= 3) {
      const first = points[0];
      const last = points[points.length - 1];
      closed =
        element.polygon === true ||
        (first !== undefined &&
          last !== undefined &&
          Math.hypot(first.x - last.x, first.y - last.y) <= CLOSED_LINE_TOLERANCE);
    }
    prepared.push({
      index: prepared.length,
      element,
      id: element.id,
      type,
      box,
      points,
      text,
      groupIds: element.groupIds ?? [],
      closed,
    });
  }
  return prepared;
}
