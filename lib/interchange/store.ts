import "server-only";
import { frameworkSchema, promptSchema } from "@/lib/content/schema";
import { DEFAULT_RUBRIC_SLUG } from "@/lib/content/validate";
import type { PrismaClient } from "@/lib/db/generated/client";
import { graphToDigest, hashScene, parseScene, sceneToGraph } from "@/lib/diagram";
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { secondsAt } from "@/lib/interview/store";
import type { InterchangeDoc } from "./schema";

/** Database ↔ interchange file. Message ids in files are `m<seq>`, so exports are stable and round-trip. */

export async function exportInterview(
  prisma: PrismaClient,
  id: string,
  ownerId: string | null,
): Promise<InterchangeDoc> {
  const row = await prisma.interview.findUnique({
    where: { id },
    include: {
      prompt: true,
      framework: true,
      rubric: true,
      messages: { orderBy: { seq: "asc" } },
      snapshots: { orderBy: { seq: "asc" } },
      curveballs: { orderBy: { atSeconds: "asc" } },
    },
  });
  if (!row || (ownerId !== null && row.ownerId !== ownerId)) throw new NotFoundError("No such interview.");
  const record = { startedAt: row.startedAt, clockScale: row.clockScale };
  const seqOf = new Map(row.messages.map((m) => [m.id, m.seq]));
  const snapshots = row.snapshots.map((s) => ({
    atSeconds: secondsAt(record, s.createdAt),
    scene: s.scene as { elements: unknown[] },
  }));
  return {
    format: "tradeoff-interview",
    version: 1,
    prompt: row.prompt.slug,
    promptVersion: row.prompt.version,
    framework: row.framework.slug,
    frameworkVersion: row.framework.version,
    rubric: row.rubric.slug,
    level: row.level.toLowerCase() as InterchangeDoc["level"],
    mode: row.mode.toLowerCase() as InterchangeDoc["mode"],
    durationMinutes: row.durationMinutes,
    startedAt: row.startedAt.toISOString(),
    messages: row.messages.map((m) => ({
      id: `m${m.seq}`,
      role: m.role.toLowerCase() as "candidate" | "interviewer" | "system",
      content: m.content,
      atSeconds: secondsAt(record, m.createdAt),
      kind: m.kind.toLowerCase() as "chat" | "curveball" | "nudge" | "hint",
    })),
    ...(row.curveballs.length > 0 && {
      curveballs: row.curveballs.map((c) => ({
        id: c.curveballKey,
        atSeconds: c.atSeconds,
        ...(c.messageId && seqOf.has(c.messageId) && { messageId: `m${seqOf.get(c.messageId)}` }),
      })),
    }),
    ...(snapshots.length > 0 && { diagram: snapshots.at(-1)!.scene, diagramSnapshots: snapshots }),
  };
}

/**
 * Stores an interchange file as an ended interview owned by `ownerId`. Everything is validated
 * first (content slugs, every scene); nothing is stored unless all of it can be.
 */
export async function importInterview(
  prisma: PrismaClient,
  ownerId: string,
  doc: InterchangeDoc,
): Promise<{ id: string }> {
  const [prompt, framework, rubric] = await Promise.all([
    prisma.prompt.findFirst({
      where: { slug: doc.prompt, ...(doc.promptVersion && { version: doc.promptVersion }) },
      orderBy: { version: "desc" },
    }),
    prisma.framework.findFirst({
      where: { slug: doc.framework, ...(doc.frameworkVersion && { version: doc.frameworkVersion }) },
      orderBy: { version: "desc" },
    }),
    prisma.rubric.findFirst({ where: { slug: doc.rubric ?? DEFAULT_RUBRIC_SLUG }, orderBy: { version: "desc" } }),
  ]);
  if (!prompt)
    throw new BadRequestError(
      `prompt: unknown prompt "${doc.prompt}"${doc.promptVersion ? ` version ${doc.promptVersion}` : ""}.`,
      "unknown_prompt",
    );
  if (!framework) throw new BadRequestError(`framework: unknown framework "${doc.framework}".`, "unknown_framework");
  if (!rubric)
    throw new BadRequestError(`rubric: unknown rubric "${doc.rubric ?? DEFAULT_RUBRIC_SLUG}".`, "unknown_rubric");
  promptSchema.parse(prompt.data);
  frameworkSchema.parse(framework.data);

  const startedAt = new Date(doc.startedAt);
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);
  const lastSecond = Math.max(...doc.messages.map((m) => m.atSeconds));
  const sceneList = doc.diagramSnapshots ?? (doc.diagram ? [{ atSeconds: lastSecond, scene: doc.diagram }] : []);
  const snapshots = sceneList.map((s, i) => {
    const parsed = parseScene(s.scene);
    if (!parsed.ok) throw new BadRequestError(`diagramSnapshots[${i}].scene: ${parsed.error.message}`, "invalid_scene");
    const graph = sceneToGraph(parsed.scene);
    return {
      seq: i + 1,
      atSeconds: s.atSeconds,
      scene: parsed.scene,
      graph,
      digest: graphToDigest(graph),
      hash: hashScene(parsed.scene),
    };
  });
  const ordered = [...doc.messages].sort((a, b) => a.atSeconds - b.atSeconds);

  return prisma.$transaction(async (tx) => {
    const interview = await tx.interview.create({
      data: {
        ownerId,
        promptId: prompt.id,
        frameworkId: framework.id,
        rubricId: rubric.id,
        level: doc.level.toUpperCase() as "MID" | "SENIOR" | "STAFF",
        mode: doc.mode.toUpperCase() as "INTERVIEW" | "COACH",
        model: "imported",
        durationMinutes: doc.durationMinutes,
        status: "ENDED",
        startedAt,
        endsAt: at(doc.durationMinutes * 60),
        endedAt: at(Math.min(doc.durationMinutes * 60, lastSecond)),
      },
    });
    const idOf = new Map<string, string>();
    for (const [i, m] of ordered.entries()) {
      const created = await tx.message.create({
        data: {
          interviewId: interview.id,
          seq: i + 1,
          role: m.role.toUpperCase() as "CANDIDATE" | "INTERVIEWER" | "SYSTEM",
          kind: (m.kind ?? "chat").toUpperCase() as "CHAT" | "CURVEBALL" | "NUDGE" | "HINT",
          content: m.content,
          createdAt: at(m.atSeconds),
        },
      });
      idOf.set(m.id, created.id);
    }
    for (const s of snapshots) {
      await tx.diagramSnapshot.create({
        data: {
          interviewId: interview.id,
          seq: s.seq,
          sceneHash: s.hash,
          scene: s.scene as object,
          graph: s.graph as object,
          digest: s.digest,
          createdAt: at(s.atSeconds),
        },
      });
    }
    for (const c of doc.curveballs ?? []) {
      const snapshotSeq = snapshots.filter((s) => s.atSeconds <= c.atSeconds).at(-1)?.seq ?? null;
      await tx.curveballEvent.create({
        data: {
          interviewId: interview.id,
          curveballKey: c.id,
          atSeconds: Math.round(c.atSeconds),
          messageId: c.messageId ? (idOf.get(c.messageId) ?? null) : null,
          snapshotSeq,
        },
      });
    }
    return { id: interview.id };
  });
}
