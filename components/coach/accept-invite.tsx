"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Accepts a review invite, then opens the review. */
export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <Button
        size="md"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const response = await fetch(`/api/invites/${encodeURIComponent(token)}`, { method: "POST" });
            const body = (await response.json()) as { interviewId?: string; error?: { message?: string } };
            if (!response.ok || !body.interviewId) {
              setError(body.error?.message ?? `The server answered ${response.status}.`);
              setBusy(false);
              return;
            }
            router.push(`/coach/interviews/${body.interviewId}`);
          } catch {
            setError("Could not reach the server. Try again.");
            setBusy(false);
          }
        }}
      >
        {busy && <Loader2 className="size-4 animate-spin" aria-hidden />} Accept and open the review
      </Button>
      {error && (
        <p className="mt-3 text-sm text-rose-700 dark:text-rose-400" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
