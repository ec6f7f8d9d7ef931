import type { Metadata } from "next";
import { connection } from "next/server";
import { CheckCircle2, Clock, Link2Off, MailOpen, UserX } from "lucide-react";
import { AcceptInvite } from "@/components/coach/accept-invite";
import { formatDate } from "@/components/coach/format";
import { ButtonLink } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth";
import { inspectInvite, type InviteView } from "@/lib/review";

export const metadata: Metadata = { title: "Review invite" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const { db, user } = await requirePageUser(`/invites/${encodeURIComponent(token)}`);
  const invite = await inspectInvite(db.prisma, user, token);
  const canAccept = user.role === "COACH" || user.role === "ADMIN";

  return (
    <div className="mx-auto max-w-xl px-4 py-16 sm:px-6">
      <div
        className="rounded-2xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        data-testid="invite-card"
        data-invite-state={invite.state}
      >
        <Body invite={invite} token={token} canAccept={canAccept} userName={user.name} />
      </div>
    </div>
  );
}

function Body({
  invite,
  token,
  canAccept,
  userName,
}: {
  invite: InviteView;
  token: string;
  canAccept: boolean;
  userName: string;
}) {
  const i = invite.interview;
  const what = i && (
    <div className="mt-5 rounded-xl bg-zinc-50 p-4 text-sm dark:bg-zinc-950/60">
      <p className="font-medium">{i.promptTitle}</p>
      <p className="mt-0.5 text-zinc-500">
        {i.candidateName} · {formatDate(i.startedAt)}
      </p>
    </div>
  );
  switch (invite.state) {
    case "valid":
      return (
        <>
          <Icon tone="accent">
            <MailOpen className="size-5" aria-hidden />
          </Icon>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">Review an interview</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            {i?.candidateName} invited you to review their mock interview: replay it, confirm or override the AI&apos;s
            scores, and leave comments they will see on their report.
          </p>
          {what}
          <div className="mt-6">
            {canAccept ? (
              <>
                <AcceptInvite token={token} />
                <p className="mt-3 text-xs text-zinc-500">
                  The link works once and expires on {invite.expiresAt ? formatDate(invite.expiresAt) : "—"}.
                </p>
              </>
            ) : (
              <p
                className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
                role="alert"
              >
                Only coaches can accept review invites, and {userName} is not a coach. Ask an admin for the coach role,
                or sign in with your coach account.
              </p>
            )}
          </div>
        </>
      );
    case "accepted":
      return (
        <>
          <Icon tone="green">
            <CheckCircle2 className="size-5" aria-hidden />
          </Icon>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">You accepted this invite</h1>
          {what}
          <ButtonLink href={`/coach/interviews/${i?.id}`} className="mt-6">
            Open the review
          </ButtonLink>
        </>
      );
    case "own":
      return (
        <>
          <Icon tone="accent">
            <MailOpen className="size-5" aria-hidden />
          </Icon>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">This is your invite link</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            Send it to your coach: the first coach who opens it can review this interview.
          </p>
          {what}
        </>
      );
    case "used":
      return (
        <Problem icon={<UserX className="size-5" aria-hidden />} title="This invite was already used">
          Another coach accepted it. Ask {i?.candidateName ?? "the candidate"} for a new link.
        </Problem>
      );
    case "expired":
      return (
        <Problem icon={<Clock className="size-5" aria-hidden />} title="This invite has expired">
          It expired on {invite.expiresAt ? formatDate(invite.expiresAt) : "—"}. Ask{" "}
          {i?.candidateName ?? "the candidate"} for a new link.
        </Problem>
      );
    case "invalid":
      return (
        <Problem icon={<Link2Off className="size-5" aria-hidden />} title="This invite link is not valid">
          It may have been revoked by the candidate, or copied incompletely. Ask for a new link.
        </Problem>
      );
  }
}

function Icon({ tone, children }: { tone: "accent" | "green" | "amber"; children: React.ReactNode }) {
  const tones = {
    accent: "bg-accent-100 text-accent-700 dark:bg-accent-950 dark:text-accent-300",
    green: "bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
    amber: "bg-amber-100 text-amber-700 dark:bg-amber-950 dark:text-amber-300",
  };
  return (
    <div className={`inline-flex size-10 items-center justify-center rounded-full ${tones[tone]}`}>{children}</div>
  );
}

function Problem({ icon, title, children }: { icon: React.ReactNode; title: string; children: React.ReactNode }) {
  return (
    <>
      <Icon tone="amber">{icon}</Icon>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">{children}</p>
    </>
  );
}
