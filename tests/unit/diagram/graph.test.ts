import { describe, expect, it } from "vitest";
import { elementIdsOf, parseScene, sceneToGraph, type DiagramGraph } from "@/lib/diagram";
import {
  type RawElement,
  arrow,
  boundText,
  corpusAvailable,
  CORPUS_SKIP_MESSAGE,
  ellipse,
  frame,
  graphOf,
  grouped,
  nodeLabelled,
  readCorpus,
  rect,
  text,
} from "./helpers";

/** A DB-cylinder-like library icon: two ellipses and a line, grouped, with an optional caption in the group. */
function icon(prefix: string, x: number, y: number, caption?: string): RawElement[] {
  const parts: RawElement[] = [
    ellipse(`${prefix}-top`, x, y, 60, 15),
    ellipse(`${prefix}-bottom`, x, y + 45, 60, 15),
    { ...arrow(`${prefix}-side`, [x, y + 7], [x, y + 52], { type: "line" }) },
  ];
  const inner = grouped(`${prefix}-shape`, ...parts);
  return caption ? grouped(`${prefix}-icon`, ...inner, text(`${prefix}-caption`, x, y + 65, caption)) : inner;
}

function edgeSummary(graph: DiagramGraph): string[] {
  const name = (id: string | null) =>
    id === null
      ? "?"
      : graph.nodes.find((n) => n.id === id)?.label || graph.zones.find((z) => z.id === id)?.label || id;
  return graph.edges.map((e) => `${name(e.from)} ${e.direction} ${name(e.to)}${e.label ? ` "${e.label}"` : ""}`);
}

describe("sceneToGraph: labels", () => {
  it("uses bound text first (confidence 1) and maps the node to both elements", () => {
    const api = rect("api", 0, 0);
    const graph = graphOf([api, boundText("api-label", api, "API Gateway")]);
    expect(graph.nodes).toHaveLength(1);
    const node = graph.nodes[0]!;
    expect(node).toMatchObject({
      id: "n1",
      label: "API Gateway",
      kind: "shape",
      shape: "rectangle",
      labelSource: "bound",
      labelConfidence: 1,
    });
    expect(node.elementIds).toEqual(["api", "api-label"]);
    expect(node.labelElementIds).toEqual(["api-label"]);
    expect(graph.notes).toEqual([]);
  });

  it("treats a group as one node labelled by the text in the same group", () => {
    const graph = graphOf(icon("db", 100, 100, "Vector DB"));
    expect(graph.nodes).toHaveLength(1);
    expect(graph.nodes[0]).toMatchObject({ kind: "group", label: "Vector DB", labelSource: "group", shape: null });
    expect(graph.nodes[0]!.elementIds).toEqual(["db-top", "db-bottom", "db-side", "db-caption"]);
    expect(graph.edges).toEqual([]); // the icon's own line is not a connector
  });

  it("falls back to free text inside the shape, then to the nearest free text", () => {
    const graph = graphOf([
      rect("cache", 0, 0, 200, 100),
      text("inside", 40, 40, "Redis cache"),
      ...icon("llm", 400, 0), // no caption in the group…
      text("below", 395, 90, "LLM"), // …but one just below it
    ]);
    expect(nodeLabelled(graph, "Redis cache").labelSource).toBe("inside");
    const llm = nodeLabelled(graph, "LLM");
    expect(llm).toMatchObject({ kind: "group", labelSource: "nearest", labelConfidence: 0.6 });
    expect(llm.labelElementIds).toEqual(["below"]);
  });

  it("prefers bound over same-group over inside text, and keeps extra texts as notes", () => {
    const box = rect("svc", 0, 0, 200, 100);
    const graph = graphOf([
      box,
      boundText("svc-label", box, "Retriever"),
      text("aside", 0, 110, "p95 < 200 ms"), // near a node that already has a label → a note
      text("far", 1000, 1000, "Requirements: 10k QPS"),
    ]);
    expect(graph.nodes.map((n) => n.label)).toEqual(["Retriever"]);
    expect(graph.notes.map((n) => n.text)).toEqual(["p95 < 200 ms", "Requirements: 10k QPS"]);
    expect(graph.notes.map((n) => n.id)).toEqual(["t1", "t2"]);
  });

  it("does not guess when a caption is equally close to two unlabelled nodes", () => {
    const graph = graphOf([rect("a", 0, 0, 100, 60), rect("b", 200, 0, 100, 60), text("mid", 125, 20, "???")]);
    // 25 px from a's right edge and 51 px from b's left edge: a wins.
    expect(graph.nodes.find((n) => n.elementIds[0] === "a")?.label).toBe("???");
    const tie = graphOf([rect("a", 0, 0, 100, 60), rect("b", 200, 0, 100, 60), text("mid", 130, 20, "xx")]);
    // 16 px wide text at x=130..146: 30 px from a, 54 px from b → still a. Move to the exact middle:
    const exact = graphOf([rect("a", 0, 0, 100, 60), rect("b", 200, 0, 100, 60), text("mid", 142, 20, "xx")]);
    expect(tie.nodes.find((n) => n.elementIds[0] === "a")?.label).toBe("xx");
    expect(exact.nodes.every((n) => n.label === "")).toBe(true);
    expect(exact.notes.map((n) => n.text)).toEqual(["xx"]);
  });

  it("cleans label text: whitespace collapsed, control characters stripped, originalText preferred", () => {
    const box = rect("a", 0, 0);
    const label = {
      ...boundText("l", box, "x"),
      text: "Load\nBalan-\ncer",
      originalText: "Load \u0007 Balancer\u202e\n  (L7)",
    };
    expect(graphOf([box, label]).nodes[0]!.label).toBe("Load Balancer (L7)");
  });

  it("joins a text-only group into one note", () => {
    const graph = graphOf(grouped("title", text("t1", 0, 0, "Design:"), text("t2", 0, 25, "RAG chatbot")));
    expect(graph.nodes).toEqual([]);
    expect(graph.notes).toEqual([expect.objectContaining({ text: "Design: RAG chatbot", elementIds: ["t1", "t2"] })]);
  });
});

