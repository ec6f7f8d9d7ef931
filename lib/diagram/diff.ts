// What changed between two snapshots of a diagram, for the interviewer ("You added a vector DB…").
// Items are matched through their underlying Excalidraw element ids: short ids are assigned in
// reading order and shift when something is added above.
import { quoteSafe } from "./text";
import type { DiagramEdge, DiagramGraph, DiagramNode, DiagramZone } from "./types";

export interface EdgeChange {
  /** Short id in the graph the edge comes from (`after` for added, `before` for removed). */
  id: string;
  from: string | null;
  to: string | null;
  /** Labels of the endpoints ("" when unlabelled or unresolved). */
  fromLabel: string;
  toLabel: string;
  direction: DiagramEdge["direction"];
  label: string;
}

export interface GraphDiff {
  /** Nodes of `after` with no counterpart in `before`. */
  addedNodes: DiagramNode[];
  /** Nodes of `before` with no counterpart in `after`. */
  removedNodes: DiagramNode[];
  relabelledNodes: { before: DiagramNode; after: DiagramNode }[];
  addedZones: DiagramZone[];
  removedZones: DiagramZone[];
  addedEdges: EdgeChange[];
  removedEdges: EdgeChange[];
}

type Matchable = { id: string; elementIds: string[]; labelElementIds: string[] };

/** The elements that make the item what it is; label texts only count for text-only nodes. */
function identityIds(item: Matchable): string[] {
  const labelIds = new Set(item.labelElementIds);
  const structural = item.elementIds.filter((id) => !labelIds.has(id));
  return structural.length > 0 ? structural : item.elementIds;
}

/**
 * One-to-one matching by shared element ids, most shared first. Returns before-id → after-item.
 * Grouping or ungrouping changes which elements form a node; the largest overlap wins.
 */
function matchByElements<T extends Matchable>(before: readonly T[], after: readonly T[]): Map<string, T> {
  const afterByElement = new Map<string, number>();
  after.forEach((item, index) => {
    for (const id of identityIds(item)) if (!afterByElement.has(id)) afterByElement.set(id, index);
  });
  const pairs: { b: number; a: number; shared: number }[] = [];
  before.forEach((item, b) => {
    const shared = new Map<number, number>();
    for (const id of identityIds(item)) {
      const a = afterByElement.get(id);
      if (a !== undefined) shared.set(a, (shared.get(a) ?? 0) + 1);
    }
    for (const [a, count] of shared) pairs.push({ b, a, shared: count });
  });
  pairs.sort((x, y) => y.shared - x.shared || x.b - y.b || x.a - y.a);
  const matched = new Map<string, T>();
  const usedAfter = new Set<number>();
  const usedBefore = new Set<number>();
  for (const { b, a } of pairs) {
    if (usedBefore.has(b) || usedAfter.has(a)) continue;
    const beforeItem = before[b];
    const afterItem = after[a];
    if (!beforeItem || !afterItem) continue;
    usedBefore.add(b);
    usedAfter.add(a);
    matched.set(beforeItem.id, afterItem);
  }
  return matched;
}

function labelLookup(graph: DiagramGraph): (id: string | null) => string {
  const labels = new Map<string, string>();
  for (const node of graph.nodes) labels.set(node.id, node.label);
  for (const zone of graph.zones) labels.set(zone.id, zone.label);
  return (id) => (id === null ? "" : (labels.get(id) ?? ""));
}

function toChange(edge: DiagramEdge, labelOf: (id: string | null) => string): EdgeChange {
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    fromLabel: labelOf(edge.from),
    toLabel: labelOf(edge.to),
    direction: edge.direction,
    label: edge.label,
  };
}

