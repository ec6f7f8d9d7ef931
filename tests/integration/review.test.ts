/**
 * Coach review end to end on a real database: an admin assigns a candidate to a coach, the candidate's
 * interview is scored by the offline scorer, the coach overrides a dimension (reason required, the AI
 * level kept), comments on a message span and a board element (anchors checked against the data),
 * completes the review, and the candidate's report sees all of it. Invites give one coach one interview.
 * A coach with no assignment gets a 404 on every action.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { endInterview, replyTo, saveBoard, startInterview, submitCandidateMessage } from "@/lib/interview/service";
import {
  acceptInvite,
  addComment,
  assignCoach,
  completeReview,
  createShare,
  deleteComment,
  getReviewState,
  inspectInvite,
  listAssignments,
  listShares,
  loadReportReviews,
  loadReviewWorkspace,
  removeOverride,
  reopenReview,
  revokeShare,
  setOverride,
  unassignCoach,
} from "@/lib/review";
import { requestReport, runReport } from "@/lib/scoring/pipeline";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { interviewDepsFor, seedContent, testClock } from "../support/interview";
import { boardScene } from "../support/scenes";
import { createUser } from "../support/users";

const TURNS = [
  "Before designing: who are the users, how many daily actives, and what latency do we need for the first token?",
  "So 20M DAU × 15 messages = 300M messages/day; 300M / 86,400 ≈ 3.5K requests/s on average, about 10K/s at peak.",
  "Requests go client → API gateway → orchestrator → model servers with continuous batching; we stream tokens back over SSE.",
  "Guardrails: input moderation before the model and output filtering after it, plus PII redaction in logs.",
];

/** Runs a short interview for `ownerId` (a board with three boxes) and scores it offline. */
async function scoredInterview(db: TestDatabase, ownerId: string): Promise<string> {
  const clock = testClock();
  const deps = interviewDepsFor(db, clock);
  const { id } = await startInterview(deps, ownerId, {
    promptSlug: "design-chatgpt",
    frameworkSlug: "nine-step",
    durationMinutes: 45,
    level: "senior",
    mode: "interview",
    model: "offline",
  });
  for (const [i, content] of TURNS.entries()) {
    clock.advanceSeconds(240);
    if (i === 2) await saveBoard(deps, ownerId, id, boardScene(["Client", "API gateway", "LLM serving"]));
    const { record, message } = await submitCandidateMessage(deps, ownerId, id, {
      clientId: crypto.randomUUID(),
      content,
    });
    await replyTo(deps, record, message.seq, () => {});
  }
  await endInterview(deps, ownerId, id);
  const reportId = await requestReport(db.prisma, id);
  await runReport({ prisma: db.prisma, now: () => new Date(), judgeChain: () => null }, reportId);
  return id;
}

