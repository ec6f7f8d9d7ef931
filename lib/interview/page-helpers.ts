import "server-only";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getCurrentUser } from "@/lib/auth";
import { NotFoundError } from "@/lib/errors";
import { interviewDeps } from "./deps";
import { getRoomState } from "./service";

/** For interview pages: the room of an interview the current user owns, or the 404 page. */
export async function loadRoomOr404(params: Promise<{ id: string }>) {
  await connection();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const deps = await interviewDeps();
  const user = await getCurrentUser(deps.prisma);
  const room = await getRoomState(deps, user.id, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return { id, deps, user, room };
}
