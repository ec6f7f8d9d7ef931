import "server-only";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { interviewRelation, requirePageUser } from "@/lib/auth";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";
import { interviewDeps } from "./deps";
import { getRoomState } from "./service";

/**
 * For interview pages: the room of an interview the signed-in user may see (owner, their coach, an
 * admin), or the 404 page. `relation` tells the page whether the viewer is the candidate.
 */
export async function loadRoomOr404(params: Promise<{ id: string }>, path: (id: string) => string) {
  await connection();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const { db, user } = await requirePageUser(path(id));
  const row = await db.prisma.interview.findUnique({ where: { id }, select: { id: true, ownerId: true } });
  const relation = row ? await interviewRelation(db.prisma, user, row) : null;
  if (!row || !relation) notFound();
  const deps = await interviewDeps();
  const room = await getRoomState(deps, row.ownerId, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return { id, deps, user, ownerId: row.ownerId, relation, room };
}