describe("sceneToGraph: edges", () => {
  it("resolves bound arrows, including to a member of a group node", () => {
    const api = rect("api", 0, 0);
    const graph = graphOf([
      api,
      boundText("api-l", api, "API"),
      ...icon("db", 400, 0, "Postgres"),
      arrow("ar", [125, 30], [395, 10], { start: "api", end: "db-top" }),
    ]);
    expect(edgeSummary(graph)).toEqual(["API -> Postgres"]);
    expect(graph.edges[0]).toMatchObject({ id: "e1", confidence: 1, dashed: false, elementIds: ["ar"] });
    expect(graph.unresolvedEdges).toBe(0);
  });

  it("resolves an arrow bound to a caption text to the node the caption labels", () => {
    const graph = graphOf([
      ...icon("user", 0, 0),
      text("user-caption", 0, 70, "Users"),
      rect("app", 300, 0),
      arrow("ar", [80, 80], [295, 30], { start: "user-caption", end: "app" }),
    ]);
    expect(nodeLabelled(graph, "Users").kind).toBe("group");
    expect(edgeSummary(graph)).toEqual(["Users -> n2"]);
  });

  it("turns a free text that an arrow binds to (and labels nothing) into a text node", () => {
    const graph = graphOf([
      text("client", 0, 0, "Browser"),
      rect("app", 300, 0),
      arrow("ar", [70, 10], [295, 30], { start: "client", end: "app" }),
    ]);
    expect(nodeLabelled(graph, "Browser")).toMatchObject({ kind: "text", labelSource: "text", elementIds: ["client"] });
    expect(edgeSummary(graph)).toEqual(["Browser -> n2"]);
    expect(graph.notes).toEqual([]);
  });

  it("snaps an unbound end to the nearest node within the distance, else leaves it unresolved", () => {
    const a = rect("a", 0, 0);
    const b = rect("b", 300, 0);
    const graph = graphOf([
      a,
      boundText("a-l", a, "A"),
      b,
      boundText("b-l", b, "B"),
      arrow("snapped", [125, 30], [285, 30], { start: "a" }), // 15 px short of B
      arrow("dangling", [125, 50], [200, 200], { start: "a" }), // ends in empty space
      arrow("floating", [1000, 1000], [1100, 1000]),
    ]);
    expect(edgeSummary(graph)).toEqual(["A -> B", "A -> ?", "? -> ?"]);
    expect(graph.edges.map((e) => e.confidence)).toEqual([0.75, 0, 0]);
    expect(graph.unresolvedEdges).toBe(2);
    const tight = graphOf([a, b, arrow("snapped", [125, 30], [285, 30], { start: "a" })], { snapDistance: 10 });
    expect(tight.edges[0]).toMatchObject({ to: null, confidence: 0 });
  });

  it("treats an end equally close to two nodes as unresolved, and an end inside nested nodes as the smallest", () => {
    const ambiguous = graphOf([
      rect("a", 0, 0, 100, 100),
      rect("b", 140, 0, 100, 100),
      arrow("ar", [120, 50], [120, 300]),
    ]);
    expect(ambiguous.edges[0]).toMatchObject({ from: null, to: null });

    const nested = graphOf([
      rect("outer", 0, 0, 300, 200),
      rect("inner", 20, 20, 80, 40),
      text("inner-l", 30, 30, "Inner"),
      rect("other", 600, 0),
      arrow("ar", [50, 40], [600, 30], { end: "other" }),
    ]);
    expect(nodeLabelled(nested, "Inner").id).toBe(nested.edges[0]!.from);
  });

  it("falls back to geometry when a binding points at a missing element", () => {
    const graph = graphOf([
      rect("a", 0, 0),
      rect("b", 300, 0),
      arrow("ar", [121, 30], [299, 30], { start: "ghost", end: "b" }),
    ]);
    expect(graph.edges[0]).toMatchObject({ from: "n1", to: "n2", confidence: 0.75 });
  });

  it("normalises direction, keeps dashed style, drops self-loops and loose lines", () => {
    const graph = graphOf([
      rect("a", 0, 0),
      rect("b", 300, 0),
      arrow("back", [125, 10], [295, 10], { start: "a", end: "b", startArrowhead: "arrow", endArrowhead: null }),
      arrow("both", [125, 30], [295, 30], { start: "a", end: "b", startArrowhead: "triangle" }),
      arrow("plain", [125, 50], [295, 50], { type: "line", start: "a", end: "b" }),
      arrow("async", [125, 55], [295, 55], { start: "a", end: "b", strokeStyle: "dashed" }),
      arrow("loop", [10, 10], [60, 50], { start: "a", end: "a" }),
      arrow("divider", [0, 400], [500, 400], { type: "line" }),
    ]);
    const byArrow = Object.fromEntries(graph.edges.map((e) => [e.elementIds[0], e]));
    expect(Object.keys(byArrow).sort()).toEqual(["async", "back", "both", "plain"]);
    expect(byArrow.back).toMatchObject({ from: "n2", to: "n1", direction: "->" });
    expect(byArrow.both).toMatchObject({ from: "n1", to: "n2", direction: "<->" });
    expect(byArrow.plain).toMatchObject({ direction: "--" });
    expect(byArrow.async).toMatchObject({ direction: "->", dashed: true });
  });

  it("keeps a line between two shapes as an undirected edge even when unbound", () => {
    const graph = graphOf([rect("a", 0, 0), rect("b", 300, 0), arrow("l", [122, 30], [298, 30], { type: "line" })]);
    expect(graph.edges).toEqual([expect.objectContaining({ from: "n1", to: "n2", direction: "--", confidence: 0.75 })]);
  });

  it("labels edges from bound text, or from free text on the middle of the arrow", () => {
    const bound = arrow("ar1", [125, 30], [295, 30], { start: "a", end: "b" });
    const graph = graphOf([
      rect("a", 0, 0),
      rect("b", 300, 0, 120, 200),
      bound,
      boundText("ar1-l", bound, "HTTPS"),
      arrow("ar2", [125, 150], [295, 150], { end: "b" }),
      text("mid", 180, 135, "gRPC"), // centred on ar2's middle
      text("near-end", 250, 160, "x"), // close to ar2, but at its end
    ]);
    const byArrow = Object.fromEntries(graph.edges.map((e) => [e.elementIds[0], e]));
    expect(byArrow.ar1).toMatchObject({ label: "HTTPS", elementIds: ["ar1", "ar1-l"] });
    expect(byArrow.ar2).toMatchObject({ label: "gRPC", elementIds: ["ar2", "mid"] });
    expect(graph.notes.map((n) => n.text)).toEqual(["x"]);
  });
});

