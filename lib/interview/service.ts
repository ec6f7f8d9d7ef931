import "server-only";
import { z } from "zod";
import { getLatestPrompt, getLatestRubric, listLatestFrameworks } from "@/lib/content/repository";
import { DEFAULT_RUBRIC_SLUG } from "@/lib/content/validate";
import type { Message, PrismaClient } from "@/lib/db/generated/client";
import { graphToDigest, hashScene, parseScene, sceneToGraph } from "@/lib/diagram";
import { BadRequestError, ConflictError, PayloadTooLargeError } from "@/lib/errors";
import type { ChatResult, LlmCallRecord, LlmProvider } from "@/lib/llm";
import { buildInterviewerContext, dueNudge, nextHint, offlineReply, openingMessage, planTurn } from "@/lib/interview";
import { actualPhaseMinutes } from "./phase-tracking";
import { planPhases, type PlannedPhase } from "./phases";
import type { RoomMessage, RoomState } from "./room";

export type { RoomMessage, RoomState } from "./room";
import {
  elapsedSeconds,
  listMessages,
  loadEngineState,
  loadInterview,
  lockInterview,
  nextMessageSeq,
  secondsAt,
  type InterviewRecord,
} from "./store";

/**
 * The interview room's use cases. Route handlers parse and authorize; these functions do the work,
 * with their dependencies passed in so tests can run them against a real database and a mock model.
 */
export interface InterviewDeps {
  prisma: PrismaClient;
  now(): Date;
  /** The provider chain for a model id (chosen model first, offline last); throws for an unknown id. */
  chainFor(modelId: string): LlmProvider[];
  /** Model ids offered to the candidate. */
  modelIds(): string[];
  streamWithFallback(
    chain: LlmProvider[],
    req: Parameters<LlmProvider["streamChat"]>[0],
    handlers: { onText(delta: string): void; onRestart?(): void },
    deps: { record(call: LlmCallRecord): Promise<void> },
  ): Promise<ChatResult>;
  /** Interview seconds per real second for new interviews (1 except in tests). */
  clockScale: number;
  /** Called once when an interview ends (by the deadline or the candidate); production queues its report. */
  onEnded?(interviewId: string): void;
}

export const MAX_MESSAGE_CHARS = 8_000;
export const MAX_SCENE_BYTES = 2 * 1024 * 1024;

export const startInterviewSchema = z.strictObject({
  promptSlug: z.string().min(1).max(100),
  frameworkSlug: z.string().min(1).max(100),
  durationMinutes: z.union([z.literal(30), z.literal(45), z.literal(60)], {
    error: "durationMinutes must be 30, 45 or 60",
  }),
  level: z.enum(["mid", "senior", "staff"]),
  mode: z.enum(["interview", "coach"]),
  model: z.string().min(1).max(200),
});
export type StartInterviewInput = z.infer<typeof startInterviewSchema>;

export const candidateMessageSchema = z.strictObject({
  clientId: z.string().min(8, "clientId must be at least 8 characters").max(100),
  content: z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, "the message is empty")
        .max(MAX_MESSAGE_CHARS, `the message is longer than ${MAX_MESSAGE_CHARS} characters`),
    ),
});
export type CandidateMessageInput = z.infer<typeof candidateMessageSchema>;

const upper = <T extends string>(value: T) => value.toUpperCase() as Uppercase<T>;

