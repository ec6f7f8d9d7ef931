import "server-only";
import { frameworkSchema, promptSchema, rubricSchema, type LevelKey } from "@/lib/content/schema";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { DiagramGraph } from "@/lib/diagram";
import { secondsAt } from "@/lib/interview/store";
import type { ScoringInput } from "./types";

/** Reads everything scoring needs for one interview, pinned to the versions the interview ran with. */
export async function loadScoringInput(prisma: PrismaClient, interviewId: string): Promise<ScoringInput> {
  const row = await prisma.interview.findUniqueOrThrow({
    where: { id: interviewId },
    include: {
      prompt: true,
      framework: true,
      rubric: true,
      messages: { orderBy: { seq: "asc" } },
      snapshots: { orderBy: { seq: "asc" }, select: { seq: true, createdAt: true, graph: true } },
      curveballs: { orderBy: { atSeconds: "asc" } },
    },
  });
  const clock = { startedAt: row.startedAt, clockScale: row.clockScale };
  return {
    prompt: promptSchema.parse(row.prompt.data),
    framework: frameworkSchema.parse(row.framework.data),
    rubric: rubricSchema.parse(row.rubric.data),
    level: row.level.toLowerCase() as LevelKey,
    mode: row.mode.toLowerCase() as "interview" | "coach",
    durationMinutes: row.durationMinutes,
    messages: row.messages
      .filter((m) => m.status !== "STREAMING")
      .map((m) => ({
        id: m.id,
        seq: m.seq,
        role: m.role.toLowerCase() as "candidate" | "interviewer" | "system",
        kind: m.kind.toLowerCase() as "chat" | "curveball" | "nudge" | "hint",
        content: m.content,
        atSeconds: secondsAt(clock, m.createdAt),
      })),
    curveballs: row.curveballs.map((c) => ({
      key: c.curveballKey,
      atSeconds: c.atSeconds,
      messageId: c.messageId,
      snapshotSeq: c.snapshotSeq,
    })),
    snapshots: row.snapshots
      .filter((s) => s.graph !== null)
      .map((s) => ({
        seq: s.seq,
        atSeconds: secondsAt(clock, s.createdAt),
        graph: s.graph as unknown as DiagramGraph,
      })),
  };
}
