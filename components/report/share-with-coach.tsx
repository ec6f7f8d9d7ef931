"use client";

import { Check, Copy, Link2, Loader2, Share2, Trash2 } from "lucide-react";
import { Dialog } from "radix-ui";
import { useCallback, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";

interface Share {
  id: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  coach: { name: string; email: string } | null;
  state: "pending" | "accepted" | "expired";
}

const dateOf = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

async function problemOf(response: Response): Promise<string | null> {
  if (response.ok) return null;
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

/**
 * The candidate shares this interview with a coach: an invite link (shown once, to copy) that the first
 * coach to open it accepts; earlier invites are listed with who accepted them and can be revoked.
 */
export function ShareWithCoach({ interviewId }: { interviewId: string }) {
  const api = `/api/interviews/${interviewId}/share`;
  const [open, setOpen] = useState(false);
  const [shares, setShares] = useState<Share[] | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const response = await fetch(api, { cache: "no-store" });
      const problem = await problemOf(response);
      if (problem) return setError(problem);
      setShares(((await response.json()) as { shares: Share[] }).shares);
    } catch {
      setError("Could not reach the server.");
    }
  }, [api]);

  const create = async () => {
    setBusy("create");
    setError(null);
    try {
      const response = await fetch(api, { method: "POST" });
      const problem = await problemOf(response);
      if (problem) setError(problem);
      else {
        const share = (await response.json()) as Share & { path: string };
        setLink(new URL(share.path, window.location.origin).toString());
        setCopied(false);
        await load();
      }
    } catch {
      setError("Could not reach the server.");
    }
    setBusy(null);
  };

  const revoke = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      const problem = await problemOf(
        await fetch(api, {
          method: "DELETE",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ shareId: id }),
        }),
      );
      if (problem) setError(problem);
      else await load();
    } catch {
      setError("Could not reach the server.");
    }
    setBusy(null);
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load();
        else setLink(null);
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant="secondary" size="sm">
          <Share2 className="size-4" aria-hidden /> Share with a coach
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/40 backdrop-blur-sm" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[85vh] w-[min(34rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-6 shadow-xl dark:border-zinc-800 dark:bg-zinc-900">
          <Dialog.Title className="text-lg font-semibold">Share with a coach</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            Create a link and send it to your coach. The first coach who opens it can replay this interview, review the
            scores and comment; nobody else can use it. Links expire after 14 days.
          </Dialog.Description>

          {link ? (
            <div className="mt-4">
              <label htmlFor="invite-link" className="text-sm font-medium">
                Invite link <span className="font-normal text-zinc-500">(shown once — copy it now)</span>
              </label>
              <div className="mt-1 flex gap-2">
                <input
                  id="invite-link"
                  readOnly
                  value={link}
                  onFocus={(e) => e.target.select()}
                  className="h-9 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
                  data-testid="invite-link"
                />
                <Button
                  size="sm"
                  className="h-9"
                  onClick={async () => {
                    await navigator.clipboard?.writeText(link).catch(() => {});
                    setCopied(true);
                  }}
                >
                  {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                  {copied ? "Copied" : "Copy link"}
                </Button>
              </div>
            </div>
          ) : (
            <Button className="mt-4" onClick={create} disabled={busy !== null}>
              {busy === "create" ? (
                <Loader2 className="size-4 animate-spin" aria-hidden />
              ) : (
                <Link2 className="size-4" aria-hidden />
              )}
              Create invite link
            </Button>
          )}

          {error && (
            <p className="mt-3 text-sm text-rose-700 dark:text-rose-400" role="alert">
              {error}
            </p>
          )}

          {shares && shares.length > 0 && (
            <div className="mt-6">
              <h3 className="text-sm font-medium">Invites</h3>
              <ul className="mt-2 divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
                {shares.map((s) => (
                  <li key={s.id} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid="share-row">
                    <div className="min-w-0 flex-1">
                      {s.state === "accepted" ? (
                        <p className="truncate">
                          {s.coach?.name} <span className="text-zinc-500">({s.coach?.email})</span>
                        </p>
                      ) : (
                        <p className="text-zinc-600 dark:text-zinc-400">Link created {dateOf(s.createdAt)}</p>
                      )}
                      <p className="text-xs text-zinc-500">
                        {s.state === "accepted" && s.acceptedAt
                          ? `Accepted ${dateOf(s.acceptedAt)}`
                          : s.state === "expired"
                            ? `Expired ${dateOf(s.expiresAt)}`
                            : `Expires ${dateOf(s.expiresAt)}`}
                      </p>
                    </div>
                    <Badge tone={s.state === "accepted" ? "green" : s.state === "expired" ? "neutral" : "accent"}>
                      {s.state === "accepted" ? "Has access" : s.state === "expired" ? "Expired" : "Not used yet"}
                    </Badge>
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => void revoke(s.id)}
                      disabled={busy !== null}
                      aria-label={s.state === "accepted" ? `Revoke ${s.coach?.name}'s access` : "Revoke invite"}
                    >
                      {busy === s.id ? (
                        <Loader2 className="size-3.5 animate-spin" aria-hidden />
                      ) : (
                        <Trash2 className="size-3.5" aria-hidden />
                      )}
                      Revoke
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
          )}

          <div className="mt-6 flex justify-end">
            <Dialog.Close className={buttonClasses({ variant: "secondary", size: "sm" })}>Done</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
