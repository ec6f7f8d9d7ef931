"use client";

import { AlertDialog } from "radix-ui";
import { ChevronLeft, Clock3, FileText, Square } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button, ButtonLink, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useRoom } from "./room-store";
import { formatClock, useInterviewClock } from "./use-interview-clock";

export function RoomHeader() {
  const room = useRoom((s) => s.room);
  const ended = useRoom((s) => s.ended);
  const { elapsed, remaining } = useInterviewClock();
  const warn = remaining <= 10 * 60;
  const danger = remaining <= 5 * 60;

  return (
    <div className="flex h-14 shrink-0 items-center gap-4 border-b border-zinc-200 bg-white px-4 dark:border-zinc-800 dark:bg-zinc-900">
      <Link
        href={`/practice/${room.prompt.slug}`}
        className="flex min-w-0 items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
        title="Back to the prompt"
      >
        <ChevronLeft className="size-4 shrink-0" aria-hidden />
        <span className="truncate font-medium text-zinc-900 dark:text-zinc-100">{room.prompt.title}</span>
      </Link>
      <PhaseBar elapsed={elapsed} />
      <div
        role="timer"
        aria-label="Time left"
        className={cn(
          "flex items-center gap-1.5 rounded-lg px-2.5 py-1 font-mono text-sm font-medium tabular-nums",
          ended
            ? "bg-zinc-100 text-zinc-500 dark:bg-zinc-800"
            : danger
              ? "bg-rose-100 text-rose-700 dark:bg-rose-950 dark:text-rose-300"
              : warn
                ? "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300"
                : "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
        )}
      >
        <Clock3 className="size-3.5" aria-hidden />
        {ended ? "Ended" : formatClock(remaining)}
      </div>
      {ended ? (
        <ButtonLink href={`/interviews/${room.interview.id}/report`} size="sm">
          <FileText className="size-3.5" aria-hidden /> View report
        </ButtonLink>
      ) : (
        <EndButton />
      )}
    </div>
  );
}

function PhaseBar({ elapsed }: { elapsed: number }) {
  const phases = useRoom((s) => s.room.phases);
  const actuals = useRoom((s) => s.room.phaseActuals);
  const total = phases.reduce((sum, p) => sum + p.minutes, 0) * 60 || 1;
  const minute = elapsed / 60;
  return (
    <ol className="hidden min-w-0 flex-1 items-stretch gap-0.5 md:flex" aria-label="Interview phases">
      {phases.map((phase) => {
        const start = phase.startMinute;
        const end = phase.startMinute + phase.minutes;
        const current = minute >= start && minute < end;
        const done = minute >= end;
        const progress = current ? ((minute - start) / phase.minutes) * 100 : done ? 100 : 0;
        const actual = actuals.find((a) => a.key === phase.key)?.minutes ?? 0;
        const over = actual > phase.minutes * 1.5 && actual - phase.minutes >= 2;
        return (
          <li
            key={phase.key}
            style={{ flexGrow: (phase.minutes * 60) / total }}
            className="min-w-0 basis-0"
            aria-current={current ? "step" : undefined}
            title={`${phase.title}: planned ${phase.minutes} min (minute ${start}–${end}); spent so far ≈${Math.round(actual)} min, estimated from what you discussed`}
          >
            <div
              className={cn(
                "truncate text-[11px] leading-4",
                current
                  ? "text-accent-700 dark:text-accent-300 font-semibold"
                  : done
                    ? "text-zinc-500"
                    : "text-zinc-400",
              )}
            >
              {phase.title}{" "}
              <span
                className={cn("tabular-nums", over ? "font-semibold text-amber-600 dark:text-amber-400" : "opacity-70")}
              >
                {actual >= 0.5 ? `${Math.round(actual)}/${phase.minutes}m` : `${phase.minutes}m`}
              </span>
            </div>
            <div className="mt-0.5 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
              <div
                className={cn("h-full rounded-full", current ? "bg-accent-500" : "bg-zinc-400 dark:bg-zinc-600")}
                style={{ width: `${progress}%` }}
              />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function EndButton() {
  const end = useRoom((s) => s.actions.end);
  const [busy, setBusy] = useState(false);
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="secondary" size="sm">
          <Square className="size-3.5" aria-hidden /> End interview
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/40 backdrop-blur-sm" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl border border-zinc-200 bg-white p-6 shadow-xl dark:border-zinc-800 dark:bg-zinc-900">
          <AlertDialog.Title className="text-lg font-semibold">End the interview now?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            You won&apos;t be able to send messages or change the board afterwards. Everything so far is saved.
          </AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses({ variant: "secondary", size: "sm" })}>
              Keep going
            </AlertDialog.Cancel>
            <AlertDialog.Action
              className={buttonClasses({ size: "sm" })}
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                await end();
              }}
            >
              End interview
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
