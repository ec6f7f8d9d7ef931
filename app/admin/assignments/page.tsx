import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ChevronLeft } from "lucide-react";
import { AssignmentsAdmin } from "@/components/coach/assignments-admin";
import { requirePageRole } from "@/lib/auth";
import { listAssignablePeople, listAssignments } from "@/lib/review";

export const metadata: Metadata = { title: "Coach assignments" };

export default async function AssignmentsPage() {
  await connection();
  const { db, user } = await requirePageRole("/admin/assignments", "ADMIN");
  const [assignments, people] = await Promise.all([
    listAssignments(db.prisma, user),
    listAssignablePeople(db.prisma, user),
  ]);
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <Link
        href="/admin"
        className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-4" aria-hidden /> Admin
      </Link>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Coach assignments</h1>
      <p className="mt-1 max-w-3xl text-sm text-zinc-500">
        Which coach reviews which candidate. A candidate can also share a single interview with any coach by an invite
        link from their report. Every change is written to the audit log.
      </p>
      <AssignmentsAdmin assignments={assignments} coaches={people.coaches} candidates={people.candidates} />
    </div>
  );
}
