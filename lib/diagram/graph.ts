// Scene → graph. Deterministic and near-linear: every neighbour search goes through a spatial grid.
//
// Pipeline (see shared/research/tech.md §B3):
//   1. prepare elements (absolute, rotated geometry) and decide group components;
//   2. node candidates = component groups with a visual part + standalone shapes; frames and shapes
//      enclosing ≥2 other candidates become zones;
//   3. labels: bound text → text in the same group → text inside the smallest node → text along an
//      arrow's middle (edge label) → nearest unlabelled node → free texts that arrows bind to become
//      text nodes → topmost leftover text inside an unlabelled zone → everything else is a note;
//   4. edges: arrows/lines; each end resolves through its binding (to the owning node even when the
//      bound element is a group member or a label text), else snaps to the nearest node, else null;
//   5. short ids in reading order.
import { type PreparedElement, CONTAINER_TYPES, FRAME_TYPES, SHAPE_TYPES, prepareElements } from "./elements";
import {
  type Box,
  type Point,
  SpatialGrid,
  boxArea,
  boxCentre,
  boxContainsBox,
  boxContainsPoint,
  boxHeight,
  distanceBoxToBox,
  distancePointToBox,
  distancePointToBoxBorder,
  distancePointToSegment,
  expandBox,
  unionBoxes,
} from "./geometry";
import { analyseGroups } from "./groups";
import type { SceneElement } from "./scene";
import { truncateText } from "./text";
import type {
  DiagramEdge,
  DiagramGraph,
  DiagramNode,
  DiagramNote,
  DiagramZone,
  GraphOptions,
  LabelSource,
} from "./types";

const DEFAULT_SNAP_DISTANCE = 40;
const DEFAULT_LABEL_DISTANCE = 40;
const DEFAULT_EDGE_LABEL_DISTANCE = 20;
// A zone must enclose at least this many other candidates, each clearly smaller than itself.
const MIN_ZONE_CHILDREN = 2;
const ZONE_CHILD_MAX_AREA_RATIO = 0.8;
const CONTAINMENT_TOLERANCE = 1;
// Texts near an arrow's ends are usually captions of the node there, not labels of the arrow.
const EDGE_LABEL_MIN_FRACTION = 0.15;
const EDGE_LABEL_MAX_FRACTION = 0.85;
// Two candidates closer than this to each other in distance are a tie, i.e. ambiguous.
const TIE_EPSILON = 0.5;
const MAX_GRAPH_LABEL_LENGTH = 300;
// Bounds the cost of nested-zone lookups on pathological scenes; real diagrams have a handful.
const MAX_ZONES = 200;

const LABEL_RANK: Record<LabelSource, number> = { bound: 0, text: 0, group: 1, inside: 2, nearest: 3, none: 4 };
const LABEL_CONFIDENCE: Record<LabelSource, number> = {
  bound: 1,
  text: 1,
  group: 0.9,
  inside: 0.85,
  nearest: 0.6,
  none: 0,
};

interface LabelPart {
  text: string;
  source: LabelSource;
  box: Box;
  elementIndices: number[];
}

interface NodeDraft {
  what: "node";
  kind: DiagramNode["kind"];
  shape: string | null;
  /** Structural elements (prepared indices), scene order. */
  members: number[];
  box: Box;
  area: number;
  labels: LabelPart[];
  /** Smallest element id, the last tie-breaker for ordering. */
  key: string;
  id: string;
}

interface ZoneDraft {
  what: "zone";
  kind: DiagramZone["kind"];
  members: number[];
  box: Box;
  area: number;
  labels: LabelPart[];
  key: string;
  id: string;
}

type Target = NodeDraft | ZoneDraft;

interface EdgeDraft {
  element: PreparedElement;
  polyline: Point[];
  labels: LabelPart[];
}

/** A free text, or several texts of a text-only group read as one. */
interface TextUnit {
  text: string;
  box: Box;
  centre: Point;
  elementIndices: number[];
  /** Smallest element id: processing order and tie-breaker. */
  key: string;
  /** An arrow binds to one of its texts. */
  isBindingTarget: boolean;
  assignedTo: "node" | "zone" | "edge" | null;
}

