import { describe, expect, it } from "vitest";
import type { DiagramGraph } from "@/lib/diagram";
import { buildReplay, frameIndexAt, graphItemFor, messageCountAt } from "@/lib/review/replay";

const start = new Date("2026-11-22T10:00:00Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const message = (seq: number, seconds: number, extra: Partial<{ status: string; content: string }> = {}) => ({
  id: `m${seq}`,
  seq,
  role: seq % 2 ? "INTERVIEWER" : "CANDIDATE",
  kind: "CHAT",
  status: "COMPLETE",
  content: `message ${seq}`,
  createdAt: at(seconds),
  ...extra,
});
const graph = (ids: string[]): DiagramGraph => ({
  elementCount: ids.length,
  nodes: ids.map((id, i) => ({
    id: `n${i + 1}`,
    label: id.toUpperCase(),
    kind: "shape",
    shape: "rectangle",
    labelSource: "bound",
    labelConfidence: 1,
    zone: null,
    box: { minX: 0, minY: 0, maxX: 10, maxY: 10 },
    elementIds: [id, `${id}-t`],
    labelElementIds: [`${id}-t`],
  })),
  edges: [],
  notes: [],
  zones: [],
  unresolvedEdges: 0,
});

describe("buildReplay", () => {
  const replay = buildReplay({
    startedAt: start,
    endedAt: at(600),
    clockScale: 1,
    durationMinutes: 30,
    messages: [
      message(2, 60),
      message(1, 0),
      message(3, 120),
      message(4, 130, { status: "STREAMING" }), // still being written: not part of the replay
      message(5, 140, { status: "FAILED", content: "" }),
    ],
    snapshots: [
      { seq: 2, createdAt: at(300), graph: graph(["a", "b"]) },
      { seq: 1, createdAt: at(90), graph: graph(["a"]) },
    ],
  });

  it("puts messages and snapshots on one axis of interview seconds, in order", () => {
    expect(replay.messages.map((m) => [m.seq, m.atSeconds, m.role])).toEqual([
      [1, 0, "interviewer"],
      [2, 60, "candidate"],
      [3, 120, "interviewer"],
    ]);
    expect(replay.frames.map((f) => [f.seq, f.atSeconds])).toEqual([
      [1, 90],
      [2, 300],
    ]);
    expect(replay.endSeconds).toBe(600);
    expect(replay.durationSeconds).toBe(1800);
  });

  it("at time t: the last snapshot saved by t and the messages written by t", () => {
    expect(frameIndexAt(replay, 0)).toBe(-1); // the empty board
    expect(frameIndexAt(replay, 89)).toBe(-1);
    expect(frameIndexAt(replay, 90)).toBe(0);
    expect(frameIndexAt(replay, 299)).toBe(0);
    expect(frameIndexAt(replay, 10_000)).toBe(1);
    expect(messageCountAt(replay, 0)).toBe(1);
    expect(messageCountAt(replay, 59)).toBe(1);
    expect(messageCountAt(replay, 60)).toBe(2);
    expect(messageCountAt(replay, 600)).toBe(3);
  });

  it("scales offsets by the interview's clock and never lets them run backwards", () => {
    const fast = buildReplay({
      startedAt: start,
      endedAt: at(61),
      clockScale: 30,
      durationMinutes: 30,
      messages: [message(1, 0), message(2, 10), message(3, 9)],
      snapshots: [],
    });
    expect(fast.messages.map((m) => m.atSeconds)).toEqual([0, 300, 300]);
    expect(fast.endSeconds).toBe(1830);
  });

  it("ends at the last event when there is no end time yet", () => {
    const open = buildReplay({
      startedAt: start,
      endedAt: null,
      clockScale: 1,
      durationMinutes: 1,
      messages: [message(1, 120)],
      snapshots: [],
    });
    expect(open.endSeconds).toBe(120);
  });
});

describe("graphItemFor", () => {
  it("finds the graph item drawn from an Excalidraw element, shape or label", () => {
    const g = graph(["a", "b"]);
    expect(graphItemFor(g, "b")).toEqual({ id: "n2", label: "B" });
    expect(graphItemFor(g, "a-t")).toEqual({ id: "n1", label: "A" });
    expect(graphItemFor(g, "zzz")).toBeNull();
    expect(graphItemFor(null, "a")).toBeNull();
  });
});