/** The HTTP status an AppError would become, or rethrows. */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("coach review", () => {
  let db: TestDatabase;
  let admin: SessionUser;
  let coach: SessionUser;
  let otherCoach: SessionUser;
  let candidate: SessionUser;
  let interviewId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedContent(db);
    admin = await createUser(db, "ADMIN", "Ada Admin");
    coach = await createUser(db, "COACH", "Cora Coach");
    otherCoach = await createUser(db, "COACH", "Otto Other");
    candidate = await createUser(db, "CANDIDATE", "Cam Candidate");
    interviewId = await scoredInterview(db, candidate.id);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("only an admin assigns; a candidate cannot be a coach; an assignment gives access and unassigning removes it", async () => {
    expect(await statusOf(assignCoach(db.prisma, coach, { coachId: coach.id, candidateId: candidate.id }))).toBe(403);
    const notCoach = await errorOf(assignCoach(db.prisma, admin, { coachId: candidate.id, candidateId: coach.id }));
    expect(notCoach.status).toBe(400);
    expect(notCoach.message).toMatch(/not a coach/);

    expect(await statusOf(getReviewState(db.prisma, coach, interviewId))).toBe(404);
    const assignment = await assignCoach(db.prisma, admin, { coachId: coach.id, candidateId: candidate.id });
    expect(assignment.coach.name).toBe("Cora Coach");
    expect(await statusOf(assignCoach(db.prisma, admin, { coachId: coach.id, candidateId: candidate.id }))).toBe(409);
    expect(await statusOf(getReviewState(db.prisma, coach, interviewId))).toBe(200);
    expect((await listAssignments(db.prisma, admin)).map((a) => a.id)).toContain(assignment.id);

    await unassignCoach(db.prisma, admin, assignment.id);
    expect(await statusOf(getReviewState(db.prisma, coach, interviewId))).toBe(404);
    expect(await statusOf(unassignCoach(db.prisma, admin, assignment.id))).toBe(404);

    const audit = await db.prisma.auditLog.findMany({
      where: { target: `user:${candidate.id}` },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["coach.assign", "coach.unassign"]);
    expect(audit[0]?.actorId).toBe(admin.id);
  });

  it("a coach who is not assigned gets a 404 on every review action, and a candidate cannot review their own interview", async () => {
    const message = await db.prisma.message.findFirstOrThrow({ where: { interviewId, role: "CANDIDATE" } });
    const anchor = {
      v: 1,
      kind: "message",
      messageId: message.id,
      start: 0,
      end: 6,
      quote: message.content.slice(0, 6),
    } as const;
    const actions = (user: SessionUser) => [
      () => getReviewState(db.prisma, user, interviewId),
      () => loadReviewWorkspace(db.prisma, user, interviewId),
      () =>
        setOverride(db.prisma, user, interviewId, {
          dimension: "estimation",
          level: 1,
          reason: "Too generous for this.",
        }),
      () => removeOverride(db.prisma, user, interviewId, "estimation"),
      () => completeReview(db.prisma, user, interviewId, {}),
      () => reopenReview(db.prisma, user, interviewId),
      () => addComment(db.prisma, user, interviewId, { body: "Nice", anchor }),
      () => deleteComment(db.prisma, user, interviewId, crypto.randomUUID()),
    ];
    for (const action of actions(otherCoach)) expect(await statusOf(action())).toBe(404);
    for (const action of actions(candidate)) expect(await statusOf(action())).toBe(403);
    // A malformed id is a 404 too, never a database error.
    expect(await statusOf(getReviewState(db.prisma, coach, "not-a-uuid"))).toBe(404);
  });

  it("override: the reason is required, the AI level is kept beside the coach's, and it can be changed or removed", async () => {
    await assignCoach(db.prisma, admin, { coachId: coach.id, candidateId: candidate.id });
    const report = await db.prisma.report.findFirstOrThrow({
      where: { interviewId },
      include: { scores: { include: { dimension: true } } },
    });
    const score = report.scores.find((s) => s.level !== null)!;
    const key = score.dimension.key;
    const other = score.level === 1 ? 2 : 1;

    const noReason = await errorOf(
      setOverride(db.prisma, coach, interviewId, { dimension: key, level: other, reason: "   short  " }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.message).toMatch(/reason: must say why in at least 10 characters/);
    expect(
      await statusOf(
        setOverride(db.prisma, coach, interviewId, { dimension: key, level: 5, reason: "A long enough reason." }),
      ),
    ).toBe(400);
    expect(
      await statusOf(
        setOverride(db.prisma, coach, interviewId, { dimension: "nope", level: 2, reason: "A long enough reason." }),
      ),
    ).toBe(400);
    const same = await errorOf(
      setOverride(db.prisma, coach, interviewId, {
        dimension: key,
        level: score.level!,
        reason: "Agree with the AI here.",
      }),
    );
    expect(same.message).toMatch(/leave it as it is to confirm it/);

    const state = await setOverride(db.prisma, coach, interviewId, {
      dimension: key,
      level: other,
      reason: "  The estimate skipped peak traffic entirely.  ",
    });
    expect(state.review?.status).toBe("in-progress");
    expect(state.review?.overrides).toEqual([
      expect.objectContaining({
        dimensionKey: key,
        aiLevel: score.level,
        coachLevel: other,
        reason: "The estimate skipped peak traffic entirely.",
      }),
    ]);
    const changed = await setOverride(db.prisma, coach, interviewId, {
      dimension: key,
      level: 4,
      reason: "On reflection this was excellent.",
    });
    expect(changed.review?.overrides[0]).toMatchObject({ aiLevel: score.level, coachLevel: 4 });
    expect(await db.prisma.coachOverride.count()).toBe(1);

    await removeOverride(db.prisma, coach, interviewId, key);
    expect((await getReviewState(db.prisma, coach, interviewId)).review?.overrides).toEqual([]);
    expect(await statusOf(removeOverride(db.prisma, coach, interviewId, key))).toBe(404);
  });

  it("comments: anchored to a message span or a board element, checked against the real data; only the author deletes", async () => {
    const message = await db.prisma.message.findFirstOrThrow({
      where: { interviewId, role: "CANDIDATE" },
      orderBy: { seq: "asc" },
    });
    const start = message.content.indexOf("latency");
    const span = { v: 1, kind: "message", messageId: message.id, start, end: start + 7, quote: "latency" } as const;
    const comment = await addComment(db.prisma, coach, interviewId, { body: "  Good: latency first. ", anchor: span });
    expect(comment).toMatchObject({ body: "Good: latency first.", anchor: span, author: { name: "Cora Coach" } });

    const bad = [
      { ...span, messageId: crypto.randomUUID() },
      { ...span, quote: "Latency" },
      { ...span, end: message.content.length + 5 },
      { ...span, end: span.start },
    ];
    for (const anchor of bad)
      expect(await statusOf(addComment(db.prisma, coach, interviewId, { body: "x", anchor }))).toBe(400);
    // A message of another interview is not this interview's.
    const elsewhere = await scoredInterview(db, otherCoach.id);
    const foreign = await db.prisma.message.findFirstOrThrow({ where: { interviewId: elsewhere, role: "CANDIDATE" } });
    const foreignAnchor = { ...span, messageId: foreign.id, start: 0, end: 6, quote: foreign.content.slice(0, 6) };
    const foreignError = await errorOf(addComment(db.prisma, coach, interviewId, { body: "x", anchor: foreignAnchor }));
    expect(foreignError.message).toMatch(/no such message in this interview/);

    const snapshot = await db.prisma.diagramSnapshot.findFirstOrThrow({ where: { interviewId } });
    const element = {
      v: 1,
      kind: "element",
      elementId: "box-1",
      label: "whatever the client says",
      snapshotSeq: snapshot.seq,
    } as const;
    const onBoard = await addComment(db.prisma, coach, interviewId, { body: "Where is auth?", anchor: element });
    expect(onBoard.anchor).toEqual({ ...element, label: "API gateway" }); // the label comes from the board
    const unknown = await errorOf(
      addComment(db.prisma, coach, interviewId, { body: "x", anchor: { ...element, elementId: "box-9" } }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.message).toMatch(/no element "box-9"/);
    expect(
      await statusOf(addComment(db.prisma, coach, interviewId, { body: "x", anchor: { ...element, snapshotSeq: 99 } })),
    ).toBe(400);
    expect(await statusOf(addComment(db.prisma, coach, interviewId, { body: "   ", anchor: element }))).toBe(400);

    // Another coach with access (an admin) cannot delete Cora's comment.
    expect(await statusOf(deleteComment(db.prisma, admin, interviewId, comment.id))).toBe(404);
    await deleteComment(db.prisma, coach, interviewId, comment.id);
    const { comments } = await getReviewState(db.prisma, coach, interviewId);
    expect(comments.map((c) => c.id)).toEqual([onBoard.id]);
  });

  it("complete: the candidate's report shows the override with its reason, the comments and who completed it; reopen", async () => {
    const report = await db.prisma.report.findFirstOrThrow({
      where: { interviewId },
      include: { scores: { include: { dimension: true } } },
    });
    const score = report.scores.find((s) => s.level !== null)!;
    await setOverride(db.prisma, coach, interviewId, {
      dimension: score.dimension.key,
      level: score.level === 1 ? 3 : 1,
      reason: "Peak traffic was never estimated.",
    });
    const done = await completeReview(db.prisma, coach, interviewId, {
      summary: "  Strong framing; estimate the peak next time. ",
    });
    expect(done.review).toMatchObject({ status: "complete", summary: "Strong framing; estimate the peak next time." });
    expect(done.review?.completedAt).toBeTruthy();
    // Complete means frozen until reopened.
    const frozen = await errorOf(
      setOverride(db.prisma, coach, interviewId, {
        dimension: score.dimension.key,
        level: 2,
        reason: "Changed my mind again.",
      }),
    );
    expect(frozen.status).toBe(409);
    expect(frozen.message).toMatch(/reopen/);
    // Completing twice is harmless and logs once.
    await completeReview(db.prisma, coach, interviewId, {});

    const seen = await loadReportReviews(db.prisma, candidate, interviewId);
    expect(seen.reviews).toHaveLength(1);
    expect(seen.reviews[0]).toMatchObject({
      coach: { name: "Cora Coach" },
      status: "complete",
      summary: "Strong framing; estimate the peak next time.",
      overrides: [expect.objectContaining({ aiLevel: score.level, reason: "Peak traffic was never estimated." })],
    });
    expect(seen.comments.map((c) => c.anchor.kind)).toEqual(["element"]);
    expect(await statusOf(loadReportReviews(db.prisma, otherCoach, interviewId))).toBe(404);

    const audit = await db.prisma.auditLog.findMany({ where: { action: "review.complete" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: coach.id, target: `interview:${interviewId}` });

    const reopened = await reopenReview(db.prisma, coach, interviewId);
    expect(reopened.review).toMatchObject({ status: "in-progress", completedAt: null });
    expect((await loadReportReviews(db.prisma, candidate, interviewId)).reviews[0]?.status).toBe("in-progress");
  });

  it("the workspace has the transcript and the board snapshots on one time axis", async () => {
    const workspace = await loadReviewWorkspace(db.prisma, coach, interviewId);
    expect(workspace.interview.candidate.name).toBe("Cam Candidate");
    expect(workspace.report?.status).toBe("complete");
    expect(workspace.rubric).toHaveLength(11);
    const { replay } = workspace;
    expect(replay.frames).toHaveLength(1);
    // The board was saved just before the third candidate turn (12 minutes in).
    expect(replay.frames[0]?.atSeconds).toBe(720);
    const third = replay.messages.filter((m) => m.role === "candidate")[2];
    expect(third?.atSeconds).toBe(720);
    expect(replay.endSeconds).toBeGreaterThanOrEqual(960);
  });

  describe("invites", () => {
    let invited: SessionUser;
    let sharedInterview: string;
    let owner: SessionUser;

    beforeAll(async () => {
      owner = await createUser(db, "CANDIDATE", "Ivy Invite");
      invited = await createUser(db, "COACH", "Ian Invited");
      sharedInterview = await scoredInterview(db, owner.id);
    });

    it("the owner creates a link; a coach accepts it and gains access to that interview only; reuse by another coach is refused", async () => {
      expect(await statusOf(createShare(db.prisma, invited, sharedInterview))).toBe(404);
      expect(await statusOf(createShare(db.prisma, admin, sharedInterview))).toBe(403); // admins see it, but do not own it
      const share = await createShare(db.prisma, owner, sharedInterview, new Date("2026-11-22T12:00:00Z"));
      expect(share.path).toBe(`/invites/${share.token}`);
      expect(share.expiresAt).toBe("2026-12-06T12:00:00.000Z");
      const row = await db.prisma.interviewShare.findUniqueOrThrow({ where: { id: share.id } });
      expect(row.tokenHash).not.toContain(share.token);
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);

      const now = new Date("2026-11-23T09:00:00Z");
      expect((await inspectInvite(db.prisma, invited, share.token, now)).state).toBe("valid");
      expect((await inspectInvite(db.prisma, owner, share.token, now)).state).toBe("own");
      expect(await statusOf(acceptInvite(db.prisma, owner, share.token, now))).toBe(403); // a candidate is not a coach
      expect(await statusOf(getReviewState(db.prisma, invited, sharedInterview))).toBe(404);

      expect(await acceptInvite(db.prisma, invited, share.token, now)).toEqual({ interviewId: sharedInterview });
      expect(await acceptInvite(db.prisma, invited, share.token, now)).toEqual({ interviewId: sharedInterview }); // again: harmless
      expect(await statusOf(getReviewState(db.prisma, invited, sharedInterview))).toBe(200);
      expect(await statusOf(getReviewState(db.prisma, invited, interviewId))).toBe(404); // only that interview

      const reused = await errorOf(acceptInvite(db.prisma, otherCoach, share.token, now));
      expect(reused.status).toBe(409);
      expect(reused.message).toMatch(/already accepted/);
      expect((await inspectInvite(db.prisma, otherCoach, share.token, now)).state).toBe("used");

      const [listed] = await listShares(db.prisma, owner, sharedInterview, now);
      expect(listed).toMatchObject({ id: share.id, state: "accepted", coach: { name: "Ian Invited" } });
      expect(JSON.stringify(listed)).not.toContain(share.token);
    });

    it("an expired link is refused with 410; an unknown one with 404; revoking removes the coach's access", async () => {
      const share = await createShare(db.prisma, owner, sharedInterview, new Date("2026-11-01T00:00:00Z"));
      const later = new Date("2026-11-16T00:00:00Z");
      expect((await inspectInvite(db.prisma, otherCoach, share.token, later)).state).toBe("expired");
      const expired = await errorOf(acceptInvite(db.prisma, otherCoach, share.token, later));
      expect(expired.status).toBe(410);
      expect(expired.message).toMatch(/expired on 2026-11-15/);

      const invalid = await errorOf(acceptInvite(db.prisma, otherCoach, "x".repeat(43), later));
      expect(invalid.status).toBe(404);
      expect(await statusOf(acceptInvite(db.prisma, otherCoach, "short", later))).toBe(404);
      expect((await inspectInvite(db.prisma, otherCoach, "short", later)).state).toBe("invalid");

      const accepted = (await listShares(db.prisma, owner, sharedInterview)).find((s) => s.state === "accepted")!;
      expect(await statusOf(revokeShare(db.prisma, invited, sharedInterview, accepted.id))).toBe(403); // sees it, does not own it
      expect(await statusOf(revokeShare(db.prisma, otherCoach, sharedInterview, accepted.id))).toBe(404);
      await revokeShare(db.prisma, owner, sharedInterview, accepted.id);
      expect(await statusOf(getReviewState(db.prisma, invited, sharedInterview))).toBe(404);
      expect(await statusOf(revokeShare(db.prisma, owner, sharedInterview, accepted.id))).toBe(404);
    });

    it("only ended interviews can be shared", async () => {
      const deps = interviewDepsFor(db, testClock());
      const { id } = await startInterview(deps, owner.id, {
        promptSlug: "design-chatgpt",
        frameworkSlug: "nine-step",
        durationMinutes: 30,
        level: "mid",
        mode: "interview",
        model: "offline",
      });
      const running = await errorOf(createShare(db.prisma, owner, id));
      expect(running.status).toBe(409);
    });
  });
});
