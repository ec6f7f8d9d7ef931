"use client";

import { Check, Loader2, RotateCcw, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { formatCompact, formatInt, formatUsd } from "@/components/admin/usage/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { LimitDefaults } from "@/lib/usage/policy";
import type { AdminUser } from "@/lib/usage/users";
import { UsageBar } from "./usage-bar";

const ROLE_LABELS = { CANDIDATE: "Candidate", COACH: "Coach", ADMIN: "Admin" } as const;
type Role = keyof typeof ROLE_LABELS;

/** Every user with their role and limits, editable per row; each save is one PATCH and one audit entry per change. */
export function UsersTable({
  users,
  defaults,
  currentUserId,
}: {
  users: AdminUser[];
  defaults: LimitDefaults;
  currentUserId: string;
}) {
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle
      ? users.filter((u) => u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle))
      : users;
  }, [users, filter]);

  return (
    <div className="rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60">
      <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
        <p className="text-sm text-zinc-500">
          {users.length} {users.length === 1 ? "user" : "users"}
          {shown.length !== users.length && ` · ${shown.length} shown`}
        </p>
        <label className="relative">
          <span className="sr-only">Filter users</span>
          <Search
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400"
            aria-hidden
          />
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Filter by name or email"
            className="focus:border-accent-500 focus:ring-accent-500/30 h-8 w-64 rounded-lg border border-zinc-300 bg-white pr-3 pl-8 text-sm outline-none focus:ring-2 dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-y border-zinc-200 bg-zinc-50 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900">
            <tr>
              <th className="w-64 py-2 pr-3 pl-5 font-medium">User</th>
              <th className="px-3 py-2 font-medium">Role</th>
              <th className="px-3 py-2 font-medium">
                Tokens a month
                <span className="block font-normal text-zinc-400">
                  default {formatLimit(defaults.monthlyTokenQuota)}
                </span>
              </th>
              <th className="px-3 py-2 font-medium whitespace-nowrap">
                Requests a minute
                <span className="block font-normal text-zinc-400">
                  default {formatLimit(defaults.requestsPerMinute)}
                </span>
              </th>
              <th className="px-3 py-2 font-medium">Used this month</th>
              <th className="px-3 py-2 text-right font-medium">Interviews</th>
              <th className="py-2 pr-5 pl-3">
                <span className="sr-only">Save</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
            {shown.map((u) => (
              <UserRow key={u.id} user={u} defaults={defaults} self={u.id === currentUserId} />
            ))}
          </tbody>
        </table>
        {shown.length === 0 && (
          <p className="px-5 py-8 text-center text-sm text-zinc-500">No user matches “{filter}”.</p>
        )}
      </div>
    </div>
  );
}

const formatLimit = (n: number) => (n === 0 ? "unlimited" : formatInt(n));

/** The input's text for a stored limit: empty for the default, grouped digits otherwise ("500,000"). */
const limitText = (n: number | null) => (n === null ? "" : formatInt(n));

/** "" → null (the default); otherwise a whole number ≥ 0, or undefined if it is not one. */
function parseLimit(text: string, max: number): number | null | undefined {
  const trimmed = text.trim().replaceAll(",", "").replaceAll("_", "");
  if (trimmed === "") return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n <= max ? n : undefined;
}

