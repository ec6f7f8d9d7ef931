"use client";

import { CheckCircle2, FileUp, FolderInput, Loader2, ClipboardPaste, Upload } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { KIND_FOLDER, type ContentKind } from "@/lib/content/kinds";
import type { ContentProblem } from "@/lib/content/validate";

type Source = "upload" | "paste" | "folder";
type Payload =
  | { source: "files"; files: { path: string; text: string }[] }
  | { source: "zip"; name: string; base64: string }
  | { source: "folder" };

interface Outcome {
  ok: boolean;
  message?: string;
  problems?: ContentProblem[];
  created?: { kind: ContentKind; slug: string; version: number }[];
  unchanged?: number;
  keptEdits?: { kind: ContentKind; slug: string; version: number }[];
  skipped?: string[];
}

/** Imports content files from the browser: a .zip or .yaml files, pasted YAML, or the server's content folder. */
export function ImportPanel({ contentDir }: { contentDir: string }) {
  const [source, setSource] = useState<Source>("upload");
  const [picked, setPicked] = useState<File[]>([]);
  const [pasted, setPasted] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const zips = picked.filter((f) => /\.zip$/i.test(f.name));
  const pickError =
    zips.length > 1 || (zips.length === 1 && picked.length > 1)
      ? "Choose one .zip, or any number of .yaml files, not both."
      : null;

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const payload = await buildPayload(source, picked, pasted);
      const response = await fetch("/api/admin/content/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
      const body = (await response.json()) as {
        result?: { created: Outcome["created"]; unchanged: number; keptEdits: Outcome["keptEdits"] };
        skipped?: string[];
        error?: { message: string; problems?: ContentProblem[] };
      };
      if (response.ok && body.result) {
        setOutcome({ ok: true, ...body.result, skipped: body.skipped });
        setPicked([]);
        setPasted("");
      } else {
        setOutcome({
          ok: false,
          message: body.error?.message ?? `The server answered ${response.status}.`,
          problems: body.error?.problems,
          skipped: body.skipped,
        });
      }
    } catch (error) {
      setOutcome({ ok: false, message: error instanceof Error ? error.message : "The import failed." });
    } finally {
      setBusy(false);
    }
  };

  const ready =
    source === "folder" || (source === "paste" ? pasted.trim().length > 0 : picked.length > 0 && !pickError);

  return (
    <div>
      <div className="flex rounded-lg bg-zinc-100 p-0.5 dark:bg-zinc-800" role="tablist" aria-label="Import from">
        {(
          [
            ["upload", "Upload files", FileUp],
            ["paste", "Paste YAML", ClipboardPaste],
            ["folder", "Server folder", FolderInput],
          ] as const
        ).map(([value, label, Icon]) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={source === value}
            onClick={() => (setSource(value), setOutcome(null))}
            className={cn(
              "inline-flex h-8 flex-1 items-center justify-center gap-1.5 rounded-md text-sm transition",
              source === value
                ? "bg-white font-medium text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-zinc-100"
                : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            <Icon className="size-3.5" aria-hidden /> {label}
          </button>
        ))}
      </div>

      <div className="mt-4">
        {source === "upload" && (
          <div>
            <button
              type="button"
              onClick={() => input.current?.click()}
              onDragOver={(e) => (e.preventDefault(), setDragging(true))}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                setPicked([...e.dataTransfer.files]);
                setOutcome(null);
              }}
              className={cn(
                "flex w-full flex-col items-center justify-center rounded-xl border-2 border-dashed px-6 py-10 text-center transition",
                dragging
                  ? "border-accent-500 bg-accent-50/60 dark:bg-accent-950/30"
                  : "hover:border-accent-400 border-zinc-300 dark:border-zinc-700",
              )}
            >
              <Upload className="size-6 text-zinc-400" aria-hidden />
              <span className="mt-2 text-sm font-medium">Drop a .zip or .yaml files here, or click to choose</span>
              <span className="mt-1 text-xs text-zinc-500">
                A .zip in the content/ layout (as exported), or single files: each goes where its <code>kind:</code> says.
              </span>
            </button>
            <input
              ref={input}
              type="file"
              multiple
              accept=".zip,.yaml,.yml"
              className="sr-only"
              aria-label="Content files"
              onChange={(e) => (setPicked([...(e.target.files ?? [])]), setOutcome(null))}
            />
            {picked.length > 0 && (
              <ul className="mt-3 flex flex-wrap gap-1.5">
                {picked.map((f) => (
                  <li key={f.name} className="rounded-md bg-zinc-100 px-2 py-0.5 font-mono text-xs dark:bg-zinc-800">
                    {f.name} <span className="text-zinc-500">· {Math.max(1, Math.round(f.size / 1024))} KB</span>
                  </li>
                ))}
              </ul>
            )}
            {pickError && <p className="mt-2 text-sm text-rose-700 dark:text-rose-400">{pickError}</p>}
          </div>
        )}
        {source === "paste" && (
          <textarea
            value={pasted}
            onChange={(e) => (setPasted(e.target.value), setOutcome(null))}
            rows={12}
            spellCheck={false}
            aria-label="YAML to import"
            placeholder={"kind: prompt\nslug: my-new-prompt\ntitle: Design …"}
            className="focus:border-accent-500 block w-full resize-y rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-[13px] leading-5 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950"
          />
        )}
        {source === "folder" && (
          <p className="rounded-lg bg-zinc-50 px-4 py-3 text-sm text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            Reads <code className="font-mono text-[13px] text-zinc-900 dark:text-zinc-100">{contentDir}</code> on the
            server, exactly as <code className="font-mono text-[13px]">npm run content:import</code> does. Files that
            match the version last imported are left alone, so edits made here are kept.
          </p>
        )}
      </div>

      <div className="mt-4 flex items-center gap-3">
        <Button onClick={run} disabled={busy || !ready}>
          {busy ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <FileUp className="size-4" aria-hidden />}
          {busy ? "Importing…" : "Check and import"}
        </Button>
        <span className="text-xs text-zinc-500">All or nothing: any problem imports nothing.</span>
      </div>

      {outcome && <OutcomeView outcome={outcome} />}
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (!outcome.ok) {
    const byFile = new Map<string, ContentProblem[]>();
    for (const p of outcome.problems ?? []) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    return (
      <div
        className="mt-5 rounded-xl border border-rose-200 bg-rose-50/70 p-4 text-sm dark:border-rose-900/70 dark:bg-rose-950/30"
        role="alert"
      >
        <p className="font-medium text-rose-800 dark:text-rose-300">{outcome.message}</p>
        {[...byFile].map(([file, problems]) => (
          <div key={file} className="mt-3">
            {file && <p className="font-mono text-xs font-medium text-zinc-800 dark:text-zinc-200">{file}</p>}
            <ul className="mt-1 space-y-0.5">
              {problems.map((p, i) => (
                <li key={i} className="text-zinc-700 dark:text-zinc-300">
                  <span className="font-mono text-xs text-rose-700 dark:text-rose-400">
                    {[p.line ? `line ${p.line}` : "", p.field].filter(Boolean).join(" · ") || "file"}
                  </span>{" "}
                  {p.message}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    );
  }
  const created = outcome.created ?? [];
  return (
    <div
      className="mt-5 rounded-xl border border-emerald-200 bg-emerald-50/70 p-4 text-sm dark:border-emerald-900/70 dark:bg-emerald-950/30"
      role="status"
    >
      <p className="flex items-center gap-2 font-medium text-emerald-800 dark:text-emerald-300">
        <CheckCircle2 className="size-4" aria-hidden />
        {created.length === 0
          ? "Nothing new: every file is already stored."
          : `Imported ${created.length} new version${created.length === 1 ? "" : "s"}.`}{" "}
        {outcome.unchanged ? `${outcome.unchanged} unchanged.` : ""}
      </p>
      {created.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1.5">
          {created.map((c) => (
            <li key={`${c.kind}:${c.slug}`}>
              <Link
                href={`/admin/content/${KIND_FOLDER[c.kind]}/${c.slug}`}
                className="rounded-md bg-white px-2 py-0.5 font-mono text-xs ring-1 ring-emerald-200 hover:underline dark:bg-zinc-900 dark:ring-emerald-900"
              >
                {c.kind}:{c.slug}@{c.version}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {(outcome.keptEdits ?? []).length > 0 && (
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          Kept the newer editor versions of {outcome.keptEdits!.map((k) => `${k.slug} (v${k.version})`).join(", ")}: their
          files match what was imported before those edits.
        </p>
      )}
      {(outcome.skipped ?? []).length > 0 && (
        <p className="mt-2 text-xs text-zinc-500">Skipped (not content files): {outcome.skipped!.join(", ")}</p>
      )}
    </div>
  );
}

async function buildPayload(source: Source, picked: File[], pasted: string): Promise<Payload> {
  if (source === "folder") return { source: "folder" };
  if (source === "paste") return { source: "files", files: [{ path: "pasted.yaml", text: pasted }] };
  const zip = picked.find((f) => /\.zip$/i.test(f.name));
  if (zip) return { source: "zip", name: zip.name, base64: toBase64(new Uint8Array(await zip.arrayBuffer())) };
  return {
    source: "files",
    files: await Promise.all(picked.map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() }))),
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
