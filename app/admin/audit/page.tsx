import { ChevronRight, Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AdminPageHeader } from "@/components/admin/content/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { requirePageRole } from "@/lib/auth";
import { auditActions, listAudit, type AuditEntry } from "@/lib/content/audit";
import { KIND_FOLDER, parseVersionTarget } from "@/lib/content/kinds";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE = 50;
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const ACTION_LABELS: Record<string, string> = {
  "content.create": "Created",
  "content.save": "Saved",
  "content.import": "Imported",
  "content.archive": "Archived",
  "content.unarchive": "Unarchived",
};
const actionTone = (action: string) =>
  action === "content.archive"
    ? "amber"
    : action === "content.unarchive" || action === "content.create"
      ? "green"
      : "neutral";

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 200) : "");

/** Every change, newest first: who, what, when; filter by target (a prefix, e.g. `prompt:design-chatgpt`) or action. */
export default async function AuditPage({ searchParams }: Props) {
  await connection();
  const { db } = await requirePageRole("/admin/audit", "ADMIN");
  const query = await searchParams;
  const target = one(query.target).trim();
  const action = one(query.action).trim();
  const beforeRaw = one(query.before);
  const before = beforeRaw && !Number.isNaN(Date.parse(beforeRaw)) ? new Date(beforeRaw) : undefined;
  const [{ entries, more }, actions] = await Promise.all([
    listAudit(db.prisma, { target: target || undefined, action: action || undefined, before, limit: PAGE }),
    auditActions(db.prisma),
  ]);
  const olderHref = (() => {
    const last = entries.at(-1);
    if (!more || !last) return null;
    const params = new URLSearchParams();
    if (target) params.set("target", target);
    if (action) params.set("action", action);
    params.set("before", last.createdAt.toISOString());
    return `/admin/audit?${params}`;
  })();

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <AdminPageHeader
        crumbs={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/audit", label: "Audit log" },
        ]}
        title="Audit log"
        description="Every change to the question bank and the server's people, with who made it and when. Entries are written in the same transaction as the change."
      />

      <form method="get" className="mt-8 flex flex-col gap-3 sm:flex-row sm:items-end">
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium text-zinc-700 dark:text-zinc-300">Target</span>
          <span className="relative block">
            <Search
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400"
              aria-hidden
            />
            <input
              name="target"
              defaultValue={target}
              placeholder="prompt:design-chatgpt, rubric:, user:…"
              className="focus:border-accent-500 h-9 w-full rounded-lg border border-zinc-300 bg-white pr-3 pl-9 font-mono text-[13px] placeholder:font-sans placeholder:text-zinc-400 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900"
            />
          </span>
        </label>
        <label className="text-sm sm:w-56">
          <span className="mb-1 block font-medium text-zinc-700 dark:text-zinc-300">Action</span>
          <select
            name="action"
            defaultValue={action}
            className="focus:border-accent-500 h-9 w-full rounded-lg border border-zinc-300 bg-white px-2.5 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">Any action</option>
            <option value="content.">Any content change</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClasses({ size: "md" })}>
            Filter
          </button>
          {(target || action) && (
            <Link href="/admin/audit" className={buttonClasses({ variant: "ghost", size: "md" })}>
              Clear
            </Link>
          )}
        </div>
      </form>

      {entries.length === 0 ? (
        <div className="mt-6 rounded-xl border border-dashed border-zinc-300 p-12 text-center dark:border-zinc-700">
          <p className="font-medium">No entries{target || action ? " match this filter" : " yet"}.</p>
          <p className="mt-1 text-sm text-zinc-500">
            Changes to content, users and assignments appear here as they happen.
          </p>
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900">
              <tr>
                <th className="px-4 py-2.5 font-medium">When (UTC)</th>
                <th className="px-4 py-2.5 font-medium">Who</th>
                <th className="px-4 py-2.5 font-medium">What</th>
                <th className="px-4 py-2.5 font-medium">Target</th>
                <th className="px-4 py-2.5 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {entries.map((e) => (
                <tr key={e.id} className="align-top" data-action={e.action}>
                  <td className="px-4 py-3 whitespace-nowrap text-zinc-500 tabular-nums">{when.format(e.createdAt)}</td>
                  <td className="px-4 py-3">
                    {e.actor ? (
                      <>
                        <div className="font-medium">{e.actor.name}</div>
                        <div className="text-xs text-zinc-500">{e.actor.email}</div>
                      </>
                    ) : (
                      <span className="text-zinc-500">System</span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={actionTone(e.action)}>{ACTION_LABELS[e.action] ?? e.action}</Badge>
                  </td>
                  <td className="px-4 py-3">
                    <TargetLink target={e.target} />
                  </td>
                  <td className="max-w-sm px-4 py-3 text-xs text-zinc-600 dark:text-zinc-400">
                    <Detail entry={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {olderHref && (
        <div className="mt-4 flex justify-end">
          <Link href={olderHref} className={buttonClasses({ variant: "secondary", size: "sm" })}>
            Older entries <ChevronRight className="size-4" aria-hidden />
          </Link>
        </div>
      )}
    </div>
  );
}

function TargetLink({ target }: { target: string }) {
  const parsed = parseVersionTarget(target);
  if (!parsed) return <code className="font-mono text-xs">{target}</code>;
  const base = `/admin/content/${KIND_FOLDER[parsed.kind]}/${parsed.slug}`;
  return (
    <Link
      href={parsed.version ? `${base}/v/${parsed.version}` : base}
      className="hover:text-accent-700 dark:hover:text-accent-300 font-mono text-xs underline decoration-zinc-300 underline-offset-2 dark:decoration-zinc-600"
    >
      {target}
    </Link>
  );
}

/** A readable line for content entries; compact JSON for anything else. */
function Detail({ entry }: { entry: AuditEntry }) {
  const d = (entry.detail ?? {}) as Record<string, unknown>;
  if (entry.action.startsWith("content.")) {
    const parts: string[] = [];
    if (typeof d.via === "string") parts.push(`via ${d.via}`);
    if (typeof d.basedOn === "number") parts.push(`based on v${d.basedOn}`);
    if (d.basedOn === null && entry.action !== "content.archive" && entry.action !== "content.unarchive")
      parts.push("first version");
    if (d.archived === true && entry.action !== "content.archive") parts.push("stays archived");
    const changed = Array.isArray(d.changedFields) ? d.changedFields.map(String) : [];
    return (
      <>
        {parts.join(" · ")}
        {changed.length > 0 && (
          <div className="mt-1 flex flex-wrap gap-1">
            {changed.map((f) => (
              <code key={f} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[11px] dark:bg-zinc-800">
                {f}
              </code>
            ))}
          </div>
        )}
      </>
    );
  }
  const json = JSON.stringify(entry.detail ?? null);
  return <code className="font-mono break-all">{json.length > 200 ? `${json.slice(0, 200)}…` : json}</code>;
}