function UserRow({ user, defaults, self }: { user: AdminUser; defaults: LimitDefaults; self: boolean }) {
  const router = useRouter();
  // Edits are compared with the saved values in props: after a save the refreshed props match them.
  const [role, setRole] = useState<Role>(user.role);
  const [quota, setQuota] = useState(limitText(user.monthlyTokenQuota));
  const [rate, setRate] = useState(limitText(user.requestsPerMinute));
  const [status, setStatus] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; message: string }>({
    kind: "idle",
  });

  const quotaValue = parseLimit(quota, 2_000_000_000);
  const rateValue = parseLimit(rate, 10_000);
  const changes: Record<string, unknown> = {};
  if (role !== user.role) changes.role = role;
  if (quotaValue !== undefined && quotaValue !== user.monthlyTokenQuota) changes.monthlyTokenQuota = quotaValue;
  if (rateValue !== undefined && rateValue !== user.requestsPerMinute) changes.requestsPerMinute = rateValue;
  const invalid = quotaValue === undefined || rateValue === undefined;
  const dirty = Object.keys(changes).length > 0;

  const reset = () => {
    setRole(user.role);
    setQuota(limitText(user.monthlyTokenQuota));
    setRate(limitText(user.requestsPerMinute));
    setStatus({ kind: "idle" });
  };

  const leavesAdmin = self && changes.role !== undefined && changes.role !== "ADMIN";

  const save = async () => {
    if (leavesAdmin && !window.confirm("You will lose access to the admin pages. Change your own role?")) return;
    setStatus({ kind: "saving" });
    try {
      const response = await fetch(`/api/admin/users/${user.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(changes),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new Error(body.error?.message ?? `The server answered ${response.status}.`);
      }
      setStatus({ kind: "saved" });
      if (leavesAdmin) router.push("/");
      else router.refresh();
    } catch (error) {
      setStatus({ kind: "error", message: error instanceof Error ? error.message : "Could not save." });
    }
  };

  const inputClass = (bad: boolean) =>
    cn(
      "h-8 rounded-md border bg-white px-2 text-sm tabular-nums outline-none focus:ring-2 dark:bg-zinc-950",
      bad
        ? "border-rose-400 focus:ring-rose-500/30 dark:border-rose-700"
        : "focus:border-accent-500 focus:ring-accent-500/30 border-zinc-300 dark:border-zinc-700",
    );

  return (
    <tr className="align-top hover:bg-zinc-50/70 dark:hover:bg-zinc-800/30" data-user={user.email}>
      <td className="py-3 pr-3 pl-5">
        <div className="flex items-center gap-2">
          <span className="truncate font-medium">{user.name}</span>
          {self && <Badge tone="accent">you</Badge>}
        </div>
        <div className="truncate text-xs text-zinc-500">{user.email}</div>
        {status.kind === "error" && (
          <p role="alert" className="mt-1 max-w-60 text-xs text-rose-600 dark:text-rose-400">
            {status.message}
          </p>
        )}
      </td>
      <td className="px-3 py-3">
        <select
          aria-label={`Role of ${user.name}`}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          className="focus:border-accent-500 focus:ring-accent-500/30 h-8 rounded-md border border-zinc-300 bg-white pr-7 pl-2 text-sm outline-none focus:ring-2 dark:border-zinc-700 dark:bg-zinc-950"
        >
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td className="px-3 py-3">
        <input
          aria-label={`Monthly token quota of ${user.name}`}
          inputMode="numeric"
          value={quota}
          onChange={(e) => setQuota(e.target.value)}
          placeholder="Default"
          className={cn(inputClass(quotaValue === undefined), "w-32")}
        />
        <LimitHint value={quotaValue} fallback={defaults.monthlyTokenQuota} />
      </td>
      <td className="px-3 py-3">
        <input
          aria-label={`Requests per minute of ${user.name}`}
          inputMode="numeric"
          value={rate}
          onChange={(e) => setRate(e.target.value)}
          placeholder="Default"
          className={cn(inputClass(rateValue === undefined), "w-20")}
        />
        <LimitHint value={rateValue} fallback={defaults.requestsPerMinute} />
      </td>
      <td className="px-3 py-3">
        <UsageBar used={user.tokensThisMonth} quota={user.effective.monthlyTokenQuota} />
        <p className="mt-1 text-xs text-zinc-500 tabular-nums">{formatUsd(user.costThisMonthUsd)}</p>
      </td>
      <td className="px-3 py-3 text-right tabular-nums">{formatInt(user.interviews)}</td>
      <td className="py-3 pr-5 pl-3 text-right">
        {status.kind === "saved" && !dirty ? (
          <span className="inline-flex h-8 items-center gap-1 text-xs text-emerald-600 dark:text-emerald-400">
            <Check className="size-4" aria-hidden /> Saved
          </span>
        ) : (
          <div className="flex items-center justify-end gap-1">
            {(dirty || invalid) && status.kind !== "saving" && (
              <Button size="sm" variant="ghost" className="px-2" onClick={reset} title="Undo changes">
                <RotateCcw className="size-3.5" aria-hidden />
                <span className="sr-only">Undo changes to {user.name}</span>
              </Button>
            )}
            <Button
              size="sm"
              variant={dirty ? "primary" : "secondary"}
              className="disabled:opacity-40 disabled:shadow-none"
              disabled={!dirty || invalid || status.kind === "saving"}
              onClick={save}
            >
              {status.kind === "saving" && <Loader2 className="size-3.5 animate-spin" aria-hidden />}
              Save
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}

/** Under a limit input: what an empty or 0 value means, or why the value is refused. */
function LimitHint({ value, fallback }: { value: number | null | undefined; fallback: number }) {
  if (value === undefined) {
    return <p className="mt-1 text-xs text-rose-600 dark:text-rose-400">A whole number, or empty</p>;
  }
  const text =
    value === null
      ? `default · ${fallback === 0 ? "unlimited" : formatCompact(fallback)}`
      : value === 0
        ? "unlimited"
        : `own limit · ${formatCompact(value)}`;
  return <p className="mt-1 text-xs text-zinc-500">{text}</p>;
}
