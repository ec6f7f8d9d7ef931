import type { Metadata } from "next";
import { InterviewRoom } from "@/components/interview/interview-room";
import { loadRoomOr404 } from "@/lib/interview/page-helpers";

export const metadata: Metadata = { title: "Interview" };

export default async function InterviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { room } = await loadRoomOr404(params);
  return <InterviewRoom initial={room} />;
}
