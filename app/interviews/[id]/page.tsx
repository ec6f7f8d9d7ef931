import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { InterviewRoom } from "@/components/interview/interview-room";
import { loadRoomOr404 } from "@/lib/interview/page-helpers";

export const metadata: Metadata = { title: "Interview" };

export default async function InterviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id, relation, room } = await loadRoomOr404(params, (id) => `/interviews/${id}`);
  // Only the candidate speaks in the room; coaches and admins read the report and its replay.
  if (relation !== "owner") redirect(`/interviews/${id}/report`);
  return <InterviewRoom initial={room} />;
}
