import { describe, expect, it } from "vitest";
import { parseScene, sceneToGraph } from "@/lib/diagram";
import { CANDIDATE_TURNS, boardSpecAt, sceneAt } from "@/bench/support/interview-script";
import { syntheticScene } from "@/bench/support/scenes";

describe("benchmark scenes", () => {
  it.each([10, 100, 1_000])("a synthetic scene of %i elements has exactly that many, all valid", (size) => {
    const scene = syntheticScene(size);
    expect(scene.elements).toHaveLength(size);
    expect(new Set(scene.elements.map((e) => e.id)).size).toBe(size);
    const parsed = parseScene(scene);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(sceneToGraph(parsed.scene).nodes.length).toBeGreaterThan(size / 5);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(syntheticScene(100))).toBe(JSON.stringify(syntheticScene(100)));
  });

  it("scripts 40 candidate turns and a board that grows to about 60 elements", () => {
    expect(CANDIDATE_TURNS).toHaveLength(40);
    expect(sceneAt(0)).toBeNull();
    const final = sceneAt(CANDIDATE_TURNS.length)!;
    expect(final.elements.length).toBeGreaterThanOrEqual(55);
    expect(final.elements.length).toBeLessThanOrEqual(65);
    const parsed = parseScene(final);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(sceneToGraph(parsed.scene).nodes).toHaveLength(boardSpecAt(40).boxes.length);
  });
});
