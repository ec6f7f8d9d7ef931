"use client";

import { Archive, ArchiveRestore, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { AlertDialog } from "radix-ui";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";

/** Archive (with a confirmation that says what it does and does not do) or unarchive a slug. */
export function ArchiveButton({
  folder,
  slug,
  label,
  archived,
  interviews,
}: {
  folder: string;
  slug: string;
  label: string;
  archived: boolean;
  interviews: number;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/admin/content/${folder}/${slug}/archive`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ archived: !archived }),
      });
      const body = (await response.json()) as { error?: { message: string } };
      if (!response.ok) throw new Error(body.error?.message ?? `The server answered ${response.status}.`);
      setOpen(false);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not change the archive state.");
    } finally {
      setBusy(false);
    }
  };

  if (archived) {
    return (
      <div className="flex flex-col items-end">
        <Button variant="secondary" size="sm" onClick={submit} disabled={busy}>
          {busy ? <Loader2 className="size-3.5 animate-spin" aria-hidden /> : <ArchiveRestore className="size-3.5" aria-hidden />}
          Unarchive
        </Button>
        {error && (
          <p className="mt-1 max-w-xs text-right text-xs text-rose-700 dark:text-rose-400" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (setOpen(next), setError(null))}>
      <AlertDialog.Trigger asChild>
        <Button variant="secondary" size="sm">
          <Archive className="size-3.5" aria-hidden /> Archive
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/40 backdrop-blur-sm" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(30rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl border border-zinc-200 bg-white p-6 shadow-xl dark:border-zinc-800 dark:bg-zinc-900">
          <AlertDialog.Title className="text-lg font-semibold">Archive this {label}?</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
              <p>It disappears from the catalogue and from the choices for new interviews.</p>
              <p>
                {interviews > 0
                  ? `The ${interviews} interview${interviews === 1 ? "" : "s"} that used it keep working: their reports, replays and scores stay as they are.`
                  : "No interview uses it yet."}{" "}
                You can unarchive it at any time.
              </p>
            </div>
          </AlertDialog.Description>
          {error && (
            <p className="mt-3 text-sm text-rose-700 dark:text-rose-400" role="alert">
              {error}
            </p>
          )}
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses({ variant: "secondary", size: "sm" })}>Cancel</AlertDialog.Cancel>
            <button
              type="button"
              className={buttonClasses({ size: "sm" })}
              disabled={busy}
              onClick={submit}
            >
              {busy && <Loader2 className="size-3.5 animate-spin" aria-hidden />}
              Archive
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
