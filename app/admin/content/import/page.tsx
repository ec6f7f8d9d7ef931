import { Download, Terminal } from "lucide-react";
import type { Metadata } from "next";
import path from "node:path";
import { connection } from "next/server";
import { ImportPanel } from "@/components/admin/content/import-panel";
import { AdminPageHeader } from "@/components/admin/content/page-header";
import { buttonClasses } from "@/components/ui/button";
import { requirePageRole } from "@/lib/auth";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Import & export · Question bank" };

export default async function ImportExportPage() {
  await connection();
  await requirePageRole("/admin/content/import", "ADMIN");
  const contentDir = path.resolve(getEnv().TRADEOFF_CONTENT_DIR);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <AdminPageHeader
        crumbs={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/content", label: "Question bank" },
        ]}
        title="Import & export"
        description="The question bank as content/ files: the format content:check and content:import read, and the one this server was started from."
      />
      <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <section
          aria-labelledby="import-heading"
          className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900/60"
        >
          <h2 id="import-heading" className="font-semibold">
            Import
          </h2>
          <p className="mt-1 mb-5 text-sm text-zinc-500">
            Files are checked together with everything already stored (a single prompt is checked against the stored
            rubric). An unchanged file is a no-op; a changed one becomes a new version; nothing existing is modified.
          </p>
          <ImportPanel contentDir={contentDir} />
        </section>

        <section
          aria-labelledby="export-heading"
          className="self-start rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900/60"
        >
          <h2 id="export-heading" className="font-semibold">
            Export
          </h2>
          <p className="mt-1 text-sm text-zinc-500">
            The latest version of every item as a .zip holding{" "}
            <code className="font-mono text-[13px]">content/</code> with{" "}
            <code className="font-mono text-[13px]">prompts/</code>,{" "}
            <code className="font-mono text-[13px]">frameworks/</code>,{" "}
            <code className="font-mono text-[13px]">rubrics/</code> and{" "}
            <code className="font-mono text-[13px]">followups/</code>.
          </p>
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
            <li>Versions imported from files are written back byte for byte, comments included.</li>
            <li>Versions made here are written in canonical YAML, which imports to the same content.</li>
            <li>Archived items are left out unless you include them: the file format has no archived flag.</li>
          </ul>
          <form action="/api/admin/content/export" method="get" className="mt-5 space-y-3">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="archived" value="1" className="accent-accent-600 size-4" />
              Include archived items
            </label>
            <button type="submit" className={buttonClasses({ className: "w-full" })}>
              <Download className="size-4" aria-hidden /> Download .zip
            </button>
          </form>
          <div className="mt-6 border-t border-zinc-100 pt-4 dark:border-zinc-800">
            <p className="flex items-center gap-1.5 text-xs font-medium text-zinc-500">
              <Terminal className="size-3.5" aria-hidden /> From the command line
            </p>
            <pre className="mt-2 overflow-x-auto rounded-lg bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-950">
              npm run content:export -- --out my-bank
            </pre>
          </div>
        </section>
      </div>
    </div>
  );
}
