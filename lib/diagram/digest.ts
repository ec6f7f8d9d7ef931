// Graph → short deterministic text for LLM prompts. The judge cites the short ids it shows.
// All diagram text is untrusted: it is cleaned, quote-escaped and truncated (see text.ts), and the
// whole digest is held to a token budget, saying how many items were left out.
import { quoteSafe } from "./text";
import type { DiagramEdge, DiagramGraph, DiagramNode } from "./types";

export interface DigestOptions {
  /** Longest label shown, in characters. Default 80. */
  maxLabelLength?: number;
  /** Token budget for the whole digest (estimated with `estimateTokens`). Default 550. */
  maxTokens?: number;
  /** Per-section item caps, applied before the token budget. */
  maxZones?: number;
  maxNodes?: number;
  maxNotes?: number;
  maxEdges?: number;
  /** Most member ids listed on one zone line. Default 30. */
  maxZoneMembers?: number;
}

const DEFAULTS: Required<DigestOptions> = {
  maxLabelLength: 80,
  maxTokens: 550,
  maxZones: 20,
  maxNodes: 100,
  maxNotes: 30,
  maxEdges: 100,
  maxZoneMembers: 30,
};

/**
 * Rough token count: about 4 ASCII characters per token; other characters (accents, CJK, emoji)
 * cost more, so they are weighted heavier to keep budgets on the safe side.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 4 + other * 0.75);
}

interface Section {
  title: string;
  lines: string[];
  /** Items dropped by the count cap already. */
  omitted: number;
  noun: string;
  /** Share of a tight budget relative to other sections. */
  weight: number;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function endpoint(id: string | null): string {
  return id ?? "?";
}

/**
 * Fits sections into `budget` tokens. When everything does not fit, each section gets a share of
 * what is left proportional to its weight, and sections needing less than their share hand the
 * rest on (water-filling), so one long section cannot starve the others.
 */
function fitSections(sections: Section[], budget: number): Map<Section, number> {
  const kept = new Map<Section, number>();
  const costs = new Map<Section, number[]>(sections.map((s) => [s, s.lines.map((line) => estimateTokens(line) + 1)]));
  const need = (s: Section): number => (costs.get(s) ?? []).reduce((sum, c) => sum + c, 0);
  const total = sections.reduce((sum, s) => sum + need(s), 0);
  if (total <= budget) {
    for (const s of sections) kept.set(s, s.lines.length);
    return kept;
  }
  let remaining = budget;
  let weightLeft = sections.reduce((sum, s) => sum + s.weight, 0);
  const byNeed = [...sections].sort((a, b) => need(a) / a.weight - need(b) / b.weight);
  for (const s of byNeed) {
    const share = weightLeft > 0 ? (remaining * s.weight) / weightLeft : 0;
    let used = 0;
    let count = 0;
    for (const cost of costs.get(s) ?? []) {
      if (used + cost > share) break;
      used += cost;
      count++;
    }
    kept.set(s, count);
    remaining -= used;
    weightLeft -= s.weight;
  }
  return kept;
}

/**
 * Deterministic, compact text of a diagram graph: counts, zones (with member ids), nodes (id +
 * label), notes, edges (`n1 -> n3 "label"`), and how many arrow ends are unattached. Unlabelled
 * nodes that no edge touches are only counted (they are usually decoration).
 */
