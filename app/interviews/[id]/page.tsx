import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { InterviewRoom } from "@/components/interview/interview-room";
import { getCurrentUser } from "@/lib/auth";
import { NotFoundError } from "@/lib/errors";
import { interviewDeps } from "@/lib/interview/deps";
import { getRoomState } from "@/lib/interview/service";

export const metadata: Metadata = { title: "Interview" };

export default async function InterviewPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const deps = await interviewDeps();
  const user = await getCurrentUser(deps.prisma);
  const room = await getRoomState(deps, user.id, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return <InterviewRoom initial={room} />;
}
