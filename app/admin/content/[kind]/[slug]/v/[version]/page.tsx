import { Download, History, Info, PencilLine, RotateCcw } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Notice } from "@/components/admin/content/notice";
import { AdminPageHeader } from "@/components/admin/content/page-header";
import { ContentPreview } from "@/components/admin/content/preview";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { requirePageRole } from "@/lib/auth";
import { KIND_FOLDER, KIND_LABELS, kindFromFolder } from "@/lib/content/kinds";
import { editorContext, getVersion } from "@/lib/content/versions";

export const metadata: Metadata = { title: "Version · Question bank" };

type Props = { params: Promise<{ kind: string; slug: string; version: string }> };

/** One version, read-only: as candidates see it, and as its content file. */
export default async function VersionPage({ params }: Props) {
  await connection();
  const { kind: folder, slug, version: raw } = await params;
  const { db } = await requirePageRole(`/admin/content/${folder}/${slug}/v/${raw}`, "ADMIN");
  const kind = kindFromFolder(folder);
  const version = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!kind || !(version > 0)) notFound();
  const detail = await getVersion(db.prisma, kind, slug, version);
  if (!detail) notFound();
  const context = kind === "prompt" ? await editorContext(db.prisma) : { frameworks: [] };
  const base = `/admin/content/${KIND_FOLDER[kind]}/${slug}`;
  const isLatest = detail.version === detail.latestVersion;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <AdminPageHeader
        crumbs={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/content", label: "Question bank" },
          { href: `/admin/content?kind=${KIND_FOLDER[kind]}`, label: KIND_LABELS[kind].many },
          { href: base, label: detail.content.title },
        ]}
        title={`${detail.content.title}`}
        badges={
          <>
            <span className="font-mono text-xs text-zinc-500">{slug}</span>
            <Badge tone="accent">v{detail.version}</Badge>
            {isLatest && <Badge tone="green">Latest</Badge>}
            {detail.archived && <Badge>Archived</Badge>}
            {kind !== "followups" && (
              <span className="text-xs text-zinc-500">
                used by {detail.interviews} interview{detail.interviews === 1 ? "" : "s"}
              </span>
            )}
          </>
        }
        actions={
          <>
            <ButtonLink href={`${base}/history`} variant="ghost" size="sm">
              <History className="size-4" aria-hidden /> History
            </ButtonLink>
            <a
              href={`/api/admin/content/${KIND_FOLDER[kind]}/${slug}?version=${detail.version}`}
              className="inline-flex h-8 items-center gap-1.5 rounded-lg px-3 text-sm font-medium text-zinc-700 transition hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              <Download className="size-4" aria-hidden /> YAML
            </a>
            {isLatest ? (
              <ButtonLink href={base} size="sm">
                <PencilLine className="size-4" aria-hidden /> Edit
              </ButtonLink>
            ) : (
              <ButtonLink href={`${base}?from=${detail.version}`} size="sm">
                <RotateCcw className="size-4" aria-hidden /> Restore as v{detail.latestVersion + 1}
              </ButtonLink>
            )}
          </>
        }
      />
      {!isLatest && (
        <div className="mt-5">
          <Notice tone="info" icon={Info}>
            This is an earlier version; the latest is{" "}
            <Link href={`${base}/v/${detail.latestVersion}`} className="font-medium underline underline-offset-2">
              version {detail.latestVersion}
            </Link>
            . It stays exactly as it is for the interviews that used it.
          </Notice>
        </div>
      )}
      <div className="mt-6">
        <ContentPreview kind={kind} data={detail.content} frameworks={context.frameworks} />
      </div>
      <details className="group mt-8 rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <summary className="cursor-pointer px-5 py-3 text-sm font-medium">
          The file · <span className="font-mono text-xs text-zinc-500">content/{KIND_FOLDER[kind]}/{slug}.yaml</span>
        </summary>
        <pre className="max-h-[36rem] overflow-auto border-t border-zinc-200 px-5 py-4 font-mono text-[13px] leading-5 text-zinc-800 dark:border-zinc-800 dark:text-zinc-200">
          {detail.text}
        </pre>
      </details>
    </div>
  );
}