describe("sceneToGraph: groups and zones", () => {
  it("does not merge a grouped sub-system whose members are separate components", () => {
    const api = rect("api", 0, 0);
    const db = rect("db", 300, 0);
    const graph = graphOf(
      grouped(
        "backend",
        api,
        boundText("api-l", api, "API"),
        db,
        boundText("db-l", db, "DB"),
        arrow("ar", [125, 30], [295, 30], { start: "api", end: "db" }),
      ),
    );
    expect(graph.nodes.map((n) => n.label)).toEqual(["API", "DB"]);
    expect(edgeSummary(graph)).toEqual(["API -> DB"]);
  });

  it("turns a large shape enclosing several nodes into a labelled zone, with nested zones", () => {
    const vpc = rect("vpc", 0, 0, 1000, 600);
    const graph = graphOf([
      vpc,
      text("vpc-title", 20, 10, "Private VPC"),
      rect("subnet", 40, 60, 600, 300, { strokeStyle: "dashed" }),
      text("subnet-title", 50, 65, "App subnet"),
      rect("api", 60, 120),
      rect("worker", 300, 120),
      rect("db", 700, 400),
      rect("edge", 1200, 100),
      arrow("in", [1195, 130], [1005, 130], { start: "edge", end: "vpc" }),
      ...icon("x", 750, 100, "Cache"),
    ]);
    expect(graph.zones.map((z) => [z.id, z.label, z.parent])).toEqual([
      ["z1", "Private VPC", null],
      ["z2", "App subnet", "z1"],
    ]);
    const zone = (id: string) => graph.zones.find((z) => z.id === id)!;
    expect(zone("z2").nodeIds).toHaveLength(2);
    expect(zone("z1").nodeIds.map((id) => graph.nodes.find((n) => n.id === id)?.elementIds[0])).toEqual([
      "x-top",
      "db",
    ]);
    expect(graph.nodes.find((n) => n.elementIds[0] === "edge")?.zone).toBeNull();
    expect(graph.edges[0]).toMatchObject({ to: "z1", confidence: 1 });
    expect(zone("z1").elementIds).toEqual(["vpc", "vpc-title"]);
  });

  it("keeps a shape around a single node as a node", () => {
    const graph = graphOf([rect("card", 0, 0, 400, 300), rect("inner", 50, 50)]);
    expect(graph.zones).toEqual([]);
    expect(graph.nodes).toHaveLength(2);
  });

  it("makes frames zones named after the frame", () => {
    const graph = graphOf([
      frame("f", 0, 0, 800, 500, "Serving path"),
      rect("a", 50, 50),
      text("note", 50, 300, "cold start?"),
    ]);
    expect(graph.zones).toEqual([
      expect.objectContaining({ id: "z1", kind: "frame", label: "Serving path", nodeIds: ["n1"] }),
    ]);
    expect(graph.notes[0]).toMatchObject({ text: "cold start?", zone: "z1" });
  });
});

