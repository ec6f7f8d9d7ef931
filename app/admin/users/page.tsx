import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ChevronLeft, Info } from "lucide-react";
import { formatInt } from "@/components/admin/usage/format";
import { UsersTable } from "@/components/admin/users/users-table";
import { requirePageRole } from "@/lib/auth";
import { limitDefaultsFromEnv } from "@/lib/usage/limits";
import { listUsers } from "@/lib/usage/users";

export const metadata: Metadata = { title: "Users and quotas" };

export default async function UsersPage() {
  await connection();
  const { db, user } = await requirePageRole("/admin/users", "ADMIN");
  const defaults = limitDefaultsFromEnv();
  const users = await listUsers(db, { now: new Date(), defaults });
  const resets = new Date();
  resets.setUTCMonth(resets.getUTCMonth() + 1, 1);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <Link
        href="/admin"
        className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-4" aria-hidden />
        Admin
      </Link>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Users and quotas</h1>
      <p className="mt-1 max-w-3xl text-sm text-zinc-500">
        Roles, monthly model-token quotas (input + output tokens, counted per calendar month in UTC; the next reset is{" "}
        <span className="whitespace-nowrap">
          {resets.toLocaleDateString("en-GB", { day: "numeric", month: "long", timeZone: "UTC" })}
        </span>
        ) and request rate limits. Every change is written to the audit log.
      </p>

      <div className="mt-6 flex gap-3 rounded-xl border border-zinc-200 bg-zinc-50 p-4 text-sm text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900/40 dark:text-zinc-400">
        <Info className="text-accent-600 dark:text-accent-400 mt-0.5 size-4 shrink-0" aria-hidden />
        <p>
          Server defaults:{" "}
          <strong className="font-medium text-zinc-900 dark:text-zinc-100">
            {defaults.monthlyTokenQuota === 0 ? "unlimited tokens" : `${formatInt(defaults.monthlyTokenQuota)} tokens`}
          </strong>{" "}
          a month and{" "}
          <strong className="font-medium text-zinc-900 dark:text-zinc-100">
            {defaults.requestsPerMinute === 0
              ? "unlimited requests"
              : `${formatInt(defaults.requestsPerMinute)} requests`}
          </strong>{" "}
          a minute (<code className="text-xs">DEFAULT_MONTHLY_TOKEN_QUOTA</code>,{" "}
          <code className="text-xs">DEFAULT_REQUESTS_PER_MINUTE</code>). Leave a field empty for the default; 0 means
          unlimited. A request over a limit gets a 429 saying why and when to retry. Limits are counted in each server
          process, so with several instances each allows the full rate.
        </p>
      </div>

      <div className="mt-6">
        <UsersTable users={users} defaults={defaults} currentUserId={user.id} />
      </div>
    </div>
  );
}
