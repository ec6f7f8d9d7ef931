import { Download, Eye, FileText, PencilLine, RotateCcw } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AdminPageHeader } from "@/components/admin/content/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { requirePageRole } from "@/lib/auth";
import { KIND_FOLDER, KIND_LABELS, kindFromFolder, versionTarget } from "@/lib/content/kinds";
import { getVersion, versionHistory } from "@/lib/content/versions";

export const metadata: Metadata = { title: "History · Question bank" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const HOW: Record<string, string> = {
  "content.create": "Created in the editor",
  "content.save": "Saved in the editor",
  "content.import": "Imported from files",
};

export default async function HistoryPage({ params }: { params: Promise<{ kind: string; slug: string }> }) {
  await connection();
  const { kind: folder, slug } = await params;
  const { db } = await requirePageRole(`/admin/content/${folder}/${slug}/history`, "ADMIN");
  const kind = kindFromFolder(folder);
  if (!kind) notFound();
  const latest = await getVersion(db.prisma, kind, slug);
  if (!latest) notFound();
  const versions = await versionHistory(db.prisma, kind, slug);
  const base = `/admin/content/${KIND_FOLDER[kind]}/${slug}`;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <AdminPageHeader
        crumbs={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/content", label: "Question bank" },
          { href: `/admin/content?kind=${KIND_FOLDER[kind]}`, label: KIND_LABELS[kind].many },
          { href: base, label: latest.content.title },
        ]}
        title="Version history"
        description={`Every version of ${slug}, newest first. Versions are never changed: an interview keeps the version it ran with, and restoring an old one saves it as a new version.`}
        actions={
          <>
            <ButtonLink href={`/admin/audit?target=${encodeURIComponent(versionTarget(kind, slug))}`} variant="ghost" size="sm">
              <FileText className="size-4" aria-hidden /> Audit entries
            </ButtonLink>
            <ButtonLink href={base} size="sm">
              <PencilLine className="size-4" aria-hidden /> Edit latest
            </ButtonLink>
          </>
        }
      />
      <ol className="mt-8 space-y-3">
        {versions.map((v) => (
          <li
            key={v.version}
            className="flex flex-wrap items-start gap-x-6 gap-y-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60"
            data-version={v.version}
          >
            <div className="w-16 shrink-0">
              <span className="font-mono text-lg font-semibold tabular-nums">v{v.version}</span>
            </div>
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{v.how ? (HOW[v.how] ?? v.how) : v.fromFile ? "Imported from files" : "Saved"}</span>
                <span className="text-zinc-500">
                  {v.author ? `by ${v.author.name}` : v.how === "content.import" ? "on server start or from the command line" : ""}
                </span>
                {v.version === latest.version && <Badge tone="accent">Latest</Badge>}
                {v.archived && <Badge>Archived</Badge>}
              </div>
              <p className="mt-0.5 text-xs text-zinc-500">{when.format(v.createdAt)} UTC</p>
              {v.changedFields.length > 0 && (
                <p className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500">
                  Changed:
                  {v.changedFields.map((f) => (
                    <code key={f} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                      {f}
                    </code>
                  ))}
                </p>
              )}
            </div>
            <div className="text-right text-sm">
              {kind === "followups" ? (
                <span className="text-zinc-400">not pinned</span>
              ) : (
                <span className={v.interviews > 0 ? "font-medium" : "text-zinc-500"}>
                  {v.interviews} interview{v.interviews === 1 ? "" : "s"}
                </span>
              )}
            </div>
            <div className="flex w-full flex-wrap justify-end gap-1 sm:w-auto">
              <ButtonLink href={`${base}/v/${v.version}`} variant="ghost" size="sm">
                <Eye className="size-4" aria-hidden /> View
              </ButtonLink>
              <a
                href={`/api/admin/content/${KIND_FOLDER[kind]}/${slug}?version=${v.version}`}
                className="inline-flex h-8 items-center gap-1.5 rounded-lg px-3 text-sm font-medium text-zinc-700 transition hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800"
              >
                <Download className="size-4" aria-hidden /> YAML
              </a>
              {v.version !== latest.version && (
                <Link
                  href={`${base}?from=${v.version}`}
                  className="inline-flex h-8 items-center gap-1.5 rounded-lg px-3 text-sm font-medium text-zinc-700 transition hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800"
                >
                  <RotateCcw className="size-4" aria-hidden /> Restore as v{latest.version + 1}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
