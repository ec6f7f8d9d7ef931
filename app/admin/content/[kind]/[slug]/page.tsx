import { CheckCircle2, Download, Eye, History } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ArchiveButton } from "@/components/admin/content/archive-button";
import { ContentEditor } from "@/components/admin/content/content-editor";
import { Notice } from "@/components/admin/content/notice";
import { AdminPageHeader } from "@/components/admin/content/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { requirePageRole } from "@/lib/auth";
import { usageOfSlug } from "@/lib/content/editor";
import { KIND_FOLDER, KIND_LABELS, kindFromFolder } from "@/lib/content/kinds";
import { editorContext, getVersion } from "@/lib/content/versions";

type Props = {
  params: Promise<{ kind: string; slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Edit · Question bank" };

const positiveInt = (value: string | string[] | undefined) => {
  const n = typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return n > 0 ? n : null;
};

/** The editor for the latest version of a slug (`?from=n` starts the draft from version n instead). */
export default async function EditContentPage({ params, searchParams }: Props) {
  await connection();
  const { kind: folder, slug } = await params;
  const { db } = await requirePageRole(`/admin/content/${folder}/${slug}`, "ADMIN");
  const kind = kindFromFolder(folder);
  if (!kind) notFound();
  const query = await searchParams;
  const latest = await getVersion(db.prisma, kind, slug);
  if (!latest) notFound();
  const from = positiveInt(query.from);
  const restored = from !== null && from !== latest.version ? await getVersion(db.prisma, kind, slug, from) : null;
  const saved = positiveInt(query.saved);
  const [usage, context] = await Promise.all([usageOfSlug(db.prisma, kind, slug), editorContext(db.prisma)]);
  const total = [...usage.values()].reduce((a, b) => a + b, 0);
  const label = KIND_LABELS[kind].one;
  const base = `/admin/content/${KIND_FOLDER[kind]}/${slug}`;
  const draft = restored ?? latest;

  return (
    <div className="mx-auto max-w-6xl px-4 pt-10 pb-24 sm:px-6">
      <AdminPageHeader
        crumbs={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/content", label: "Question bank" },
          { href: `/admin/content?kind=${KIND_FOLDER[kind]}`, label: KIND_LABELS[kind].many },
        ]}
        title={latest.content.title}
        badges={
          <>
            <span className="font-mono text-xs text-zinc-500">{slug}</span>
            <Badge tone="accent">v{latest.version}</Badge>
            {latest.archived ? <Badge>Archived</Badge> : <Badge tone="green">Live</Badge>}
            {kind !== "followups" && (
              <span className="text-xs text-zinc-500">
                used by {total} interview{total === 1 ? "" : "s"}
              </span>
            )}
          </>
        }
        actions={
          <>
            <ButtonLink href={`${base}/v/${latest.version}`} variant="ghost" size="sm">
              <Eye className="size-4" aria-hidden /> View
            </ButtonLink>
            <ButtonLink href={`${base}/history`} variant="ghost" size="sm">
              <History className="size-4" aria-hidden /> History
            </ButtonLink>
            <a
              href={`/api/admin/content/${KIND_FOLDER[kind]}/${slug}?version=${latest.version}`}
              className="inline-flex h-8 items-center gap-1.5 rounded-lg px-3 text-sm font-medium text-zinc-700 transition hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              <Download className="size-4" aria-hidden /> YAML
            </a>
            <ArchiveButton
              folder={KIND_FOLDER[kind]}
              slug={slug}
              label={label}
              archived={latest.archived}
              interviews={total}
            />
          </>
        }
      />
      {saved === latest.version && (
        <div className="mt-5">
          <Notice tone="success" icon={CheckCircle2}>
            Saved as version {saved}.{" "}
            {saved > 1 && `Interviews that used version ${saved - 1} or earlier keep the version they ran with.`}
          </Notice>
        </div>
      )}
      <div className="mt-6">
        <ContentEditor
          key={`${latest.version}:${restored?.version ?? ""}`}
          kind={kind}
          slug={slug}
          basedOn={latest.version}
          initialText={draft.text}
          initialData={draft.content}
          restoredFrom={restored?.version ?? null}
          archived={latest.archived}
          usage={{ onBase: usage.get(latest.version) ?? 0, total }}
          dimensions={context.dimensions}
          frameworks={context.frameworks}
        />
      </div>
    </div>
  );
}
