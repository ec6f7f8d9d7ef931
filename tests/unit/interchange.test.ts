import { describe, expect, it } from "vitest";
import { parseInterchange } from "@/lib/interchange/schema";

const valid = {
  format: "tradeoff-interview",
  version: 1,
  prompt: "design-chatgpt",
  framework: "seven-step",
  level: "senior",
  mode: "interview",
  durationMinutes: 45,
  startedAt: "2026-11-22T10:00:00Z",
  messages: [
    { id: "m1", role: "interviewer", content: "Hi", atSeconds: 0 },
    { id: "m2", role: "candidate", content: "How many users?", atSeconds: 40 },
  ],
  curveballs: [{ id: "cost-triples", atSeconds: 1500, messageId: "m1" }],
  diagram: { type: "excalidraw", version: 2, elements: [] },
  diagramSnapshots: [{ atSeconds: 1400, scene: { type: "excalidraw", version: 2, elements: [] } }],
};

describe("interchange format v1", () => {
  it("accepts the format as DESIGN.md §8 shows it, optional parts and all", () => {
    expect(parseInterchange(JSON.stringify(valid)).ok).toBe(true);
    const minimal: Record<string, unknown> = { ...valid };
    for (const optional of ["curveballs", "diagram", "diagramSnapshots"]) delete minimal[optional];
    expect(parseInterchange(JSON.stringify(minimal)).ok).toBe(true);
  });

  it.each([
    ["{ not json", /not valid JSON/],
    [JSON.stringify({ ...valid, format: "other" }), /^format: must be "tradeoff-interview"/],
    [JSON.stringify({ ...valid, version: 2 }), /^version: must be 1/],
    [
      JSON.stringify({ ...valid, messages: [{ ...valid.messages[0], atSeconds: "soon" }] }),
      /^messages\[0\]\.atSeconds: /,
    ],
    [
      JSON.stringify({ ...valid, messages: [...valid.messages, { ...valid.messages[1] }] }),
      /^messages\[2\]\.id: duplicate message id "m2"/,
    ],
    [
      JSON.stringify({ ...valid, curveballs: [{ id: "x", atSeconds: 1, messageId: "m9" }] }),
      /^curveballs\[0\]\.messageId: no message has id "m9"/,
    ],
    [JSON.stringify({ ...valid, startedAt: "yesterday" }), /^startedAt: must be an ISO date-time/],
    [JSON.stringify({ ...valid, level: "principal" }), /^level: /],
    [JSON.stringify({ ...valid, extra: 1 }), /^\(root\): .*extra/i],
  ])("rejects %s with the JSON path of the problem", (text, message) => {
    const result = parseInterchange(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
