import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { requireInterviewAccess } from "@/lib/auth/access";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { DiagramGraph } from "@/lib/diagram";
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { requireUuid } from "./errors";
import { graphItemFor } from "./replay";
import { anchorSchema, commentInputSchema, type CommentAnchor, type CommentInput } from "./schemas";
import type { CommentView } from "./types";

/**
 * Coach comments anchored to a span of a message or to a board element. An anchor is checked against
 * the real data before it is stored, so a comment can always be shown where it was made: the message
 * belongs to this interview and `quote` is exactly its text from `start` to `end`; the element is in
 * the snapshot's scene (its label is taken from the board, not from the request).
 */

export async function listComments(prisma: PrismaClient, interviewId: string): Promise<CommentView[]> {
  const rows = await prisma.reviewComment.findMany({
    where: { interviewId },
    orderBy: { createdAt: "asc" },
    select: { id: true, body: true, anchor: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
  return rows.flatMap((row) => {
    // Anchors are versioned; one this code cannot read is left out rather than shown in the wrong place.
    const anchor = anchorSchema.safeParse(row.anchor);
    if (!anchor.success) return [];
    return [
      { id: row.id, author: row.author, body: row.body, anchor: anchor.data, createdAt: row.createdAt.toISOString() },
    ];
  });
}

/** Checks an anchor against the interview's messages and board; returns it as it will be stored. */
export async function verifyAnchor(
  prisma: PrismaClient,
  interviewId: string,
  anchor: CommentAnchor,
): Promise<CommentAnchor> {
  if (anchor.kind === "message") {
    const message = await prisma.message.findFirst({
      where: { id: anchor.messageId, interviewId },
      select: { content: true },
    });
    if (!message) throw new BadRequestError("anchor.messageId: no such message in this interview.", "invalid_anchor");
    if (anchor.end > message.content.length) {
      throw new BadRequestError(
        `anchor.end: the message is ${message.content.length} characters long; the span ends at ${anchor.end}.`,
        "invalid_anchor",
      );
    }
    if (message.content.slice(anchor.start, anchor.end) !== anchor.quote) {
      throw new BadRequestError("anchor.quote: does not match the message's text at start..end.", "invalid_anchor");
    }
    return anchor;
  }
  const snapshot = await prisma.diagramSnapshot.findUnique({
    where: { interviewId_seq: { interviewId, seq: anchor.snapshotSeq } },
    select: { scene: true, graph: true },
  });
  if (!snapshot)
    throw new BadRequestError("anchor.snapshotSeq: no such board snapshot in this interview.", "invalid_anchor");
  const elements = (snapshot.scene as { elements?: { id?: unknown; isDeleted?: unknown }[] } | null)?.elements ?? [];
  const element = elements.find((e) => e.id === anchor.elementId && e.isDeleted !== true);
  if (!element) {
    throw new BadRequestError(
      `anchor.elementId: no element "${anchor.elementId}" on the board in snapshot ${anchor.snapshotSeq}.`,
      "invalid_anchor",
    );
  }
  const item = graphItemFor(snapshot.graph as DiagramGraph | null, anchor.elementId);
  return { ...anchor, label: (item?.label || anchor.label).trim().slice(0, 200) };
}

export async function addComment(
  prisma: PrismaClient,
  coach: SessionUser,
  interviewId: string,
  input: CommentInput,
): Promise<CommentView> {
  await requireInterviewAccess(prisma, coach, interviewId, "review");
  const parsed = commentInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadRequestError(`${issue.path.join(".") || "comment"}: ${issue.message}`, "invalid_comment");
  }
  const anchor = await verifyAnchor(prisma, interviewId, parsed.data.anchor);
  const row = await prisma.reviewComment.create({
    data: { interviewId, authorId: coach.id, body: parsed.data.body, anchor },
    select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
  return { id: row.id, author: row.author, body: row.body, anchor, createdAt: row.createdAt.toISOString() };
}

/** Deletes one of the coach's own comments; anyone else's (or an unknown id) is a 404. */
export async function deleteComment(
  prisma: PrismaClient,
  coach: SessionUser,
  interviewId: string,
  commentId: string,
): Promise<void> {
  await requireInterviewAccess(prisma, coach, interviewId, "review");
  requireUuid(commentId, "No such comment of yours on this interview.");
  const { count } = await prisma.reviewComment.deleteMany({
    where: { id: commentId, interviewId, authorId: coach.id },
  });
  if (count === 0) throw new NotFoundError("No such comment of yours on this interview.");
}