describe("sceneToGraph: ids and robustness", () => {
  const drawing = (): RawElement[] => {
    const a = rect("zzz", 0, 0);
    const b = rect("aaa", 300, 0);
    const c = rect("mmm", 0, 300);
    return [
      a,
      boundText("a-l", a, "Client"),
      b,
      boundText("b-l", b, "Gateway"),
      c,
      boundText("c-l", c, "Model server"),
      arrow("e1", [125, 30], [295, 30], { start: "zzz", end: "aaa" }),
      arrow("e2", [360, 65], [60, 295], { start: "aaa", end: "mmm" }),
    ];
  };

  it("assigns short ids in reading order (top to bottom, left to right)", () => {
    const graph = graphOf(drawing());
    expect(graph.nodes.map((n) => `${n.id}=${n.label}`)).toEqual(["n1=Client", "n2=Gateway", "n3=Model server"]);
    expect(graph.edges.map((e) => `${e.id}:${e.from}${e.direction}${e.to}`)).toEqual(["e1:n1->n2", "e2:n2->n3"]);
    expect(elementIdsOf(graph, "n3")).toEqual(["mmm", "c-l"]);
    expect(elementIdsOf(graph, "e2")).toEqual(["e2"]);
    expect(elementIdsOf(graph, "n99")).toEqual([]);
  });

  it("gives the same ids whatever the element order", () => {
    const summary = (g: DiagramGraph) => [
      g.nodes.map((n) => `${n.id}=${n.label}`),
      g.edges.map((e) => `${e.id}:${e.from}${e.to}`),
    ];
    expect(summary(graphOf(drawing().reverse()))).toEqual(summary(graphOf(drawing())));
  });

  it("accounts for rotation when deciding what is inside a shape", () => {
    // A tall thin rectangle (x 100..140) rotated 90° about its centre lies across the text (x 180..220).
    const rotated = rect("r", 100, -100, 40, 300, { angle: Math.PI / 2 });
    const graph = graphOf([rotated, text("t", 180, 40, "Queue")]);
    expect(graph.nodes[0]!.box).toEqual({ minX: -30, minY: 30, maxX: 270, maxY: 70 });
    expect(graph.nodes[0]).toMatchObject({ label: "Queue", labelSource: "inside" });
  });

  it("survives empty scenes, duplicate ids and dangling references", () => {
    expect(graphOf([])).toEqual({ elementCount: 0, nodes: [], edges: [], notes: [], zones: [], unresolvedEdges: 0 });
    const graph = graphOf([
      rect("dup", 0, 0),
      rect("dup", 300, 0),
      text("orphan", 10, 200, "Orphan label", { containerId: "missing" }),
      { ...text("weird", 0, 0, "self"), containerId: "weird" },
    ]);
    expect(graph.nodes).toHaveLength(2);
    expect(graph.notes.map((n) => n.text)).toContain("Orphan label");
  });
});

