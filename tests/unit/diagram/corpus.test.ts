// Every real diagram in the shared corpus must parse, give a non-empty graph and a small digest.
import { describe, expect, it } from "vitest";
import { estimateTokens, graphToDigest, hashScene, parseScene, sceneToGraph } from "@/lib/diagram";
import { CORPUS_DIR, CORPUS_SKIP_MESSAGE, corpusAvailable, corpusFiles, readCorpus } from "./helpers";

const DIGEST_TOKEN_LIMIT = 600;

describe.skipIf(!corpusAvailable)(`excalidraw corpus (${CORPUS_DIR})`, () => {
  const files = corpusFiles();

  it("has files to test", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s parses, graphs and digests", (name) => {
    const raw = readCorpus(name);
    const result = parseScene(raw);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    const { scene } = result;
    expect(scene.elements.length).toBeGreaterThan(0);
    expect(scene.elements.every((e) => e.isDeleted !== true)).toBe(true);

    const graph = sceneToGraph(scene);
    expect(graph.nodes.length).toBeGreaterThan(0);
    expect(graph.edges.length).toBeGreaterThan(0);

    // Every id the UI may highlight exists in the scene.
    const sceneIds = new Set(scene.elements.map((e) => e.id));
    for (const item of [...graph.nodes, ...graph.edges, ...graph.notes, ...graph.zones]) {
      for (const id of item.elementIds) expect(sceneIds.has(id), `${item.id} → ${id}`).toBe(true);
    }
    // Edges only point at ids that exist in the graph.
    const targets = new Set([...graph.nodes.map((n) => n.id), ...graph.zones.map((z) => z.id)]);
    for (const edge of graph.edges) {
      for (const end of [edge.from, edge.to]) if (end !== null) expect(targets.has(end)).toBe(true);
    }

    const digest = graphToDigest(graph);
    expect(estimateTokens(digest)).toBeLessThan(DIGEST_TOKEN_LIMIT);
    // Deterministic end to end, and the hash ignores how the same scene was obtained.
    const again = parseScene(JSON.parse(raw));
    expect(again.ok && graphToDigest(sceneToGraph(again.scene))).toBe(digest);
    expect(again.ok && hashScene(again.scene)).toBe(hashScene(scene));
  });

  it.runIf(files.includes("Hidayathamir__golang-clean-architecture__system-design.excalidraw"))(
    "drops the 63 deleted elements of the Hidayathamir system-design file",
    () => {
      const result = parseScene(readCorpus("Hidayathamir__golang-clean-architecture__system-design.excalidraw"));
      expect(result.ok && result.scene.elements.length).toBe(119);
    },
  );

  it.runIf(files.includes("Hidayathamir__golang-clean-architecture__architecture.excalidraw"))(
    "snaps the Hidayathamir architecture file's unbound arrows onto shapes",
    () => {
      const result = parseScene(readCorpus("Hidayathamir__golang-clean-architecture__architecture.excalidraw"));
      if (!result.ok) throw new Error(result.error.message);
      const graph = sceneToGraph(result.scene);
      expect(graph.unresolvedEdges).toBe(0);
      expect(graph.edges.filter((e) => e.confidence === 0.75).length).toBeGreaterThanOrEqual(9);
    },
  );

  it.runIf(files.includes("0xPolygon__kurtosis-cdk__architecture.excalidraw"))(
    "reads kurtosis-cdk's grouped DB icons as nodes labelled by their in-group captions",
    () => {
      const result = parseScene(readCorpus("0xPolygon__kurtosis-cdk__architecture.excalidraw"));
      if (!result.ok) throw new Error(result.error.message);
      const graph = sceneToGraph(result.scene);
      const dbs = graph.nodes.filter((n) => n.kind === "group" && /DB/.test(n.label));
      expect(dbs.length).toBe(11);
      expect(dbs.every((n) => n.labelSource === "group")).toBe(true);
      expect(graph.zones.map((z) => z.label)).toEqual([
        "Trusted / Central Environment",
        "CDK / Bridge Infra",
        "Permissonless Environment",
      ]);
    },
  );
});

// Without the corpus, say so in the report rather than passing silently.
if (!corpusAvailable) {
  describe("excalidraw corpus", () => {
    it.skip(CORPUS_SKIP_MESSAGE, () => {});
  });
}
