import { describe, expect, it } from "vitest";
import { describeDiff, diffGraphs, parseScene, sceneToGraph } from "@/lib/diagram";
import { type RawElement, arrow, boundText, corpusAvailable, graphOf, readCorpus, rect } from "./helpers";

function labelled(id: string, x: number, y: number, label: string): RawElement[] {
  const box = rect(id, x, y);
  return [box, boundText(`${id}-l`, box, label)];
}

const base = (): RawElement[] => [
  ...labelled("client", 0, 200, "Client"),
  ...labelled("api", 300, 200, "API"),
  ...labelled("llm", 600, 200, "LLM"),
  arrow("c-a", [125, 230], [295, 230], { start: "client", end: "api" }),
  arrow("a-l", [425, 230], [595, 230], { start: "api", end: "llm" }),
];

describe("diffGraphs / describeDiff", () => {
  it("reports nothing for the same drawing", () => {
    const diff = diffGraphs(graphOf(base()), graphOf(base()));
    expect(describeDiff(diff)).toBe("No changes to the diagram.");
  });

  it("reports added nodes and edges even when short ids shift", () => {
    const after = [
      ...labelled("vdb", 300, 0, "Vector DB"), // above everything: takes n1
      ...labelled("rerank", 600, 0, "Reranker"),
      ...base(),
      arrow("a-v", [360, 195], [360, 65], { start: "api", end: "vdb" }),
    ];
    const before = graphOf(base());
    const next = graphOf(after);
    expect(before.nodes.find((n) => n.label === "API")?.id).toBe("n2");
    expect(next.nodes.find((n) => n.label === "API")?.id).toBe("n4");

    const diff = diffGraphs(before, next);
    expect(diff.addedNodes.map((n) => n.label)).toEqual(["Vector DB", "Reranker"]);
    expect(diff.removedNodes).toEqual([]);
    expect(diff.relabelledNodes).toEqual([]);
    expect(diff.addedEdges).toEqual([
      expect.objectContaining({ fromLabel: "API", toLabel: "Vector DB", direction: "->" }),
    ]);
    expect(diff.removedEdges).toEqual([]);
    expect(describeDiff(diff)).toBe("Added: Vector DB (n1), Reranker (n2). New edges: API -> Vector DB.");
  });

  it("reports removals and renames", () => {
    const after = base()
      .filter((e) => !["llm", "llm-l", "a-l"].includes(e.id))
      .map((e) => (e.id === "api-l" ? { ...e, text: "Gateway", originalText: "Gateway" } : e));
    const diff = diffGraphs(graphOf(base()), graphOf(after));
    expect(describeDiff(diff)).toBe("Removed: LLM. Renamed: API → Gateway (n2). Removed edges: API -> LLM.");
  });

  it("ignores a redrawn arrow between the same nodes, but notices a rewired one", () => {
    const redrawn = base().map((e) => (e.id === "a-l" ? { ...e, id: "a-l-2" } : e));
    expect(describeDiff(diffGraphs(graphOf(base()), graphOf(redrawn)))).toBe("No changes to the diagram.");

    const rewired = base().map((e) =>
      e.id === "a-l" ? { ...e, startBinding: { elementId: "client", focus: 0, gap: 1 } } : e,
    );
    const diff = diffGraphs(graphOf(base()), graphOf(rewired));
    expect(describeDiff(diff)).toBe("New edges: Client -> LLM. Removed edges: API -> LLM.");
  });

  it("matches a node that was grouped with its icon by the elements it still contains", () => {
    const before = graphOf(base());
    const grouped = base().map((e) => (e.id === "api" || e.id === "api-l" ? { ...e, groupIds: ["g"] } : e));
    const diff = diffGraphs(before, graphOf(grouped));
    expect(diff.addedNodes).toEqual([]);
    expect(diff.removedNodes).toEqual([]);
    expect(diff.addedEdges).toEqual([]);
  });

  it("mentions zones and caps long lists", () => {
    const many: RawElement[] = [];
    for (let i = 0; i < 14; i++) many.push(...labelled(`s${i}`, i * 200, 1000, `Svc ${i}`));
    const zone = rect("zone", -50, 950, 3000, 200);
    const diff = diffGraphs(graphOf(base()), graphOf([...base(), ...many, zone, boundText("zone-l", zone, "Workers")]));
    const text = describeDiff(diff, { maxItems: 3 });
    expect(text).toMatch(
      /^Added: Svc 0 \(n\d+\), Svc 1 \(n\d+\), Svc 2 \(n\d+\) and 11 more\. New zones: Workers \(z1\)\.$/,
    );
  });

  it.skipIf(!corpusAvailable)(
    "finds exactly the two re-cased labels between the 2024 and 2025 kurtosis-cdk files",
    () => {
      const graphOfFile = (name: string) => {
        const result = parseScene(readCorpus(name));
        if (!result.ok) throw new Error(result.error.message);
        return sceneToGraph(result.scene);
      };
      const diff = diffGraphs(
        graphOfFile("0xPolygon__kurtosis-cdk__architecture.excalidraw"),
        graphOfFile("0xPolygon__kurtosis-cdk__architecture-diagram.excalidraw"),
      );
      expect(diff.relabelledNodes.map(({ before, after }) => `${before.label} → ${after.label}`)).toEqual([
        "tx manager → Tx Manager",
        "sequence sender → Sequence Sender",
      ]);
      expect([
        diff.addedNodes,
        diff.removedNodes,
        diff.addedEdges,
        diff.removedEdges,
        diff.addedZones,
        diff.removedZones,
      ]).toEqual([[], [], [], [], [], []]);
    },
  );
});
