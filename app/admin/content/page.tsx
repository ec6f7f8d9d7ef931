import { ArrowDownUp, Eye, History, Plus, ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AdminPageHeader } from "@/components/admin/content/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { requirePageRole } from "@/lib/auth";
import { CONTENT_KIND_LIST, KIND_FOLDER, KIND_LABELS, kindFromFolder } from "@/lib/content/kinds";
import { difficultyLabel, domainLabel } from "@/lib/content/labels";
import { listContent } from "@/lib/content/versions";

export const metadata: Metadata = { title: "Question bank" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

export default async function ContentListPage({ searchParams }: Props) {
  await connection();
  const { db } = await requirePageRole("/admin/content", "ADMIN");
  const requested = (await searchParams).kind;
  const kind = kindFromFolder(typeof requested === "string" ? requested : "prompts") ?? "prompt";
  const folder = KIND_FOLDER[kind];
  const all = await listContent(db.prisma);
  const items = all[kind];
  const archivedCount = items.filter((i) => i.archived).length;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <AdminPageHeader
        crumbs={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/content", label: "Question bank" },
        ]}
        title="Question bank"
        description="Prompts, frameworks, rubrics and follow-up banks. Every save is a new version: interviews keep the version they ran with."
        actions={
          <>
            <ButtonLink href="/admin/audit?action=content." variant="ghost" size="sm">
              <ScrollText className="size-4" aria-hidden /> Audit log
            </ButtonLink>
            <ButtonLink href="/admin/content/import" variant="secondary" size="sm">
              <ArrowDownUp className="size-4" aria-hidden /> Import &amp; export
            </ButtonLink>
            <ButtonLink href={`/admin/content/new/${folder}`} size="sm">
              <Plus className="size-4" aria-hidden /> New {KIND_LABELS[kind].one}
            </ButtonLink>
          </>
        }
      />

      <nav className="mt-8 flex gap-1 border-b border-zinc-200 dark:border-zinc-800" aria-label="Kinds of content">
        {CONTENT_KIND_LIST.map((k) => {
          const active = k === kind;
          return (
            <Link
              key={k}
              href={`/admin/content?kind=${KIND_FOLDER[k]}`}
              aria-current={active ? "page" : undefined}
              className={cn(
                "-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm transition",
                active
                  ? "border-accent-600 dark:border-accent-400 font-medium text-zinc-900 dark:text-zinc-100"
                  : "border-transparent text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100",
              )}
            >
              {KIND_LABELS[k].many}
              <span className="rounded-full bg-zinc-200/80 px-1.5 text-xs text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-400">
                {all[k].length}
              </span>
            </Link>
          );
        })}
      </nav>

      {items.length === 0 ? (
        <div className="mt-6 rounded-xl border border-dashed border-zinc-300 p-12 text-center dark:border-zinc-700">
          <p className="font-medium">No {KIND_LABELS[kind].many.toLowerCase()} yet.</p>
          <p className="mt-1 text-sm text-zinc-500">Create one, or import content files.</p>
        </div>
      ) : (
        <>
          <p className="mt-4 text-sm text-zinc-500">
            {items.length} {items.length === 1 ? KIND_LABELS[kind].one : KIND_LABELS[kind].many.toLowerCase()}
            {archivedCount > 0 && `, ${archivedCount} archived`}.
            {kind === "followups" && " Follow-up banks are drawn on live, so interviews do not pin a version of them."}
          </p>
          <div className="mt-3 overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900">
                <tr>
                  <th className="px-4 py-2.5 font-medium">Name</th>
                  {kind === "prompt" && <th className="px-4 py-2.5 font-medium">Domain</th>}
                  <th className="px-4 py-2.5 text-right font-medium">Version</th>
                  <th className="px-4 py-2.5 text-right font-medium">Interviews</th>
                  <th className="px-4 py-2.5 font-medium">Updated</th>
                  <th className="px-4 py-2.5 font-medium">Status</th>
                  <th className="px-4 py-2.5">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {items.map((item) => {
                  const base = `/admin/content/${folder}/${item.slug}`;
                  return (
                    <tr
                      key={item.slug}
                      className={cn("group hover:bg-zinc-50 dark:hover:bg-zinc-800/40", item.archived && "text-zinc-500")}
                      data-slug={item.slug}
                    >
                      <td className="max-w-md px-4 py-3">
                        <Link
                          href={base}
                          className={cn(
                            "hover:text-accent-700 dark:hover:text-accent-300 font-medium",
                            item.archived ? "text-zinc-500" : "text-zinc-900 dark:text-zinc-100",
                          )}
                        >
                          {item.title}
                        </Link>
                        <div className="mt-0.5 font-mono text-xs text-zinc-500">{item.slug}</div>
                      </td>
                      {kind === "prompt" && (
                        <td className="px-4 py-3 whitespace-nowrap">
                          <span className="text-zinc-700 dark:text-zinc-300">{domainLabel(item.domain ?? "")}</span>
                          <span className="text-zinc-400"> · {difficultyLabel(item.difficulty ?? "")}</span>
                        </td>
                      )}
                      <td className="px-4 py-3 text-right font-mono text-xs tabular-nums">v{item.version}</td>
                      <td className="px-4 py-3 text-right tabular-nums">
                        {kind === "followups" ? (
                          <span className="text-zinc-400">—</span>
                        ) : (
                          <span title={`${item.interviewsOnLatest} on the latest version`}>{item.interviews}</span>
                        )}
                      </td>
                      <td className="px-4 py-3 whitespace-nowrap text-zinc-500">{dateFormat.format(item.updatedAt)}</td>
                      <td className="px-4 py-3">
                        {item.archived ? <Badge>Archived</Badge> : <Badge tone="green">Live</Badge>}
                      </td>
                      <td className="px-4 py-3">
                        <div className="flex justify-end gap-1">
                          <IconLink href={`${base}/v/${item.version}`} label={`Preview ${item.title}`} icon={Eye} />
                          <IconLink href={`${base}/history`} label={`History of ${item.title}`} icon={History} />
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function IconLink({ href, label, icon: Icon }: { href: string; label: string; icon: typeof Eye }) {
  return (
    <Link
      href={href}
      aria-label={label}
      title={label}
      className="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 transition hover:bg-zinc-200/70 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      <Icon className="size-4" aria-hidden />
    </Link>
  );
}