export async function startInterview(
  deps: InterviewDeps,
  ownerId: string,
  input: StartInterviewInput,
): Promise<{ id: string }> {
  const { prisma } = deps;
  const [prompt, frameworks, rubric] = await Promise.all([
    getLatestPrompt(prisma, input.promptSlug),
    listLatestFrameworks(prisma),
    getLatestRubric(prisma, DEFAULT_RUBRIC_SLUG),
  ]);
  if (!prompt) throw new BadRequestError(`Unknown prompt "${input.promptSlug}".`, "unknown_prompt");
  const framework = frameworks.find((f) => f.content.slug === input.frameworkSlug);
  if (!framework) throw new BadRequestError(`Unknown framework "${input.frameworkSlug}".`, "unknown_framework");
  if (!rubric) throw new ConflictError("The scoring rubric is missing; run `npm run content:import`.");
  if (!deps.modelIds().includes(input.model)) {
    throw new BadRequestError(
      `Unknown model "${input.model}". Available: ${deps.modelIds().join(", ")}.`,
      "unknown_model",
    );
  }
  const startedAt = deps.now();
  const endsAt = new Date(startedAt.getTime() + (input.durationMinutes * 60_000) / deps.clockScale);
  const opening = openingMessage(prompt.content, framework.content, input.mode, input.durationMinutes);
  const phase = planPhases(framework.content.steps, input.durationMinutes)[0]?.key ?? null;

  const interview = await prisma.interview.create({
    data: {
      ownerId,
      promptId: prompt.id,
      frameworkId: framework.id,
      rubricId: rubric.id,
      level: upper(input.level),
      mode: upper(input.mode),
      model: input.model,
      durationMinutes: input.durationMinutes,
      clockScale: deps.clockScale,
      startedAt,
      endsAt,
      messages: {
        create: {
          seq: 1,
          role: "INTERVIEWER",
          kind: "CHAT",
          status: "COMPLETE",
          content: opening,
          phase,
          createdAt: startedAt,
        },
      },
    },
  });
  return { id: interview.id };
}

// ───────────────────────── the room's view of an interview ─────────────────────────

export function toRoomMessage(record: InterviewRecord, m: Message): RoomMessage {
  return {
    id: m.id,
    seq: m.seq,
    role: m.role.toLowerCase() as RoomMessage["role"],
    kind: m.kind.toLowerCase() as RoomMessage["kind"],
    status: m.status.toLowerCase() as RoomMessage["status"],
    content: m.content,
    clientId: m.clientId,
    replyToSeq: m.replyToSeq,
    atSeconds: secondsAt(record, m.createdAt),
  };
}

export async function getRoomState(deps: InterviewDeps, ownerId: string, id: string): Promise<RoomState> {
  const record = await endIfOverdue(deps, await loadInterview(deps.prisma, id, ownerId));
  const [messages, board] = await Promise.all([
    listMessages(deps.prisma, id),
    deps.prisma.diagramSnapshot.findFirst({
      where: { interviewId: id },
      orderBy: { seq: "desc" },
      select: { seq: true, sceneHash: true, scene: true },
    }),
  ]);
  const now = deps.now();
  const roomMessages = messages.map((m) => toRoomMessage(record, m));
  const elapsed = elapsedSeconds(record, now);
  return {
    interview: {
      id: record.id,
      status: record.status === "ACTIVE" ? "active" : "ended",
      level: record.level,
      mode: record.mode,
      model: record.model,
      durationMinutes: record.durationMinutes,
      clockScale: record.clockScale,
      startedAt: record.startedAt.toISOString(),
      endsAt: record.endsAt.toISOString(),
      serverNow: now.toISOString(),
      elapsedSeconds: elapsed,
    },
    prompt: {
      slug: record.prompt.slug,
      version: record.prompt.version,
      title: record.prompt.content.title,
      brief: record.prompt.content.brief,
    },
    framework: {
      slug: record.framework.slug,
      version: record.framework.version,
      title: record.framework.content.title,
    },
    phases: planPhases(record.framework.content.steps, record.durationMinutes),
    guide:
      record.mode === "coach"
        ? record.framework.content.steps.map((s) => ({
            key: s.key,
            title: s.title,
            goal: s.goal,
            keyQuestions: s.keyQuestions,
          }))
        : null,
    phaseActuals: actualPhaseMinutes(
      record.framework.content.steps,
      roomMessages.filter((m) => m.role === "candidate"),
      elapsed,
    ),
    messages: roomMessages,
    board: board ? { seq: board.seq, hash: board.sceneHash, scene: board.scene } : null,
  };
}

// ───────────────────────── a candidate turn ─────────────────────────

function assertOpen(record: InterviewRecord, now: Date) {
  if (record.status !== "ACTIVE" || now >= record.endsAt) {
    throw new ConflictError("The interview has ended; messages can no longer be sent.", "interview_ended");
  }
}

