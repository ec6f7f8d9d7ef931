import { describe, expect, it } from "vitest";
import {
  MAX_SCENE_BYTES,
  MAX_SCENE_ELEMENTS,
  MAX_TEXT_LENGTH,
  hashScene,
  measureSceneBytes,
  parseScene,
  utf8ByteLength,
} from "@/lib/diagram";
import { arrow, parsed, rect, sceneJson, text } from "./helpers";

function expectError(result: ReturnType<typeof parseScene>) {
  if (result.ok) throw new Error("expected the scene to be rejected");
  return result.error;
}

describe("parseScene", () => {
  it("accepts a full envelope and a bare {elements}", () => {
    const elements = [rect("a", 0, 0), text("t", 10, 10, "hello")];
    const full = parseScene(sceneJson(elements));
    const bare = parseScene({ elements });
    expect(full.ok && full.scene.elements.length).toBe(2);
    expect(bare.ok && bare.scene.type).toBe("excalidraw");
    expect(bare.ok && bare.scene.version).toBe(2);
  });

  it("accepts the raw JSON string and reports bad JSON as invalid", () => {
    expect(parseScene(JSON.stringify(sceneJson([rect("a", 0, 0)]))).ok).toBe(true);
    const error = expectError(parseScene("{ not json"));
    expect(error.code).toBe("invalid");
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("keeps unknown fields on elements and in the envelope", () => {
    const element = { ...rect("a", 0, 0), index: "a0", futureField: { nested: true } };
    const result = parseScene({ ...sceneJson([element]), somethingNew: 1 });
    expect(result.ok && result.scene.elements[0]?.futureField).toEqual({ nested: true });
  });

  it("names the JSON path of the first bad field", () => {
    const bad = { ...rect("a", 0, 0) };
    const elements = [rect("ok", 0, 0), bad];
    bad.x = "12";
    const error = expectError(parseScene(sceneJson(elements)));
    expect(error.code).toBe("invalid");
    expect(error.message).toMatch(/^elements\[1\]\.x: /);

    const badBinding = arrow("ar", [0, 0], [10, 10]);
    badBinding.endBinding = { elementId: 42, focus: 0, gap: 1 };
    expect(expectError(parseScene(sceneJson([badBinding]))).message).toMatch(/^elements\[0\]\.endBinding\.elementId: /);
  });

  it("rejects malformed envelopes and non-finite or absurd coordinates", () => {
    expect(expectError(parseScene(null)).code).toBe("invalid");
    expect(expectError(parseScene([])).code).toBe("invalid");
    expect(expectError(parseScene({ elements: "nope" })).message).toMatch(/^elements: /);
    expect(expectError(parseScene({ type: "excalidrawlib", elements: [] })).message).toMatch(/^type: /);
    expect(expectError(parseScene({ elements: [{ id: "x", type: "rectangle" }] })).message).toMatch(
      /^elements\[0\]\.x: /,
    );
    expect(expectError(parseScene({ elements: [rect("a", 1e300, 0)] })).message).toMatch(/^elements\[0\]\.x: /);
    expect(expectError(parseScene({ elements: [{ ...rect("a", 0, 0), id: "" }] })).message).toMatch(
      /^elements\[0\]\.id: /,
    );
  });

  it("rejects too many elements before validating them", () => {
    const elements = Array.from({ length: MAX_SCENE_ELEMENTS + 1 }, () => ({ junk: true }));
    const error = expectError(parseScene({ elements }, { byteLength: 10 }));
    expect(error.code).toBe("too_many_elements");
    expect(error.message).toContain(String(MAX_SCENE_ELEMENTS));
    // A custom cap applies too.
    expect(
      expectError(parseScene(sceneJson([rect("a", 0, 0), rect("b", 0, 0)]), { limits: { maxElements: 1 } })).code,
    ).toBe("too_many_elements");
  });

  it("rejects scenes over the byte cap, measured from the string, the object or the caller", () => {
    const big = sceneJson([{ ...rect("a", 0, 0), customData: { blob: "x".repeat(MAX_SCENE_BYTES) } }]);
    expect(expectError(parseScene(big)).code).toBe("too_large");
    expect(expectError(parseScene(JSON.stringify(big))).code).toBe("too_large");
    expect(expectError(parseScene(sceneJson([rect("a", 0, 0)]), { byteLength: MAX_SCENE_BYTES + 1 })).code).toBe(
      "too_large",
    );
    expect(expectError(parseScene(sceneJson([rect("a", 0, 0)]), { limits: { maxBytes: 100 } })).message).toMatch(
      /limit is 100 bytes/,
    );
  });

  it("rejects text longer than the per-element cap", () => {
    const long = text("t", 0, 0, "a".repeat(MAX_TEXT_LENGTH + 1));
    const error = expectError(parseScene(sceneJson([rect("a", 0, 0), long])));
    expect(error.code).toBe("invalid");
    expect(error.message).toBe(`elements[1].text: text longer than ${MAX_TEXT_LENGTH} characters`);
    expect(parseScene(sceneJson([text("t", 0, 0, "a".repeat(MAX_TEXT_LENGTH))])).ok).toBe(true);
    expect(parseScene(sceneJson([text("t", 0, 0, "a".repeat(50))]), { limits: { maxTextLength: 10 } }).ok).toBe(false);
  });

  it("drops deleted elements", () => {
    const scene = parsed([rect("live", 0, 0), { ...rect("gone", 0, 0), isDeleted: true }]);
    expect(scene.elements.map((e) => e.id)).toEqual(["live"]);
  });

  it("accepts all three binding shapes found in the wild, and null", () => {
    const bindings = [
      { elementId: "a", focus: 0.2, gap: 4 },
      { elementId: "a", fixedPoint: [0.5, 1], focus: 0.2, gap: 4 },
      { elementId: "a", fixedPoint: null, focus: 0.2, gap: 4 },
      { elementId: "a", fixedPoint: [0.5, 1], mode: "orbit" },
      null,
    ];
    for (const binding of bindings) {
      const element = { ...arrow("ar", [0, 0], [50, 0]), startBinding: binding, endBinding: binding };
      expect(parseScene(sceneJson([rect("a", 0, 0), element])).ok, JSON.stringify(binding)).toBe(true);
    }
  });
});

describe("byte measurement", () => {
  it("counts UTF-8 bytes, not UTF-16 units", () => {
    expect(utf8ByteLength("abc")).toBe(3);
    expect(utf8ByteLength("é")).toBe(2);
    expect(utf8ByteLength("→")).toBe(3);
    expect(utf8ByteLength("😀")).toBe(4);
    expect(measureSceneBytes({ a: "é" })).toBe(JSON.stringify({ a: "é" }).length + 1);
  });
});

describe("hashScene", () => {
  const elements = () => [rect("a", 0, 0), text("t", 10, 10, "hello"), arrow("ar", [0, 0], [100, 0])];

  it("is stable and ignores volatile fields, deleted elements and appState", () => {
    const first = parsed(elements());
    const touched = parsed(
      elements().map((e) => ({
        ...e,
        version: 99,
        versionNonce: 123,
        seed: 5,
        updated: 1,
        lastCommittedPoint: [1, 2],
      })),
    );
    expect(hashScene(first)).toMatch(/^[0-9a-f]{16}$/);
    expect(hashScene(touched)).toBe(hashScene(first));
    expect(hashScene({ ...first, appState: { scrollX: 500 } })).toBe(hashScene(first));
    expect(hashScene({ elements: [...elements(), { ...rect("gone", 0, 0), isDeleted: true }] })).toBe(hashScene(first));
    // Key order does not matter.
    const reordered = elements().map((e) => Object.fromEntries(Object.entries(e).reverse()));
    expect(hashScene({ elements: reordered })).toBe(hashScene(first));
  });

  it("changes when the drawing changes", () => {
    const original = hashScene(parsed(elements()));
    const moved = elements();
    moved[0] = { ...moved[0]!, x: 1 };
    const retitled = elements();
    retitled[1] = { ...retitled[1]!, text: "hello!" };
    expect(hashScene({ elements: moved })).not.toBe(original);
    expect(hashScene({ elements: retitled })).not.toBe(original);
    expect(hashScene({ elements: elements().slice(1) })).not.toBe(original);
    expect(hashScene({ elements: elements(), files: { f1: { mimeType: "image/png" } } })).not.toBe(original);
  });
});
