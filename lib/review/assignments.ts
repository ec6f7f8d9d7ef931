import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { requireRole } from "@/lib/auth/access";
import type { PrismaClient } from "@/lib/db/generated/client";
import { BadRequestError, ConflictError, NotFoundError } from "@/lib/errors";
import { isUniqueViolation, requireUuid } from "./errors";

/**
 * Admins assign candidates to coaches; a coach then sees (and may review) every interview of their
 * candidates (lib/auth/access.ts reads coach_assignments). Every change is in the audit log.
 */

export interface AssignmentView {
  id: string;
  coach: { id: string; name: string; email: string };
  candidate: { id: string; name: string; email: string };
  createdAt: string;
}

export interface AssignablePeople {
  coaches: { id: string; name: string; email: string; role: string }[];
  candidates: { id: string; name: string; email: string }[];
}

const person = { select: { id: true, name: true, email: true } } as const;

export async function listAssignments(prisma: PrismaClient, admin: SessionUser): Promise<AssignmentView[]> {
  requireRole(admin, "ADMIN");
  const rows = await prisma.coachAssignment.findMany({
    orderBy: [{ coach: { name: "asc" } }, { candidate: { name: "asc" } }],
    select: { id: true, createdAt: true, coach: person, candidate: person },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Who can be picked in the admin form: coaches (and admins, who may coach too) and candidates. */
export async function listAssignablePeople(prisma: PrismaClient, admin: SessionUser): Promise<AssignablePeople> {
  requireRole(admin, "ADMIN");
  const [coaches, candidates] = await Promise.all([
    prisma.user.findMany({
      where: { role: { in: ["COACH", "ADMIN"] } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true, role: true },
    }),
    prisma.user.findMany({ where: { role: "CANDIDATE" }, orderBy: { name: "asc" }, ...person }),
  ]);
  return { coaches, candidates };
}

export async function assignCoach(
  prisma: PrismaClient,
  admin: SessionUser,
  input: { coachId: string; candidateId: string },
): Promise<AssignmentView> {
  requireRole(admin, "ADMIN");
  if (input.coachId === input.candidateId) throw new BadRequestError("A coach cannot be assigned to themselves.");
  const [coach, candidate] = await Promise.all([
    prisma.user.findUnique({ where: { id: input.coachId }, select: { id: true, name: true, email: true, role: true } }),
    prisma.user.findUnique({ where: { id: input.candidateId }, ...person }),
  ]);
  if (!coach) throw new BadRequestError("coachId: no such user.");
  if (!candidate) throw new BadRequestError("candidateId: no such user.");
  if (coach.role !== "COACH" && coach.role !== "ADMIN") {
    throw new BadRequestError(`${coach.name} is not a coach; give them the coach role first.`, "not_a_coach");
  }
  const conflict = () =>
    new ConflictError(`${candidate.name} is already assigned to ${coach.name}.`, "already_assigned");
  return prisma
    .$transaction(async (tx) => {
      const existing = await tx.coachAssignment.findUnique({
        where: { coachId_candidateId: { coachId: coach.id, candidateId: candidate.id } },
      });
      if (existing) throw conflict();
      const row = await tx.coachAssignment.create({ data: { coachId: coach.id, candidateId: candidate.id } });
      await tx.auditLog.create({
        data: {
          actorId: admin.id,
          action: "coach.assign",
          target: `user:${candidate.id}`,
          detail: { assignmentId: row.id, coachId: coach.id, coachEmail: coach.email, candidateEmail: candidate.email },
        },
      });
      return {
        id: row.id,
        coach: { id: coach.id, name: coach.name, email: coach.email },
        candidate,
        createdAt: row.createdAt.toISOString(),
      };
    })
    .catch((error: unknown) => {
      // Two admins assigning the same pair at once: the unique index decides, the loser hears why.
      throw isUniqueViolation(error) ? conflict() : error;
    });
}

export async function unassignCoach(prisma: PrismaClient, admin: SessionUser, assignmentId: string): Promise<void> {
  requireRole(admin, "ADMIN");
  requireUuid(assignmentId, "No such assignment.");
  await prisma.$transaction(async (tx) => {
    const row = await tx.coachAssignment.findUnique({
      where: { id: assignmentId },
      select: { id: true, coach: person, candidate: person },
    });
    if (!row) throw new NotFoundError("No such assignment.");
    await tx.coachAssignment.delete({ where: { id: row.id } });
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        action: "coach.unassign",
        target: `user:${row.candidate.id}`,
        detail: {
          assignmentId: row.id,
          coachId: row.coach.id,
          coachEmail: row.coach.email,
          candidateEmail: row.candidate.email,
        },
      },
    });
  });
}
