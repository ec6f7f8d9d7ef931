"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "./auth-client";

type Mode = "sign-in" | "sign-up";

/** Sign in or sign up with email and password; the server's message is shown as is. */
export function AuthForm({ mode, next, notice }: { mode: Mode; next: string; notice?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    const result =
      mode === "sign-in"
        ? await authClient.signIn.email({ email, password })
        : await authClient.signUp.email({ email, password, name: String(form.get("name") ?? "").trim() });
    setPending(false);
    if (result.error) {
      setError(result.error.message ?? "That did not work. Try again.");
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
      {notice && (
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200">
          {notice}
        </p>
      )}
      {mode === "sign-up" && <Field label="Name" name="name" autoComplete="name" required maxLength={100} />}
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
        required
        minLength={mode === "sign-up" ? 10 : undefined}
        hint={mode === "sign-up" ? "At least 10 characters; not a common password." : undefined}
      />
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "One moment…" : mode === "sign-in" ? "Sign in" : "Create account"}
      </Button>
      <p className="text-center text-sm text-zinc-500">
        {mode === "sign-in" ? (
          <>
            New here? <AuthLink href={`/sign-up?next=${encodeURIComponent(next)}`}>Create an account</AuthLink>
          </>
        ) : (
          <>
            Have an account? <AuthLink href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</AuthLink>
          </>
        )}
      </p>
    </form>
  );
}

function AuthLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-accent-700 dark:text-accent-400 font-medium hover:underline">
      {children}
    </Link>
  );
}

export function Field({
  label,
  hint,
  ...input
}: { label: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  return (
    <label className="block">
      <span className="text-sm font-medium">{label}</span>
      <input
        {...input}
        className="focus:border-accent-500 focus:ring-accent-500/30 mt-1 block h-10 w-full rounded-lg border border-zinc-300 bg-white px-3 text-sm shadow-sm outline-none focus:ring-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {hint && <span className="mt-1 block text-xs text-zinc-500">{hint}</span>}
    </label>
  );
}