/** Stores the candidate's message before anything else happens. Idempotent on clientId. */
export async function submitCandidateMessage(
  deps: InterviewDeps,
  ownerId: string,
  id: string,
  input: CandidateMessageInput,
): Promise<{ record: InterviewRecord; message: Message; duplicate: boolean }> {
  const record = await loadInterview(deps.prisma, id, ownerId);
  return deps.prisma.$transaction(async (tx) => {
    await lockInterview(tx, id);
    const existing = await tx.message.findUnique({
      where: { interviewId_clientId: { interviewId: id, clientId: input.clientId } },
    });
    if (existing) return { record, message: existing, duplicate: true };
    const now = deps.now();
    assertOpen(record, now);
    const phases = planPhases(record.framework.content.steps, record.durationMinutes);
    const message = await tx.message.create({
      data: {
        interviewId: id,
        seq: await nextMessageSeq(tx, id),
        role: "CANDIDATE",
        kind: "CHAT",
        status: "COMPLETE",
        content: input.content,
        clientId: input.clientId,
        phase: phaseAt(phases, elapsedSeconds(record, now)),
        createdAt: now,
      },
    });
    return { record, message, duplicate: false };
  });
}

export type ReplyEvent =
  | { type: "reply-start"; message: RoomMessage }
  | { type: "delta"; text: string }
  | { type: "restart" }
  | { type: "reply-done"; message: RoomMessage };

const FLUSH_EVERY_MS = 400;

/**
 * Produces (or finds) the interviewer's reply to candidate message `candidateSeq`: the engine decides
 * what happens in code, the model words it, the reply streams through `emit` and is persisted as it grows.
 */
export async function replyTo(
  deps: InterviewDeps,
  record: InterviewRecord,
  candidateSeq: number,
  emit: (event: ReplyEvent) => void,
): Promise<RoomMessage> {
  const { prisma } = deps;
  let existing = await prisma.message.findFirst({
    where: { interviewId: record.id, replyToSeq: candidateSeq, status: { not: "FAILED" } },
  });
  if (existing?.status === "STREAMING" && !streamingReplies.has(existing.id)) {
    // No one in this process is writing it: its stream died with the database or a crash before it
    // could be marked. Fail it, so this retry writes a new reply instead of showing "…" forever.
    await failOrphanedReply(prisma, existing);
    existing = null;
  }
  if (existing) {
    const message = toRoomMessage(record, existing);
    emit({ type: "reply-done", message });
    return message;
  }

  const now = deps.now();
  const state = await loadEngineState(prisma, record, now, { withFollowUps: true });
  const plan = planTurn(state);
  const offlineText = offlineReply(state, plan);
  const context = buildInterviewerContext(state, plan);
  const curveball = plan.action.kind === "curveball" ? plan.action.curveball : null;

  const created = await prisma.$transaction(async (tx) => {
    await lockInterview(tx, record.id);
    const seq = await nextMessageSeq(tx, record.id);
    const message = await tx.message.create({
      data: {
        interviewId: record.id,
        seq,
        role: "INTERVIEWER",
        kind: curveball ? "CURVEBALL" : "CHAT",
        status: "STREAMING",
        content: "",
        replyToSeq: candidateSeq,
        eventKey: curveball ? `curveball:${curveball.key}` : null,
        phase: plan.currentPhase.key,
        createdAt: now,
      },
    });
    if (curveball) {
      await tx.curveballEvent.create({
        data: {
          interviewId: record.id,
          curveballKey: curveball.key,
          messageId: message.id,
          snapshotSeq: state.diagram.snapshotSeq,
          atSeconds: Math.round(state.elapsedSeconds),
        },
      });
    }
    return message;
  });
  streamingReplies.add(created.id);
  emit({ type: "reply-start", message: toRoomMessage(record, created) });

  let text = "";
  let lastFlush = Date.now();
  let flushing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    const content = text;
    flushing = flushing
      .then(() => prisma.message.update({ where: { id: created.id }, data: { content } }))
      .catch(() => {});
  };

  try {
    const result = await deps.streamWithFallback(
      deps.chainFor(record.model),
      {
        purpose: "interviewer",
        promptRef: context.promptRef,
        cachedSystem: context.cachedSystem,
        dynamicSystem: context.dynamicSystem,
        messages: context.messages,
        maxTokens: 600,
        temperature: 0.4,
        offlineText,
      },
      {
        onText: (delta) => {
          text += delta;
          emit({ type: "delta", text: delta });
          if (Date.now() - lastFlush >= FLUSH_EVERY_MS) {
            lastFlush = Date.now();
            flush();
          }
        },
        onRestart: () => {
          text = "";
          emit({ type: "restart" });
        },
      },
      {
        record: async (call) => {
          await prisma.llmCall.create({ data: { ...call, userId: record.ownerId, interviewId: record.id } });
        },
      },
    );
    await flushing;
    const done = await prisma.message.update({
      where: { id: created.id },
      data: { content: result.text, status: "COMPLETE" },
    });
    const message = toRoomMessage(record, done);
    emit({ type: "reply-done", message });
    return message;
  } catch (error) {
    await flushing;
    // A failed reply gives its event key back, so a retry can issue the same curveball.
    const failed = await prisma.message.update({
      where: { id: created.id },
      data: { content: text, status: "FAILED", eventKey: null },
    });
    if (curveball)
      await prisma.curveballEvent.deleteMany({ where: { interviewId: record.id, curveballKey: curveball.key } });
    const message = toRoomMessage(record, failed);
    emit({ type: "reply-done", message });
    throw error;
  } finally {
    streamingReplies.delete(created.id);
  }
}