/** Rewrites every arrow binding into one of the three shapes seen in the wild. */
function withBindingShape(elements: RawElement[], shape: "focus-gap" | "fixed-focus-gap" | "fixed-mode"): RawElement[] {
  const convert = (binding: unknown) => {
    if (!binding || typeof binding !== "object") return binding;
    const elementId = (binding as { elementId: string }).elementId;
    if (shape === "focus-gap") return { elementId, focus: 0.1, gap: 5 };
    if (shape === "fixed-focus-gap") return { elementId, fixedPoint: [0.25, 0.5], focus: 0.1, gap: 5 };
    return { elementId, fixedPoint: [0.5001, 0.9], mode: "orbit" };
  };
  return elements.map((e) =>
    e.type === "arrow" ? { ...e, startBinding: convert(e.startBinding), endBinding: convert(e.endBinding) } : e,
  );
}

describe("the same drawing in any binding schema gives the same graph", () => {
  const shapes = ["focus-gap", "fixed-focus-gap", "fixed-mode"] as const;

  it("on a fixture", () => {
    const api = rect("api", 0, 0);
    const elements = [
      api,
      boundText("l", api, "API"),
      ...icon("db", 300, 0, "DB"),
      arrow("ar", [125, 30], [295, 10], { start: "api", end: "db-top" }),
    ];
    const graphs = shapes.map((shape) => graphOf(withBindingShape(elements, shape)));
    expect(graphs[1]).toEqual(graphs[0]);
    expect(graphs[2]).toEqual(graphs[0]);
  });

  it.skipIf(!corpusAvailable)("on a real corpus diagram (kurtosis-cdk, 2024)", () => {
    const raw = JSON.parse(readCorpus("0xPolygon__kurtosis-cdk__architecture.excalidraw")) as {
      elements: RawElement[];
    };
    const graphs = shapes.map((shape) => {
      const result = parseScene({ ...raw, elements: withBindingShape(raw.elements, shape) });
      if (!result.ok) throw new Error(result.error.message);
      return sceneToGraph(result.scene);
    });
    expect(graphs[0]!.edges.length).toBeGreaterThan(10);
    expect(graphs[1]).toEqual(graphs[0]);
    expect(graphs[2]).toEqual(graphs[0]);
  });

  it.skipIf(!corpusAvailable)("on the kurtosis-cdk diagram re-saved a year later in the newer schema", () => {
    // The 2025 file is the 2024 drawing re-saved with `{fixedPoint, focus, gap}` bindings and `index`;
    // its author also re-cased two labels ("tx manager" → "Tx Manager").
    const graphOfFile = (name: string) => {
      const result = parseScene(readCorpus(name));
      if (!result.ok) throw new Error(result.error.message);
      return sceneToGraph(result.scene);
    };
    const older = graphOfFile("0xPolygon__kurtosis-cdk__architecture.excalidraw");
    const newer = graphOfFile("0xPolygon__kurtosis-cdk__architecture-diagram.excalidraw");
    const caseless = (g: DiagramGraph) => ({
      ...g,
      nodes: g.nodes.map((n) => ({ ...n, label: n.label.toLowerCase(), box: null })),
    });
    expect(caseless(newer)).toEqual(caseless(older));
    expect(newer.edges).toEqual(older.edges);
  });
});

if (!corpusAvailable) console.warn(CORPUS_SKIP_MESSAGE);