/** Compares two graphs of the same drawing taken at different times. */
export function diffGraphs(before: DiagramGraph, after: DiagramGraph): GraphDiff {
  const nodeMatch = matchByElements(before.nodes, after.nodes);
  const zoneMatch = matchByElements(before.zones, after.zones);
  const matchedAfterNodes = new Set([...nodeMatch.values()].map((node) => node.id));
  const matchedAfterZones = new Set([...zoneMatch.values()].map((zone) => zone.id));

  const relabelledNodes: GraphDiff["relabelledNodes"] = [];
  for (const node of before.nodes) {
    const counterpart = nodeMatch.get(node.id);
    if (counterpart && counterpart.label !== node.label) relabelledNodes.push({ before: node, after: counterpart });
  }

  // Edges compare in `after` coordinates: a before-endpoint maps to its matched after-item.
  const mapEnd = (id: string | null): string | null =>
    id === null ? null : (nodeMatch.get(id)?.id ?? zoneMatch.get(id)?.id ?? `gone:${id}`);
  const endsKey = (from: string | null, to: string | null, direction: DiagramEdge["direction"]): string => {
    // Undirected and two-way edges read the same either way round.
    const ends = [from ?? "?", to ?? "?"];
    if (direction !== "->") ends.sort();
    return `${ends.join("|")}|${direction}`;
  };
  const remainingAfter = new Set(after.edges);
  const keptBefore = new Set<DiagramEdge>();
  const afterByArrow = new Map<string, DiagramEdge>();
  for (const edge of after.edges) if (edge.elementIds[0]) afterByArrow.set(edge.elementIds[0], edge);
  // Pass 1: the same arrow element still joins the same things.
  for (const edge of before.edges) {
    const arrowId = edge.elementIds[0];
    const counterpart = arrowId ? afterByArrow.get(arrowId) : undefined;
    if (
      counterpart &&
      remainingAfter.has(counterpart) &&
      endsKey(mapEnd(edge.from), mapEnd(edge.to), edge.direction) ===
        endsKey(counterpart.from, counterpart.to, counterpart.direction)
    ) {
      remainingAfter.delete(counterpart);
      keptBefore.add(edge);
    }
  }
  // Pass 2: a redrawn arrow between the same two things is not a change either.
  const afterByEnds = new Map<string, DiagramEdge[]>();
  for (const edge of remainingAfter) {
    const key = endsKey(edge.from, edge.to, edge.direction);
    const list = afterByEnds.get(key);
    if (list) list.push(edge);
    else afterByEnds.set(key, [edge]);
  }
  for (const edge of before.edges) {
    if (keptBefore.has(edge)) continue;
    const candidates = afterByEnds.get(endsKey(mapEnd(edge.from), mapEnd(edge.to), edge.direction));
    const counterpart = candidates?.shift();
    if (counterpart) {
      remainingAfter.delete(counterpart);
      keptBefore.add(edge);
    }
  }

  const beforeLabel = labelLookup(before);
  const afterLabel = labelLookup(after);
  return {
    addedNodes: after.nodes.filter((node) => !matchedAfterNodes.has(node.id)),
    removedNodes: before.nodes.filter((node) => !nodeMatch.has(node.id)),
    relabelledNodes,
    addedZones: after.zones.filter((zone) => !matchedAfterZones.has(zone.id)),
    removedZones: before.zones.filter((zone) => !zoneMatch.has(zone.id)),
    addedEdges: after.edges.filter((edge) => remainingAfter.has(edge)).map((edge) => toChange(edge, afterLabel)),
    removedEdges: before.edges.filter((edge) => !keptBefore.has(edge)).map((edge) => toChange(edge, beforeLabel)),
  };
}

export interface DescribeDiffOptions {
  /** Most items listed per kind of change. Default 10. */
  maxItems?: number;
  /** Longest label shown. Default 40. */
  maxLabelLength?: number;
}

/**
 * One paragraph for the interviewer, e.g.
 * `Added: Vector DB (n4), Reranker (n5). New edges: API -> Vector DB.` Labels are cleaned and
 * truncated (they are untrusted). Ids shown are those of the `after` graph; removed items have none.
 */
export function describeDiff(diff: GraphDiff, options: DescribeDiffOptions = {}): string {
  const maxItems = options.maxItems ?? 10;
  const maxLabel = options.maxLabelLength ?? 40;
  const clean = (text: string): string => quoteSafe(text, maxLabel);
  const nodeName = (node: DiagramNode): string =>
    node.label !== ""
      ? clean(node.label)
      : `an unlabelled ${node.kind === "group" ? "group" : (node.shape ?? "shape")}`;
  const zoneName = (zone: DiagramZone): string => (zone.label !== "" ? clean(zone.label) : "an unlabelled zone");
  const endName = (id: string | null, label: string): string => (id === null ? "?" : label !== "" ? clean(label) : id);
  const edgeName = (edge: EdgeChange): string => {
    const text = `${endName(edge.from, edge.fromLabel)} ${edge.direction} ${endName(edge.to, edge.toLabel)}`;
    return edge.label !== "" ? `${text} (${clean(edge.label)})` : text;
  };
  const list = (items: string[]): string => {
    const shown = items.slice(0, maxItems).join(", ");
    return items.length > maxItems ? `${shown} and ${items.length - maxItems} more` : shown;
  };

  const sentences: string[] = [];
  const add = (title: string, items: string[]): void => {
    if (items.length > 0) sentences.push(`${title}: ${list(items)}.`);
  };
  add(
    "Added",
    diff.addedNodes.map((node) => `${nodeName(node)} (${node.id})`),
  );
  add("Removed", diff.removedNodes.map(nodeName));
  add(
    "Renamed",
    diff.relabelledNodes.map(({ before, after }) => `${nodeName(before)} → ${nodeName(after)} (${after.id})`),
  );
  add(
    "New zones",
    diff.addedZones.map((zone) => `${zoneName(zone)} (${zone.id})`),
  );
  add("Removed zones", diff.removedZones.map(zoneName));
  add("New edges", diff.addedEdges.map(edgeName));
  add("Removed edges", diff.removedEdges.map(edgeName));
  return sentences.length > 0 ? sentences.join(" ") : "No changes to the diagram.";
}