export function graphToDigest(graph: DiagramGraph, options: DigestOptions = {}): string {
  const opts = { ...DEFAULTS, ...options };
  const label = (text: string): string => `"${quoteSafe(text, opts.maxLabelLength)}"`;

  if (graph.elementCount === 0) return "Diagram: empty.";

  const connected = new Set<string>();
  for (const edge of graph.edges) {
    if (edge.from) connected.add(edge.from);
    if (edge.to) connected.add(edge.to);
  }
  const isShown = (node: DiagramNode): boolean => node.label !== "" || connected.has(node.id);
  const shownNodes = graph.nodes.filter(isShown);
  const shownIds = new Set(shownNodes.map((node) => node.id));
  const hiddenCount = graph.nodes.length - shownNodes.length;

  const childZones = new Map<string, string[]>();
  for (const zone of graph.zones) {
    if (zone.parent === null) continue;
    const list = childZones.get(zone.parent);
    if (list) list.push(zone.id);
    else childZones.set(zone.parent, [zone.id]);
  }
  const zoneLines = graph.zones.map((zone) => {
    const members = [...(childZones.get(zone.id) ?? []), ...zone.nodeIds.filter((id) => shownIds.has(id))];
    const listed = members.slice(0, opts.maxZoneMembers).join(" ");
    const more = members.length > opts.maxZoneMembers ? ` +${members.length - opts.maxZoneMembers} more` : "";
    const name = zone.label !== "" ? label(zone.label) : "(unlabelled)";
    const kind = zone.kind === "frame" ? "frame " : "";
    const parent = zone.parent ? ` in ${zone.parent}` : "";
    return `${zone.id} ${kind}${name}${parent}: ${members.length > 0 ? listed + more : "(empty)"}`;
  });

  const nodeLines = shownNodes.map((node) => {
    if (node.label !== "") return `${node.id} ${label(node.label)}`;
    const what = node.kind === "group" ? "group" : (node.shape ?? node.kind);
    return `${node.id} (unlabelled ${what})`;
  });

  const noteLines = graph.notes.map((note) => `${note.id} ${label(note.text)}`);

  const edgeLines = graph.edges.map((edge: DiagramEdge) => {
    let line = `${endpoint(edge.from)} ${edge.direction} ${endpoint(edge.to)}`;
    if (edge.label !== "") line += ` ${label(edge.label)}`;
    if (edge.dashed) line += " (dashed)";
    return line;
  });

  const capped = (title: string, lines: string[], cap: number, noun: string, weight: number): Section => ({
    title,
    lines: lines.slice(0, cap),
    omitted: Math.max(0, lines.length - cap),
    noun,
    weight,
  });
  const sections: Section[] = [
    capped("ZONES", zoneLines, opts.maxZones, "zone", 1),
    capped("NODES", nodeLines, opts.maxNodes, "node", 4),
    capped("NOTES", noteLines, opts.maxNotes, "note", 2),
    capped("EDGES", edgeLines, opts.maxEdges, "edge", 3),
  ].filter((section) => section.lines.length > 0 || section.omitted > 0);

  const counts = [
    plural(graph.nodes.length, "node"),
    plural(graph.edges.length, "edge"),
    plural(graph.zones.length, "zone"),
    plural(graph.notes.length, "note"),
  ];
  const header = `Diagram: ${plural(graph.elementCount, "element")}; ${counts.join(", ")}.`;
  const footer: string[] = [];
  if (hiddenCount > 0) footer.push(`${plural(hiddenCount, "unlabelled, unconnected shape")} not listed.`);
  if (graph.unresolvedEdges > 0) {
    footer.push(`${plural(graph.unresolvedEdges, "edge")} with an end attached to nothing (shown as ?).`);
  }

  // Reserve room for fixed lines and each section's title and possible "more" line.
  const fixed = [header, ...footer].reduce((sum, line) => sum + estimateTokens(line) + 1, 0);
  const perSection = sections.reduce((sum, s) => sum + estimateTokens(s.title) + 1 + 8, 0);
  const kept = fitSections(sections, Math.max(0, opts.maxTokens - fixed - perSection));

  const out: string[] = [header];
  for (const section of sections) {
    const count = kept.get(section) ?? 0;
    const omitted = section.omitted + section.lines.length - count;
    out.push(section.title, ...section.lines.slice(0, count));
    if (omitted > 0) out.push(`(+${plural(omitted, `more ${section.noun}`, `more ${section.noun}s`)} not shown)`);
  }
  out.push(...footer);
  return out.join("\n");
}
