// The diagram graph: what a drawing means, independent of how Excalidraw stored it.
import type { Box } from "./geometry";

/** How a node got its label, best first. `text` = the node is itself a free text. */
export type LabelSource = "bound" | "group" | "inside" | "nearest" | "text" | "none";

export interface DiagramNode {
  /** Short stable id (`n1`, `n2`, … in reading order) for prompts and judge citations. */
  id: string;
  /** Cleaned label ("" when nothing labels the node). */
  label: string;
  /**
   * `shape`: one element; `group`: an Excalidraw group acting as one component (an icon and its
   * caption); `text`: a free text that arrows attach to.
   */
  kind: "shape" | "group" | "text";
  /** Excalidraw element type for `shape` nodes (`rectangle`, `ellipse`, `diamond`, `image`, …); null otherwise. */
  shape: string | null;
  labelSource: LabelSource;
  /** 1 for bound text, lower for spatial guesses, 0 when unlabelled. */
  labelConfidence: number;
  /** Innermost zone containing the node's centre. */
  zone: string | null;
  /** Bounding box, rounded to whole pixels. */
  box: Box;
  /** Every Excalidraw element behind this node (shapes/group members first, then label texts). */
  elementIds: string[];
  /** The subset of `elementIds` that are label texts. */
  labelElementIds: string[];
}

export interface DiagramEdge {
  /** Short id (`e1`, …). */
  id: string;
  /** Node or zone id; null when the end could not be attached to anything. */
  from: string | null;
  to: string | null;
  /** Normalised so a single arrowhead always points from `from` to `to`. */
  direction: "->" | "<->" | "--";
  label: string;
  /** Dashed/dotted stroke (often "async" or "optional"; exposed, not interpreted). */
  dashed: boolean;
  /** 1 = both ends bound, 0.75 = an end snapped geometrically, 0 = an end unresolved. */
  confidence: number;
  /** The arrow/line element id first, then label text ids. */
  elementIds: string[];
}

/** Free text that labels nothing: requirements, estimates, annotations. Kept because they matter for scoring. */
export interface DiagramNote {
  /** Short id (`t1`, …). */
  id: string;
  text: string;
  zone: string | null;
  box: Box;
  elementIds: string[];
}

/** A frame or a large shape enclosing other nodes (VPC, "trusted environment", tiers). */
export interface DiagramZone {
  /** Short id (`z1`, …). */
  id: string;
  label: string;
  kind: "frame" | "shape";
  /** Enclosing zone, if nested. */
  parent: string | null;
  /** Nodes whose innermost zone is this one. */
  nodeIds: string[];
  box: Box;
  elementIds: string[];
  labelElementIds: string[];
}

export interface DiagramGraph {
  /** Live elements in the scene the graph was built from. */
  elementCount: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  notes: DiagramNote[];
  zones: DiagramZone[];
  /** Edges with at least one end attached to nothing. */
  unresolvedEdges: number;
}

export interface GraphOptions {
  /** An unbound arrow end attaches to a node at most this far away (scene px). Default 40. */
  snapDistance?: number;
  /** A free text labels an unlabelled node at most this far away (scene px). Default 40. */
  labelDistance?: number;
  /** A free text labels an arrow when its centre is at most this far from the arrow's middle part. Default 20. */
  edgeLabelDistance?: number;
}
