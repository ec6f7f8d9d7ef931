import type { Metadata } from "next";
import { ChangePasswordForm, SignOutButton } from "@/components/auth/account-forms";
import { Badge } from "@/components/ui/badge";
import { requirePageUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user } = await requirePageUser("/account");
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Account</h1>
      <section className="mt-8 rounded-xl border border-zinc-200 p-6 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-3">
          <div>
            <p className="font-medium">{user.name}</p>
            <p className="text-sm text-zinc-500">{user.email}</p>
          </div>
          <Badge className="ml-auto">{user.role.toLowerCase()}</Badge>
        </div>
        {user.local ? (
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
            Local mode: this server signs in anyone browsing from this machine as the local user, so there is no
            password. Set <code className="font-mono">DATABASE_URL</code> (or{" "}
            <code className="font-mono">LOCAL_MODE=0</code>) to require accounts.
          </p>
        ) : (
          <div className="mt-4">
            <SignOutButton />
          </div>
        )}
      </section>
      {!user.local && (
        <section className="mt-8 rounded-xl border border-zinc-200 p-6 dark:border-zinc-800">
          <h2 className="text-lg font-semibold">Change password</h2>
          <div className="mt-4">
            <ChangePasswordForm />
          </div>
        </section>
      )}
    </div>
  );
}
