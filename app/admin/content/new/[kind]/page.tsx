import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ContentEditor } from "@/components/admin/content/content-editor";
import { AdminPageHeader } from "@/components/admin/content/page-header";
import { requirePageRole } from "@/lib/auth";
import { KIND_FOLDER, KIND_LABELS, kindFromFolder } from "@/lib/content/kinds";
import { newItemTemplate } from "@/lib/content/templates";
import { editorContext } from "@/lib/content/versions";
import { canonicalYaml } from "@/lib/content/yaml";

export const metadata: Metadata = { title: "New · Question bank" };

export default async function NewContentPage({ params }: { params: Promise<{ kind: string }> }) {
  await connection();
  const { kind: folder } = await params;
  const { db } = await requirePageRole(`/admin/content/new/${folder}`, "ADMIN");
  const kind = kindFromFolder(folder);
  if (!kind) notFound();
  const context = await editorContext(db.prisma);
  const template = newItemTemplate(kind);
  const label = KIND_LABELS[kind].one;

  return (
    <div className="mx-auto max-w-6xl px-4 pt-10 pb-24 sm:px-6">
      <AdminPageHeader
        crumbs={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/content", label: "Question bank" },
          { href: `/admin/content?kind=${KIND_FOLDER[kind]}`, label: KIND_LABELS[kind].many },
        ]}
        title={`New ${label}`}
        description={`Fill in the form (or paste a whole file in the YAML tab). Problems show as you type; creating it saves version 1.`}
      />
      <div className="mt-6">
        <ContentEditor
          kind={kind}
          slug={null}
          basedOn={null}
          initialText={canonicalYaml(KIND_FOLDER[kind], template)}
          initialData={template}
          restoredFrom={null}
          archived={false}
          usage={{ onBase: 0, total: 0 }}
          dimensions={context.dimensions}
          frameworks={context.frameworks}
        />
      </div>
    </div>
  );
}