function smallestId(ids: Iterable<string>): string {
  let best: string | null = null;
  for (const id of ids) if (best === null || id < best) best = id;
  return best ?? "";
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tie-breaker independent of element order in the file. */
function byKey(a: { key: string }, b: { key: string }): number {
  return compareIds(a.key, b.key);
}

function readingOrder(a: { box: Box; key: string }, b: { box: Box; key: string }): number {
  return (
    Math.round(a.box.minY) - Math.round(b.box.minY) || Math.round(a.box.minX) - Math.round(b.box.minX) || byKey(a, b)
  );
}

function roundBox(b: Box): Box {
  return { minX: Math.round(b.minX), minY: Math.round(b.minY), maxX: Math.round(b.maxX), maxY: Math.round(b.maxY) };
}

/** Which of `candidates` is smallest by area, ties broken by key, for deterministic picks. */
function smaller<T extends { area: number; key: string }>(a: T | null, b: T): T {
  if (a === null) return b;
  if (b.area !== a.area) return b.area < a.area ? b : a;
  return b.key < a.key ? b : a;
}

/** Tracks the closest of the items offered to it, without allocating per offer. */
class ClosestPicker<T> {
  private best: T | null = null;
  private bestDistance = Infinity;
  private runnerUpDistance = Infinity;

  offer(item: T, distance: number): void {
    if (distance < this.bestDistance) {
      this.runnerUpDistance = this.bestDistance;
      this.bestDistance = distance;
      this.best = item;
    } else if (distance < this.runnerUpDistance) {
      this.runnerUpDistance = distance;
    }
  }

  get offered(): boolean {
    return this.best !== null;
  }

  /** The closest item, or null when none was offered or the runner-up is as close (ambiguous). */
  pick(): { item: T; distance: number } | null {
    if (this.best === null || this.runnerUpDistance - this.bestDistance <= TIE_EPSILON) return null;
    return { item: this.best, distance: this.bestDistance };
  }
}

function gridOf(items: readonly { box: Box }[]): SpatialGrid {
  const grid = new SpatialGrid();
  items.forEach((item, index) => grid.insert(index, item.box));
  return grid;
}

function pointBox(p: Point, radius: number): Box {
  return { minX: p.x - radius, minY: p.y - radius, maxX: p.x + radius, maxY: p.y + radius };
}

/** Smallest zone whose box contains `p`. */
function innermostZone(zones: readonly ZoneDraft[], grid: SpatialGrid, p: Point): ZoneDraft | null {
  const found: { zone: ZoneDraft | null } = { zone: null };
  grid.query(pointBox(p, 0), (index) => {
    const zone = zones[index];
    if (zone && boxContainsPoint(zone.box, p)) found.zone = smaller(found.zone, zone);
  });
  return found.zone;
}

function joinLabels(parts: readonly LabelPart[]): { text: string; source: LabelSource; elementIndices: number[] } {
  if (parts.length === 0) return { text: "", source: "none", elementIndices: [] };
  const sorted = [...parts].sort(
    (a, b) => LABEL_RANK[a.source] - LABEL_RANK[b.source] || a.box.minY - b.box.minY || a.box.minX - b.box.minX,
  );
  const first = sorted[0];
  return {
    text: truncateText(sorted.map((part) => part.text).join(" "), MAX_GRAPH_LABEL_LENGTH),
    source: first ? first.source : "none",
    elementIndices: sorted.flatMap((part) => part.elementIndices),
  };
}

/** Polyline position (0..1 along its length) and distance of the point on it nearest to `p`. */
function nearestOnPolyline(p: Point, polyline: readonly Point[]): { distance: number; fraction: number } {
  let total = 0;
  const lengths: number[] = [];
  for (let i = 1; i < polyline.length; i++) {
    const a = polyline[i - 1];
    const b = polyline[i];
    const length = a && b ? Math.hypot(b.x - a.x, b.y - a.y) : 0;
    lengths.push(length);
    total += length;
  }
  let best = { distance: Infinity, fraction: 0 };
  let walked = 0;
  for (let i = 1; i < polyline.length; i++) {
    const a = polyline[i - 1];
    const b = polyline[i];
    const length = lengths[i - 1] ?? 0;
    if (a && b) {
      const { distance, t } = distancePointToSegment(p, a, b);
      if (distance < best.distance) best = { distance, fraction: total === 0 ? 0.5 : (walked + t * length) / total };
    }
    walked += length;
  }
  return best;
}

/**
 * Builds the diagram graph of a validated scene (see `parseScene`). Pure and deterministic: the
 * same drawing gives the same graph whatever binding schema it was saved with, and the same short
 * ids whatever the order of elements in the file.
 */
export function sceneToGraph(scene: { elements: readonly SceneElement[] }, options: GraphOptions = {}): DiagramGraph {
  const snapDistance = options.snapDistance ?? DEFAULT_SNAP_DISTANCE;
  const labelDistance = options.labelDistance ?? DEFAULT_LABEL_DISTANCE;
  const edgeLabelDistance = options.edgeLabelDistance ?? DEFAULT_EDGE_LABEL_DISTANCE;

  const prepared = prepareElements(scene.elements);
  const indexById = new Map<string, number>();
  // Duplicate ids happen in hand-edited files; the first element keeps the id for lookups.
  for (const p of prepared) if (!indexById.has(p.id)) indexById.set(p.id, p.index);
  const groups = analyseGroups(prepared, indexById);

  // ---- 1. candidates -------------------------------------------------------------------------
  const candidates: NodeDraft[] = [];
  const frames: ZoneDraft[] = [];
  const edgeDrafts: EdgeDraft[] = [];
  const edgeByElement = new Map<number, EdgeDraft>();

  const newNode = (kind: NodeDraft["kind"], shape: string | null, members: number[], box: Box): NodeDraft => ({
    what: "node",
    kind,
    shape,
    members,
    box,
    area: boxArea(box),
    labels: [],
    key: smallestId(members.map((index) => prepared[index]?.id ?? "")),
    id: "",
  });

  for (const [groupId, members] of groups.members) {
    if (!groups.visual.has(groupId)) continue;
    const structural = members.filter((index) => prepared[index]?.type !== "text");
    const box = unionBoxes(members.map((index) => prepared[index]?.box).filter((b): b is Box => b !== undefined));
    candidates.push(newNode("group", null, structural, box));
  }

  for (const p of prepared) {
    const component = groups.componentOf[p.index] ?? null;
    if (component !== null && groups.visual.has(component)) continue; // part of a group node
    if (FRAME_TYPES.has(p.type)) {
      const frame: ZoneDraft = {
        what: "zone",
        kind: "frame",
        members: [p.index],
        box: p.box,
        area: boxArea(p.box),
        labels: [],
        key: p.id,
        id: "",
      };
      const name = typeof p.element.name === "string" ? p.element.name.trim() : "";
      if (name !== "") frame.labels.push({ text: name, source: "bound", box: p.box, elementIndices: [] });
      frames.push(frame);
    } else if (SHAPE_TYPES.has(p.type) || (p.type === "line" && p.closed)) {
      candidates.push(newNode("shape", p.type, [p.index], p.box));
    } else if (p.type === "arrow" || p.type === "line") {
      const edge: EdgeDraft = { element: p, polyline: p.points ?? [], labels: [] };
      edgeDrafts.push(edge);
      edgeByElement.set(p.index, edge);
    }
    // Texts are handled with labels below; freedraw and unknown types outside groups are ignored.
  }

  // ---- 2. zones: frames, and container shapes enclosing ≥2 smaller candidates -----------------
  const candidateGrid = gridOf(candidates);
  const zoneShapes = new Set<NodeDraft>();
  // Largest first, so the cap keeps the outermost containers; beyond it shapes simply stay nodes.
  const containers = candidates
    .filter((c) => c.kind === "shape" && c.shape !== null && CONTAINER_TYPES.has(c.shape))
    .sort((a, b) => b.area - a.area || byKey(a, b));
  for (const candidate of containers) {
    if (zoneShapes.size + frames.length >= MAX_ZONES) break;
    let children = 0;
    candidateGrid.query(candidate.box, (index, box) => {
      const other = candidates[index];
      if (
        other &&
        other !== candidate &&
        other.area < candidate.area * ZONE_CHILD_MAX_AREA_RATIO &&
        boxContainsBox(candidate.box, box, CONTAINMENT_TOLERANCE)
      ) {
        children++;
      }
      return children >= MIN_ZONE_CHILDREN;
    });
    if (children >= MIN_ZONE_CHILDREN) zoneShapes.add(candidate);
  }
  const nodes: NodeDraft[] = candidates.filter((candidate) => !zoneShapes.has(candidate));
  const zones: ZoneDraft[] = [
    ...frames,
    ...[...zoneShapes].map((shape): ZoneDraft => ({
      what: "zone",
      kind: "shape",
      members: shape.members,
      box: shape.box,
      area: shape.area,
      labels: [],
      key: shape.key,
      id: "",
    })),
  ];

  zones.sort(readingOrder);
  zones.forEach((zone, i) => (zone.id = `z${i + 1}`));

  // Owner of every structural element, used to resolve bindings and bound texts.
  const owner: (Target | undefined)[] = [];
  for (const node of nodes) for (const index of node.members) owner[index] = node;
  for (const zone of zones) for (const index of zone.members) owner[index] = zone;

  // ---- 3. labels -------------------------------------------------------------------------------
  const nodeByGroup = new Map<string, NodeDraft>();
  for (const node of nodes) {
    if (node.kind !== "group") continue;
    const first = node.members[0];
    const component = first === undefined ? null : groups.componentOf[first];
    if (component) nodeByGroup.set(component, node);
  }

  // Texts that an arrow binds to are endpoints (captions or text-only components), never arrow labels.
  const bindingTargets = new Set<number>();
  for (const edge of edgeDrafts) {
    for (const binding of [edge.element.element.startBinding, edge.element.element.endBinding]) {
      const index = binding ? indexById.get(binding.elementId) : undefined;
      if (index !== undefined) bindingTargets.add(index);
    }
  }

  const units: TextUnit[] = [];
  const textGroupUnits = new Map<string, PreparedElement[]>();
  const addUnit = (texts: PreparedElement[]): void => {
    const sorted = [...texts].sort(
      (a, b) => a.box.minY - b.box.minY || a.box.minX - b.box.minX || compareIds(a.id, b.id),
    );
    const box = unionBoxes(sorted.map((t) => t.box));
    units.push({
      text: sorted.map((t) => t.text).join(" "),
      box,
      centre: boxCentre(box),
      elementIndices: sorted.map((t) => t.index),
      key: smallestId(sorted.map((t) => t.id)),
      isBindingTarget: sorted.some((t) => bindingTargets.has(t.index)),
      assignedTo: null,
    });
  };

  // Bound and same-group texts first; anything else becomes a free text unit.
  for (const p of prepared) {
    if (p.type !== "text") continue;
    const part = (source: LabelSource): LabelPart => ({ text: p.text, source, box: p.box, elementIndices: [p.index] });
    const containerIndex = p.element.containerId ? indexById.get(p.element.containerId) : undefined;
    if (containerIndex !== undefined && containerIndex !== p.index) {
      const containerOwner = owner[containerIndex];
      const edge = edgeByElement.get(containerIndex);
      if (containerOwner) {
        containerOwner.labels.push(part("bound"));
        continue;
      }
      if (edge) {
        edge.labels.push(part("bound"));
        continue;
      }
    }
    const component = groups.componentOf[p.index] ?? null;
    if (component !== null) {
      const groupNode = nodeByGroup.get(component);
      if (groupNode) {
        groupNode.labels.push(part("group"));
        continue;
      }
      const list = textGroupUnits.get(component);
      if (list) list.push(p);
      else textGroupUnits.set(component, [p]);
      continue;
    }
    addUnit([p]);
  }
  for (const texts of textGroupUnits.values()) addUnit(texts);
  units.sort(byKey);

  // Inside: the smallest node whose box contains the text's centre.
  const nodeGrid = gridOf(nodes);
  for (const unit of units) {
    const found: { node: NodeDraft | null } = { node: null };
    nodeGrid.query(pointBox(unit.centre, 0), (index, box) => {
      const node = nodes[index];
      if (node && boxContainsPoint(box, unit.centre)) found.node = smaller(found.node, node);
    });
    if (found.node) {
      found.node.labels.push({ text: unit.text, source: "inside", box: unit.box, elementIndices: unit.elementIndices });
      unit.assignedTo = "node";
    }
  }

  // Zone titles: a text just under a zone's top edge names the zone, even when an unlabelled
  // node sits close enough below it to look like a caption.
  const zoneGrid = gridOf(zones);
  assignZoneTitles(units, zones, zoneGrid, labelDistance * 2);

  // Edge labels: a free text on the middle part of an arrow that has no bound label.
  const unlabelledEdges = edgeDrafts.filter((edge) => edge.labels.length === 0 && edge.polyline.length >= 2);
  const edgeGrid = gridOf(unlabelledEdges.map((edge) => ({ box: edge.element.box })));
  const edgeLabelCandidates: { unit: TextUnit; edge: EdgeDraft; distance: number }[] = [];
  for (const unit of units) {
    if (unit.assignedTo !== null || unit.isBindingTarget) continue;
    edgeGrid.query(pointBox(unit.centre, edgeLabelDistance), (index) => {
      const edge = unlabelledEdges[index];
      if (!edge) return;
      const { distance, fraction } = nearestOnPolyline(unit.centre, edge.polyline);
      if (distance <= edgeLabelDistance && fraction >= EDGE_LABEL_MIN_FRACTION && fraction <= EDGE_LABEL_MAX_FRACTION) {
        edgeLabelCandidates.push({ unit, edge, distance });
      }
    });
  }
  edgeLabelCandidates.sort(
    (a, b) => a.distance - b.distance || byKey(a.unit, b.unit) || compareIds(a.edge.element.id, b.edge.element.id),
  );
  for (const { unit, edge } of edgeLabelCandidates) {
    if (unit.assignedTo !== null || edge.labels.length > 0) continue;
    edge.labels.push({ text: unit.text, source: "nearest", box: unit.box, elementIndices: unit.elementIndices });
    unit.assignedTo = "edge";
  }

  // Nearest: a caption next to an unlabelled node (icons are usually captioned below or beside).
  const unlabelledNodes = nodes.filter((node) => node.labels.length === 0);
  const unlabelledGrid = gridOf(unlabelledNodes);
  const nearestCandidates: { unit: TextUnit; node: NodeDraft; distance: number }[] = [];
  for (const unit of units) {
    if (unit.assignedTo !== null) continue;
    // Taller (multi-line) captions may sit a little further away.
    const reach = Math.min(Math.max(labelDistance, 1.5 * boxHeight(unit.box)), 3 * labelDistance);
    const picker = new ClosestPicker<NodeDraft>();
    unlabelledGrid.query(expandBox(unit.box, reach), (index, box) => {
      const node = unlabelledNodes[index];
      const distance = distanceBoxToBox(unit.box, box);
      if (node && distance <= reach) picker.offer(node, distance);
    });
    const best = picker.pick();
    if (best) nearestCandidates.push({ unit, node: best.item, distance: best.distance });
  }
  nearestCandidates.sort((a, b) => a.distance - b.distance || byKey(a.unit, b.unit));
  for (const { unit, node } of nearestCandidates) {
    if (unit.assignedTo !== null || node.labels.length > 0) continue;
    node.labels.push({ text: unit.text, source: "nearest", box: unit.box, elementIndices: unit.elementIndices });
    unit.assignedTo = "node";
  }

  // A free text that arrows attach to but that labels nothing is a component drawn as plain text.
  for (const unit of units) {
    if (unit.assignedTo !== null || !unit.isBindingTarget) continue;
    const node = newNode("text", null, [], unit.box);
    node.key = smallestId(unit.elementIndices.map((index) => prepared[index]?.id ?? ""));
    node.labels.push({ text: unit.text, source: "text", box: unit.box, elementIndices: unit.elementIndices });
    nodes.push(node);
    unit.assignedTo = "node";
  }

  // Zones still unnamed take their topmost leftover text.
  assignZoneTitles(units, zones, zoneGrid, Infinity);

  // Label texts now point at what they label, so bindings to them resolve to that node or zone.
  for (const target of [...nodes, ...zones]) {
    for (const part of target.labels) for (const index of part.elementIndices) owner[index] ??= target;
  }

  // ---- 4. short ids (zones got theirs when found) ------------------------------------------
  nodes.sort(readingOrder);
  nodes.forEach((node, i) => (node.id = `n${i + 1}`));

  // ---- 5. edges --------------------------------------------------------------------------------
  const finalNodeGrid = gridOf(nodes);
  const snap = (p: Point): Target | null => {
    // Inside several nested nodes the smallest one is meant; outside, a tie is ambiguous.
    const inside: { node: NodeDraft | null } = { node: null };
    const outside = new ClosestPicker<NodeDraft>();
    finalNodeGrid.query(pointBox(p, snapDistance), (index, box) => {
      const node = nodes[index];
      const distance = distancePointToBox(p, box);
      if (!node || distance > snapDistance) return;
      if (distance === 0) inside.node = smaller(inside.node, node);
      else outside.offer(node, distance);
    });
    if (inside.node) return inside.node;
    if (outside.offered) return outside.pick()?.item ?? null;
    // No node nearby: an end on a zone's outline points at the zone.
    const zone = new ClosestPicker<ZoneDraft>();
    zoneGrid.query(pointBox(p, snapDistance), (index, box) => {
      const candidate = zones[index];
      const distance = distancePointToBoxBorder(p, box);
      if (candidate && distance <= snapDistance) zone.offer(candidate, distance);
    });
    return zone.pick()?.item ?? null;
  };

  type End = { target: Target | null; how: "bound" | "snapped" | "none" };
  const resolveEnd = (bindingId: string | undefined, p: Point | undefined): End => {
    if (bindingId !== undefined) {
      const index = indexById.get(bindingId);
      const target = index === undefined ? undefined : owner[index];
      if (target) return { target, how: "bound" };
      // Dangling binding or a binding to a note: fall back to geometry.
    }
    const snapped = p ? snap(p) : null;
    return snapped ? { target: snapped, how: "snapped" } : { target: null, how: "none" };
  };

  const orderOfTarget = new Map<Target, number>();
  nodes.forEach((node, i) => orderOfTarget.set(node, i));
  zones.forEach((zone, i) => orderOfTarget.set(zone, nodes.length + i));
  const targetOrder = (target: Target | null): number =>
    target === null ? Number.MAX_SAFE_INTEGER : (orderOfTarget.get(target) ?? Number.MAX_SAFE_INTEGER);

  const edges: { draft: EdgeDraft; from: End; to: End; direction: DiagramEdge["direction"] }[] = [];
  for (const draft of edgeDrafts) {
    const element = draft.element.element;
    const polyline = draft.polyline;
    let from = resolveEnd(element.startBinding?.elementId, polyline[0]);
    let to = resolveEnd(element.endBinding?.elementId, polyline[polyline.length - 1]);
    const isArrow = draft.element.type === "arrow";
    // A plain line with no binding is only a connector when both ends land on something.
    if (!isArrow && !element.startBinding && !element.endBinding && (from.target === null || to.target === null))
      continue;
    if (from.target !== null && from.target === to.target) continue; // self-loop: icon strokes, scribbles
    const startHead = element.startArrowhead ?? null;
    // Excalidraw's default arrow has an end arrowhead even when a writer omits the field.
    const endHead = element.endArrowhead === undefined ? (isArrow ? "arrow" : null) : element.endArrowhead;
    let direction: DiagramEdge["direction"] = "--";
    if (startHead && endHead) direction = "<->";
    else if (endHead) direction = "->";
    else if (startHead) {
      direction = "->";
      [from, to] = [to, from];
    }
    edges.push({ draft, from, to, direction });
  }
  edges.sort(
    (a, b) =>
      targetOrder(a.from.target) - targetOrder(b.from.target) ||
      targetOrder(a.to.target) - targetOrder(b.to.target) ||
      compareIds(a.draft.element.id, b.draft.element.id),
  );

  // ---- 6. output -------------------------------------------------------------------------------
  const idsOf = (indices: readonly number[]): string[] =>
    indices.map((index) => prepared[index]?.id).filter((id): id is string => id !== undefined);

  const nodeZone = new Map<NodeDraft, ZoneDraft | null>();
  const nodeIdsByZone = new Map<ZoneDraft, string[]>();
  for (const node of nodes) {
    const zone = innermostZone(zones, zoneGrid, boxCentre(node.box));
    nodeZone.set(node, zone);
    if (!zone) continue;
    const list = nodeIdsByZone.get(zone);
    if (list) list.push(node.id);
    else nodeIdsByZone.set(zone, [node.id]);
  }

  const outNodes: DiagramNode[] = nodes.map((node) => {
    const label = joinLabels(node.labels);
    const labelIds = idsOf(label.elementIndices);
    return {
      id: node.id,
      label: label.text,
      kind: node.kind,
      shape: node.kind === "shape" ? node.shape : null,
      labelSource: label.source,
      labelConfidence: LABEL_CONFIDENCE[label.source],
      zone: nodeZone.get(node)?.id ?? null,
      box: roundBox(node.box),
      elementIds: [...idsOf(node.members), ...labelIds],
      labelElementIds: labelIds,
    };
  });

  const outZones: DiagramZone[] = zones.map((zone) => {
    const label = joinLabels(zone.labels);
    const labelIds = idsOf(label.elementIndices);
    const parent = innermostParentZone(zones, zoneGrid, zone);
    return {
      id: zone.id,
      label: label.text,
      kind: zone.kind,
      parent: parent?.id ?? null,
      nodeIds: nodeIdsByZone.get(zone) ?? [],
      box: roundBox(zone.box),
      elementIds: [...idsOf(zone.members), ...labelIds],
      labelElementIds: labelIds,
    };
  });

  const noteUnits = units.filter((unit) => unit.assignedTo === null);
  noteUnits.sort(readingOrder);
  const outNotes: DiagramNote[] = noteUnits.map((unit, i) => ({
    id: `t${i + 1}`,
    text: truncateText(unit.text, MAX_GRAPH_LABEL_LENGTH),
    zone: innermostZone(zones, zoneGrid, unit.centre)?.id ?? null,
    box: roundBox(unit.box),
    elementIds: idsOf(unit.elementIndices),
  }));

  const outEdges: DiagramEdge[] = edges.map(({ draft, from, to, direction }, i) => {
    const label = joinLabels(draft.labels);
    const strokeStyle = draft.element.element.strokeStyle;
    const confidence =
      from.how === "none" || to.how === "none" ? 0 : from.how === "snapped" || to.how === "snapped" ? 0.75 : 1;
    return {
      id: `e${i + 1}`,
      from: from.target?.id ?? null,
      to: to.target?.id ?? null,
      direction,
      label: label.text,
      dashed: strokeStyle === "dashed" || strokeStyle === "dotted",
      confidence,
      elementIds: [draft.element.id, ...idsOf(label.elementIndices)],
    };
  });

  return {
    elementCount: scene.elements.length,
    nodes: outNodes,
    edges: outEdges,
    notes: outNotes,
    zones: outZones,
    unresolvedEdges: outEdges.filter((edge) => edge.from === null || edge.to === null).length,
  };
}

/**
 * Names each unlabelled zone after the topmost unassigned text whose innermost zone it is and whose
 * top lies within `maxFromTop` of the zone's top edge.
 */
function assignZoneTitles(
  units: readonly TextUnit[],
  zones: readonly ZoneDraft[],
  grid: SpatialGrid,
  maxFromTop: number,
): void {
  const titles = new Map<ZoneDraft, TextUnit>();
  for (const unit of units) {
    if (unit.assignedTo !== null || unit.isBindingTarget) continue;
    const zone = innermostZone(zones, grid, unit.centre);
    if (!zone || zone.labels.length > 0 || unit.box.minY - zone.box.minY > maxFromTop) continue;
    const current = titles.get(zone);
    if (
      !current ||
      unit.box.minY < current.box.minY ||
      (unit.box.minY === current.box.minY && byKey(unit, current) < 0)
    ) {
      titles.set(zone, unit);
    }
  }
  for (const [zone, unit] of titles) {
    zone.labels.push({ text: unit.text, source: "inside", box: unit.box, elementIndices: unit.elementIndices });
    unit.assignedTo = "zone";
  }
}

/** The smallest other zone that encloses `zone`. */
function innermostParentZone(zones: readonly ZoneDraft[], grid: SpatialGrid, zone: ZoneDraft): ZoneDraft | null {
  let best: ZoneDraft | null = null;
  grid.query(zone.box, (index, box) => {
    const other = zones[index];
    if (other && other !== zone && other.area > zone.area && boxContainsBox(box, zone.box, CONTAINMENT_TOLERANCE)) {
      best = smaller(best, other);
    }
  });
  return best;
}

/** The Excalidraw element ids behind a short id (`n3`, `e2`, `z1`, `t4`), for highlighting in the UI. */
export function elementIdsOf(graph: DiagramGraph, shortId: string): string[] {
  const item =
    graph.nodes.find((node) => node.id === shortId) ??
    graph.edges.find((edge) => edge.id === shortId) ??
    graph.zones.find((zone) => zone.id === shortId) ??
    graph.notes.find((note) => note.id === shortId);
  return item ? [...item.elementIds] : [];
}