/**
 * Interviewer replies this process is streaming right now (kept on globalThis: route handlers can be
 * bundled separately, and each bundle must see the same set). A STREAMING row not in it is orphaned.
 * With several app instances on one database this would need a heartbeat column instead.
 */
const streamingHolder = globalThis as typeof globalThis & { __tradeoffStreamingReplies?: Set<string> };
const streamingReplies = (streamingHolder.__tradeoffStreamingReplies ??= new Set<string>());

async function failOrphanedReply(
  prisma: PrismaClient,
  reply: { id: string; interviewId: string; eventKey: string | null },
) {
  const updated = await prisma.message.updateMany({
    where: { id: reply.id, status: "STREAMING" },
    data: { status: "FAILED", eventKey: null },
  });
  if (updated.count > 0 && reply.eventKey?.startsWith("curveball:")) {
    await prisma.curveballEvent.deleteMany({
      where: { interviewId: reply.interviewId, curveballKey: reply.eventKey.slice("curveball:".length) },
    });
  }
}

// ───────────────────────── time: nudges and the deadline ─────────────────────────

async function endIfOverdue(deps: InterviewDeps, record: InterviewRecord): Promise<InterviewRecord> {
  if (record.status === "ACTIVE" && deps.now() >= record.endsAt) {
    const ended = await deps.prisma.interview.updateMany({
      where: { id: record.id, status: "ACTIVE" },
      data: { status: "ENDED", endedAt: record.endsAt },
    });
    if (ended.count > 0) deps.onEnded?.(record.id);
    return { ...record, status: "ENDED", endedAt: record.endsAt };
  }
  return record;
}

/** Called by the room every few seconds: ends the interview at the deadline and adds time nudges when due. */
export async function tick(
  deps: InterviewDeps,
  ownerId: string,
  id: string,
): Promise<{ status: "active" | "ended"; added: RoomMessage[] }> {
  const record = await endIfOverdue(deps, await loadInterview(deps.prisma, id, ownerId));
  if (record.status !== "ACTIVE") return { status: "ended", added: [] };
  const now = deps.now();
  const nudge = dueNudge(await loadEngineState(deps.prisma, record, now));
  if (!nudge) return { status: "active", added: [] };
  const phases = planPhases(record.framework.content.steps, record.durationMinutes);
  const added = await deps.prisma.$transaction(async (tx) => {
    await lockInterview(tx, id);
    const eventKey = `nudge:${nudge.key}`;
    if (await tx.message.findUnique({ where: { interviewId_eventKey: { interviewId: id, eventKey } } })) return [];
    const message = await tx.message.create({
      data: {
        interviewId: id,
        seq: await nextMessageSeq(tx, id),
        role: "INTERVIEWER",
        kind: "NUDGE",
        status: "COMPLETE",
        content: nudge.text,
        eventKey,
        phase: phaseAt(phases, elapsedSeconds(record, now)),
        createdAt: now,
      },
    });
    return [toRoomMessage(record, message)];
  });
  return { status: "active", added };
}

