import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { SessionUser } from "@/lib/auth/session";
import { requireInterviewAccess } from "@/lib/auth/access";
import type { PrismaClient } from "@/lib/db/generated/client";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { GoneError, requireUuid } from "./errors";

/**
 * A candidate shares one ended interview with a coach by link. The token is random (256 bits) and only
 * ever lives in the link: the database keeps its SHA-256, so a leaked database grants nothing. The
 * first coach (or admin) who accepts it gets the access lib/auth/access.ts reads (coachId + acceptedAt);
 * the link is then spent. Revoking deletes the row, which also removes an accepted coach's access.
 */

export const INVITE_DAYS = 14;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface ShareView {
  id: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  coach: { name: string; email: string } | null;
  state: "pending" | "accepted" | "expired";
}

export interface CreatedShare extends ShareView {
  token: string;
  /** The link to send, relative to the app's origin. */
  path: string;
}

/** Only the candidate who owns the interview manages its invites (404 for those who cannot see it). */
async function requireOwner(prisma: PrismaClient, user: SessionUser, interviewId: string) {
  const access = await requireInterviewAccess(prisma, user, interviewId, "view");
  if (access.relation !== "owner") throw new ForbiddenError("Only the candidate can share their interview.");
  return access;
}

function toView(
  row: {
    id: string;
    createdAt: Date;
    expiresAt: Date;
    acceptedAt: Date | null;
    coach: { name: string; email: string } | null;
  },
  now: Date,
): ShareView {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    coach: row.coach,
    state: row.acceptedAt ? "accepted" : row.expiresAt <= now ? "expired" : "pending",
  };
}

export async function createShare(
  prisma: PrismaClient,
  user: SessionUser,
  interviewId: string,
  now = new Date(),
): Promise<CreatedShare> {
  await requireOwner(prisma, user, interviewId);
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true } });
  if (interview.status !== "ENDED") {
    throw new ConflictError("Finish the interview first: only ended interviews can be shared.", "interview_running");
  }
  const token = randomBytes(32).toString("base64url");
  const row = await prisma.interviewShare.create({
    data: {
      interviewId,
      createdById: user.id,
      tokenHash: hashInviteToken(token),
      expiresAt: new Date(now.getTime() + INVITE_DAYS * 24 * 60 * 60 * 1000),
    },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      coach: { select: { name: true, email: true } },
    },
  });
  return { ...toView(row, now), token, path: `/invites/${token}` };
}

export async function listShares(
  prisma: PrismaClient,
  user: SessionUser,
  interviewId: string,
  now = new Date(),
): Promise<ShareView[]> {
  await requireOwner(prisma, user, interviewId);
  const rows = await prisma.interviewShare.findMany({
    where: { interviewId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      coach: { select: { name: true, email: true } },
    },
  });
  return rows.map((row) => toView(row, now));
}

export async function revokeShare(
  prisma: PrismaClient,
  user: SessionUser,
  interviewId: string,
  shareId: string,
): Promise<void> {
  await requireOwner(prisma, user, interviewId);
  requireUuid(shareId, "No such invite (it may have been revoked already).");
  const { count } = await prisma.interviewShare.deleteMany({ where: { id: shareId, interviewId } });
  if (count === 0) throw new NotFoundError("No such invite (it may have been revoked already).");
  await prisma.auditLog.create({
    data: { actorId: user.id, action: "share.revoke", target: `interview:${interviewId}`, detail: { shareId } },
  });
}

export type InviteState = "valid" | "expired" | "used" | "accepted" | "own" | "invalid";

export interface InviteView {
  state: InviteState;
  /** What the invite is for; null when the link is not a valid invite. */
  interview: {
    id: string;
    promptTitle: string;
    candidateName: string;
    startedAt: string;
  } | null;
  expiresAt: string | null;
}

async function findInvite(prisma: PrismaClient, token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return prisma.interviewShare.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      expiresAt: true,
      coachId: true,
      acceptedAt: true,
      interview: {
        select: {
          id: true,
          ownerId: true,
          startedAt: true,
          prompt: { select: { title: true } },
          owner: { select: { name: true } },
        },
      },
    },
  });
}

/** What the invite page shows before accepting: whose interview, and whether this user can accept it. */
export async function inspectInvite(
  prisma: PrismaClient,
  user: SessionUser,
  token: string,
  now = new Date(),
): Promise<InviteView> {
  const invite = await findInvite(prisma, token);
  if (!invite) return { state: "invalid", interview: null, expiresAt: null };
  const state: InviteState =
    invite.interview.ownerId === user.id
      ? "own"
      : invite.coachId === user.id
        ? "accepted"
        : invite.acceptedAt
          ? "used"
          : invite.expiresAt <= now
            ? "expired"
            : "valid";
  return {
    state,
    interview: {
      id: invite.interview.id,
      promptTitle: invite.interview.prompt.title,
      candidateName: invite.interview.owner.name,
      startedAt: invite.interview.startedAt.toISOString(),
    },
    expiresAt: invite.expiresAt.toISOString(),
  };
}

/**
 * Accepts an invite for the signed-in coach or admin. Accepting twice is harmless; a link someone else
 * accepted, an expired one or a revoked one is refused with what to do next.
 */
export async function acceptInvite(
  prisma: PrismaClient,
  user: SessionUser,
  token: string,
  now = new Date(),
): Promise<{ interviewId: string }> {
  if (user.role !== "COACH" && user.role !== "ADMIN") {
    throw new ForbiddenError(
      "Only coaches can accept a review invite. Ask an admin for the coach role.",
      "not_a_coach",
    );
  }
  const invite = await findInvite(prisma, token);
  if (!invite) {
    throw new NotFoundError("This invite link is not valid: it may have been revoked, or mistyped. Ask for a new one.");
  }
  const interviewId = invite.interview.id;
  if (invite.interview.ownerId === user.id) {
    throw new BadRequestError("This is your own interview; send the link to a coach instead.", "own_interview");
  }
  if (invite.coachId === user.id) return { interviewId };
  if (invite.acceptedAt) {
    throw new ConflictError(
      "This invite was already accepted by another coach. Ask the candidate for a new link.",
      "invite_used",
    );
  }
  if (invite.expiresAt <= now) {
    throw new GoneError(
      `This invite expired on ${invite.expiresAt.toISOString().slice(0, 10)}. Ask the candidate for a new link.`,
      "invite_expired",
    );
  }
  // Conditional update: of two coaches accepting at once, exactly one wins.
  const { count } = await prisma.interviewShare.updateMany({
    where: { id: invite.id, acceptedAt: null, coachId: null, expiresAt: { gt: now } },
    data: { coachId: user.id, acceptedAt: now },
  });
  if (count === 0) {
    const again = await prisma.interviewShare.findUnique({ where: { id: invite.id }, select: { coachId: true } });
    if (again?.coachId === user.id) return { interviewId };
    throw new ConflictError(
      "This invite was just accepted by another coach. Ask the candidate for a new link.",
      "invite_used",
    );
  }
  await prisma.auditLog.create({
    data: {
      actorId: user.id,
      action: "share.accept",
      target: `interview:${interviewId}`,
      detail: { shareId: invite.id },
    },
  });
  return { interviewId };
}
