/**
 * The board replay: every board snapshot and every message on one time axis, in interview seconds
 * (scaled by the interview's clock, like the report's timestamps), so a scrubber at time t shows the
 * snapshot saved last at or before t and the messages written up to t. `buildReplay` and the lookups
 * are pure (unit-tested, and used in the browser); `loadReplay` reads the rows.
 */
import type { DiagramGraph } from "@/lib/diagram";
import type { Replay, ReplayMessage } from "./types";

export interface ReplayInput {
  startedAt: Date;
  endedAt: Date | null;
  clockScale: number;
  durationMinutes: number;
  messages: {
    id: string;
    seq: number;
    role: string;
    kind: string;
    status: string;
    content: string;
    createdAt: Date;
  }[];
  snapshots: { seq: number; createdAt: Date; graph: unknown }[];
}

function offsetSeconds(input: Pick<ReplayInput, "startedAt" | "clockScale">, at: Date): number {
  return Math.max(0, Math.round(((at.getTime() - input.startedAt.getTime()) / 1000) * input.clockScale));
}

/** Offsets never go backwards in seq order (clocks are rounded to whole seconds), so lookups can stop early. */
function monotonic<T extends { atSeconds: number }>(items: T[]): T[] {
  let latest = 0;
  return items.map((item) => {
    latest = Math.max(latest, item.atSeconds);
    return { ...item, atSeconds: latest };
  });
}

export function buildReplay(input: ReplayInput): Replay {
  const messages: ReplayMessage[] = monotonic(
    input.messages
      // A reply still streaming (or one that failed before a word) is not part of what happened.
      .filter((m) => m.status.toUpperCase() !== "STREAMING" && !(m.status.toUpperCase() === "FAILED" && !m.content))
      .sort((a, b) => a.seq - b.seq)
      .map((m) => ({
        id: m.id,
        seq: m.seq,
        role: m.role.toLowerCase() as ReplayMessage["role"],
        kind: m.kind.toLowerCase() as ReplayMessage["kind"],
        content: m.content,
        atSeconds: offsetSeconds(input, m.createdAt),
      })),
  );
  const frames = monotonic(
    [...input.snapshots]
      .sort((a, b) => a.seq - b.seq)
      .map((s) => ({
        seq: s.seq,
        atSeconds: offsetSeconds(input, s.createdAt),
        graph: (s.graph ?? null) as DiagramGraph | null,
      })),
  );
  const durationSeconds = input.durationMinutes * 60;
  const ended = input.endedAt ? offsetSeconds(input, input.endedAt) : durationSeconds;
  const lastEvent = Math.max(0, ...messages.map((m) => m.atSeconds), ...frames.map((f) => f.atSeconds));
  return { endSeconds: Math.max(ended, lastEvent), durationSeconds, frames, messages };
}

/** Index of the snapshot showing at `t` (the last one saved at or before t), or -1 for the empty board. */
export function frameIndexAt(replay: Pick<Replay, "frames">, t: number): number {
  let found = -1;
  for (let i = 0; i < replay.frames.length; i++) {
    if ((replay.frames[i]?.atSeconds ?? Infinity) <= t) found = i;
    else break;
  }
  return found;
}

/** How many messages had been written by `t` (messages are in time order). */
export function messageCountAt(replay: Pick<Replay, "messages">, t: number): number {
  let count = 0;
  for (const m of replay.messages) {
    if (m.atSeconds <= t) count++;
    else break;
  }
  return count;
}

/** The short id (n3, z1…) of the graph item drawn from Excalidraw element `elementId`, if any. */
export function graphItemFor(graph: DiagramGraph | null, elementId: string): { id: string; label: string } | null {
  if (!graph) return null;
  for (const item of [...graph.nodes, ...graph.zones]) {
    if (item.elementIds.includes(elementId)) return { id: item.id, label: item.label };
  }
  for (const edge of graph.edges) {
    if (edge.elementIds.includes(elementId)) return { id: edge.id, label: edge.label };
  }
  for (const note of graph.notes) {
    if (note.elementIds.includes(elementId)) return { id: note.id, label: note.text };
  }
  return null;
}