/** Coach mode only: adds a hint to the transcript (the code picks it; no model call). */
export async function requestHint(deps: InterviewDeps, ownerId: string, id: string): Promise<RoomMessage> {
  const record = await loadInterview(deps.prisma, id, ownerId);
  if (record.mode !== "coach") throw new ConflictError("Hints are only available in coach mode.", "hints_off");
  const now = deps.now();
  assertOpen(record, now);
  const hint = nextHint(await loadEngineState(deps.prisma, record, now));
  const phases = planPhases(record.framework.content.steps, record.durationMinutes);
  const message = await deps.prisma.$transaction(async (tx) => {
    await lockInterview(tx, id);
    return tx.message.create({
      data: {
        interviewId: id,
        seq: await nextMessageSeq(tx, id),
        role: "INTERVIEWER",
        kind: "HINT",
        status: "COMPLETE",
        content: hint.text,
        phase: phaseAt(phases, elapsedSeconds(record, now)),
        createdAt: now,
      },
    });
  });
  return toRoomMessage(record, message);
}

export async function endInterview(deps: InterviewDeps, ownerId: string, id: string): Promise<{ status: "ended" }> {
  const record = await loadInterview(deps.prisma, id, ownerId);
  if (record.status === "ACTIVE") {
    const now = deps.now();
    const ended = await deps.prisma.interview.updateMany({
      where: { id, status: "ACTIVE" },
      data: { status: "ENDED", endedAt: now < record.endsAt ? now : record.endsAt },
    });
    if (ended.count > 0) deps.onEnded?.(id);
  }
  return { status: "ended" };
}

// ───────────────────────── the whiteboard ─────────────────────────

/**
 * Validates and stores a whiteboard save as a new snapshot (every save is kept, for replay). A scene
 * identical to the last one is not stored again.
 */
export async function saveBoard(
  deps: InterviewDeps,
  ownerId: string,
  id: string,
  body: string,
): Promise<{ seq: number; changed: boolean; hash: string }> {
  const bytes = Buffer.byteLength(body, "utf8");
  if (bytes > MAX_SCENE_BYTES)
    throw new PayloadTooLargeError(
      `The board is ${Math.round(bytes / 1024)} KB; the limit is ${MAX_SCENE_BYTES / 1024 / 1024} MB. Remove images or large pasted content.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new BadRequestError("The board is not valid JSON.", "invalid_json");
  }
  const parsed = parseScene((json as { scene?: unknown } | null)?.scene ?? json, { byteLength: bytes });
  if (!parsed.ok) {
    if (parsed.error.code === "too_large") throw new PayloadTooLargeError(parsed.error.message);
    throw new BadRequestError(
      `The board was not saved: ${parsed.error.message}`,
      parsed.error.code === "too_many_elements" ? "too_many_elements" : "invalid_scene",
    );
  }
  const record = await loadInterview(deps.prisma, id, ownerId);
  const now = deps.now();
  assertOpen(record, now);
  const scene = parsed.scene;
  const hash = hashScene(scene);
  return deps.prisma.$transaction(async (tx) => {
    await lockInterview(tx, id);
    const last = await tx.diagramSnapshot.findFirst({
      where: { interviewId: id },
      orderBy: { seq: "desc" },
      select: { seq: true, sceneHash: true },
    });
    if (last?.sceneHash === hash) return { seq: last.seq, changed: false, hash };
    const graph = sceneToGraph(scene);
    const seq = (last?.seq ?? 0) + 1;
    await tx.diagramSnapshot.create({
      data: {
        interviewId: id,
        seq,
        sceneHash: hash,
        scene: scene as object,
        graph: graph as object,
        digest: graphToDigest(graph),
        createdAt: now,
      },
    });
    return { seq, changed: true, hash };
  });
}

// ───────────────────────── recovery ─────────────────────────

/** After a restart, replies that were streaming when the server stopped are kept and marked as interrupted. */
export async function markInterruptedReplies(prisma: PrismaClient): Promise<number> {
  const result = await prisma.message.updateMany({ where: { status: "STREAMING" }, data: { status: "PARTIAL" } });
  return result.count;
}

function phaseAt(phases: PlannedPhase[], seconds: number): string | null {
  const minute = seconds / 60;
  return (
    (phases.find((p) => minute >= p.startMinute && minute < p.startMinute + p.minutes) ?? phases.at(-1))?.key ?? null
  );
}
