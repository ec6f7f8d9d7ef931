import "server-only";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import type { Message } from "@/lib/db/generated/client";
import { listLatestFollowUpBanks } from "@/lib/content/repository";
import {
  frameworkSchema,
  promptSchema,
  type FrameworkContent,
  type LevelKey,
  type PromptContent,
} from "@/lib/content/schema";
import { NotFoundError } from "@/lib/errors";
import type { DiagramGraph } from "@/lib/diagram";
import type { InterviewModeKey, InterviewState, MessageKindKey, MessageRoleKey, TranscriptMessage } from "./types";

/** Database access for interviews. Every read that takes an id also takes the owner, so nobody reads another's interview. */

type Db = PrismaClient | Prisma.TransactionClient;

export interface InterviewRecord {
  id: string;
  ownerId: string;
  status: "ACTIVE" | "ENDED";
  level: LevelKey;
  mode: InterviewModeKey;
  model: string;
  durationMinutes: number;
  clockScale: number;
  startedAt: Date;
  endsAt: Date;
  endedAt: Date | null;
  prompt: { id: string; slug: string; version: number; content: PromptContent };
  framework: { id: string; slug: string; version: number; content: FrameworkContent };
  rubricId: string;
}

export async function loadInterview(db: Db, id: string, ownerId: string): Promise<InterviewRecord> {
  const row = await db.interview.findUnique({ where: { id } });
  if (!row || row.ownerId !== ownerId) throw new NotFoundError("No such interview.");
  const [prompt, framework] = await Promise.all([
    cachedVersion(promptVersions, row.promptId, async () => {
      const p = await db.prompt.findUniqueOrThrow({ where: { id: row.promptId } });
      return { id: p.id, slug: p.slug, version: p.version, content: promptSchema.parse(p.data) };
    }),
    cachedVersion(frameworkVersions, row.frameworkId, async () => {
      const f = await db.framework.findUniqueOrThrow({ where: { id: row.frameworkId } });
      return { id: f.id, slug: f.slug, version: f.version, content: frameworkSchema.parse(f.data) };
    }),
  ]);
  return {
    id: row.id,
    ownerId: row.ownerId,
    status: row.status,
    level: row.level.toLowerCase() as LevelKey,
    mode: row.mode.toLowerCase() as InterviewModeKey,
    model: row.model,
    durationMinutes: row.durationMinutes,
    clockScale: row.clockScale,
    startedAt: row.startedAt,
    endsAt: row.endsAt,
    endedAt: row.endedAt,
    prompt,
    framework,
    rubricId: row.rubricId,
  };
}

// A content version never changes once written (editing makes a new one), so its parsed form can be
// kept: every turn and tick loads the interview, and reading and validating an 18 KB prompt each time
// was a large part of a turn's cost (bench:turn). Keyed by row id; bounded.
type Version<T> = { id: string; slug: string; version: number; content: T };
const VERSION_CACHE_LIMIT = 512;
const promptVersions = new Map<string, Promise<Version<PromptContent>>>();
const frameworkVersions = new Map<string, Promise<Version<FrameworkContent>>>();

function cachedVersion<T>(
  cache: Map<string, Promise<Version<T>>>,
  id: string,
  load: () => Promise<Version<T>>,
): Promise<Version<T>> {
  let entry = cache.get(id);
  if (!entry) {
    if (cache.size >= VERSION_CACHE_LIMIT) cache.clear();
    entry = load().catch((error: unknown) => {
      cache.delete(id);
      throw error;
    });
    cache.set(id, entry);
  }
  return entry;
}

/** Interview seconds elapsed at `now` (scaled), never past the end. */
export function elapsedSeconds(
  record: Pick<InterviewRecord, "startedAt" | "clockScale" | "durationMinutes">,
  now: Date,
): number {
  const seconds = ((now.getTime() - record.startedAt.getTime()) / 1000) * record.clockScale;
  return Math.max(0, Math.min(record.durationMinutes * 60, seconds));
}

export function secondsAt(record: Pick<InterviewRecord, "startedAt" | "clockScale">, at: Date): number {
  return Math.max(0, Math.round(((at.getTime() - record.startedAt.getTime()) / 1000) * record.clockScale));
}

/** Serialises writes to one interview's transcript (seq numbers), on Postgres and PGlite alike. */
export async function lockInterview(tx: Prisma.TransactionClient, id: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM interviews WHERE id = ${id}::uuid FOR UPDATE`;
}

export async function nextMessageSeq(tx: Prisma.TransactionClient, interviewId: string): Promise<number> {
  const last = await tx.message.findFirst({ where: { interviewId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return (last?.seq ?? 0) + 1;
}

export async function listMessages(db: Db, interviewId: string): Promise<Message[]> {
  return db.message.findMany({ where: { interviewId }, orderBy: { seq: "asc" } });
}

export function toTranscript(record: InterviewRecord, messages: Message[]): TranscriptMessage[] {
  return messages.map((m) => ({
    seq: m.seq,
    role: m.role.toLowerCase() as MessageRoleKey,
    kind: m.kind.toLowerCase() as MessageKindKey,
    content: m.content,
    atSeconds: secondsAt(record, m.createdAt),
    phase: m.phase,
  }));
}

/**
 * Builds the engine's input from the database at `now`. The generic follow-up banks are only read
 * for a reply (`withFollowUps`): the room's frequent ticks decide nudges and never need them.
 */
export async function loadEngineState(
  db: PrismaClient,
  record: InterviewRecord,
  now: Date,
  { withFollowUps = false }: { withFollowUps?: boolean } = {},
): Promise<InterviewState> {
  const [messages, curveballs, snapshots, followUpBanks] = await Promise.all([
    listMessages(db, record.id),
    db.curveballEvent.findMany({ where: { interviewId: record.id }, orderBy: { atSeconds: "asc" } }),
    db.diagramSnapshot.findMany({
      where: { interviewId: record.id },
      orderBy: { seq: "desc" },
      take: 1,
      select: { seq: true, graph: true, createdAt: true },
    }),
    withFollowUps ? listLatestFollowUpBanks(db) : Promise.resolve([]),
  ]);
  const lastInterviewer = [...messages].reverse().find((m) => m.role === "INTERVIEWER" && m.status !== "STREAMING");
  const boardThen = lastInterviewer
    ? await db.diagramSnapshot.findFirst({
        where: { interviewId: record.id, createdAt: { lte: lastInterviewer.createdAt } },
        orderBy: { seq: "desc" },
        select: { graph: true },
      })
    : null;
  const current = snapshots[0];
  return {
    prompt: record.prompt.content,
    framework: record.framework.content,
    level: record.level,
    mode: record.mode,
    durationMinutes: record.durationMinutes,
    elapsedSeconds: elapsedSeconds(record, now),
    messages: toTranscript(
      record,
      messages.filter((m) => m.status !== "STREAMING"),
    ),
    curveballsIssued: curveballs.map((c) => ({ key: c.curveballKey, atSeconds: c.atSeconds })),
    followUps: followUpBanks.flatMap((bank) =>
      bank.questions.map((q) => ({ key: `${bank.slug}/${q.key}`, question: q.question, dimension: q.dimension })),
    ),
    nudgesIssued: messages
      .filter((m) => m.kind === "NUDGE" && m.eventKey)
      .map((m) => m.eventKey!.replace(/^nudge:/, "")),
    diagram: {
      current: (current?.graph as DiagramGraph | null | undefined) ?? null,
      atLastInterviewerTurn: (boardThen?.graph as DiagramGraph | null | undefined) ?? null,
      snapshotSeq: current?.seq ?? null,
    },
  };
}
