import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ReviewWorkspace } from "@/components/coach/review-workspace";
import { requirePageRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { loadReviewWorkspace } from "@/lib/review";

export const metadata: Metadata = { title: "Review" };

export default async function CoachReviewPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const { db, user } = await requirePageRole(`/coach/interviews/${id}`, "COACH", "ADMIN");
  // Not theirs to review (not assigned, not shared, their own): the same 404 as a missing interview.
  const workspace = await loadReviewWorkspace(db.prisma, user, id).catch((error: unknown) => {
    if (error instanceof AppError && (error.status === 404 || error.status === 403)) notFound();
    throw error;
  });
  return <ReviewWorkspace workspace={workspace} />;
}
