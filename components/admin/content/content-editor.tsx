"use client";

import { AlertTriangle, CheckCircle2, Code2, Eye, History, Info, ListTree, Loader2, RotateCcw, Save } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FrameworkOption } from "@/components/practice/start-panel";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { KIND_FOLDER, KIND_LABELS, type ContentKind } from "@/lib/content/kinds";
import type { ContentProblem } from "@/lib/content/validate";
import { canonicalYaml, parseYamlText } from "@/lib/content/yaml";
import { DraftProvider, getIn, setIn, type Path } from "./draft";
import { Notice } from "./notice";
import { countUnder } from "./fields";
import { FOLLOWUPS_SECTIONS, FollowupsForm } from "./followups-form";
import { FRAMEWORK_SECTIONS, FrameworkForm } from "./framework-form";
import { ContentPreview } from "./preview";
import { ProblemList } from "./problem-list";
import { PROMPT_SECTIONS, PromptForm } from "./prompt-form";
import { RUBRIC_SECTIONS, RubricForm } from "./rubric-form";
import type { FormSection } from "./sections";
import { YamlEditor, type YamlEditorHandle } from "./yaml-editor";

export interface ContentEditorProps {
  kind: ContentKind;
  /** null for a new item. */
  slug: string | null;
  /** The version the draft starts from (the latest); null for a new item. */
  basedOn: number | null;
  initialText: string;
  initialData: unknown;
  /** Set when the draft was prefilled from an older version ("restore"). */
  restoredFrom: number | null;
  archived: boolean;
  /** Interviews that pinned the base version, and all versions. */
  usage: { onBase: number; total: number };
  /** The rubric dimensions probes, curveballs and follow-ups may name. */
  dimensions: { key: string; title: string }[];
  /** What the prompt preview's start panel offers. */
  frameworks: FrameworkOption[];
}

type Tab = "form" | "yaml" | "preview";
/** Which copy of the draft was edited last; the other is derived from it when the tab changes. */
type Authority = "form" | "yaml" | "synced";
type CheckState = "idle" | "checking" | "valid" | "invalid" | "offline";
type Banner =
  | { tone: "error" | "conflict"; message: string }
  | { tone: "info"; message: string }
  | null;

const SECTIONS: Record<ContentKind, FormSection[]> = {
  prompt: PROMPT_SECTIONS,
  framework: FRAMEWORK_SECTIONS,
  rubric: RUBRIC_SECTIONS,
  followups: FOLLOWUPS_SECTIONS,
};

/**
 * The editor for one item: a structured form, the whole file as YAML, and a preview of what
 * candidates see. The server validates the draft as you type (the same checks as saving) and on
 * save; problems show next to their field and at the top. Saving creates the next version.
 */
export function ContentEditor(props: ContentEditorProps) {
  const { kind, slug, basedOn, initialText, initialData, restoredFrom } = props;
  const folder = KIND_FOLDER[kind];
  const label = KIND_LABELS[kind].one;
  const router = useRouter();
  const yamlEditor = useRef<YamlEditorHandle>(null);

  const [tab, setTab] = useState<Tab>("form");
  const [data, setData] = useState<unknown>(initialData);
  const [text, setText] = useState(initialText);
  const [authority, setAuthority] = useState<Authority>("synced");
  const [touched, setTouched] = useState(restoredFrom !== null);
  const [revision, setRevision] = useState(0);
  const [problems, setProblems] = useState<ContentProblem[]>([]);
  const [checkState, setCheckState] = useState<CheckState>("idle");
  const [newerVersion, setNewerVersion] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [banner, setBanner] = useState<Banner>(null);
  const [yamlError, setYamlError] = useState<string | null>(null);
  const checkSeq = useRef(0);

  const draftText = useCallback(
    () => (authority === "form" ? canonicalYaml(folder, data) : text),
    [authority, folder, data, text],
  );

  const isNew = slug === null;
  const editForm = useCallback(
    (path: Path, value: unknown) => {
      setData((current: unknown) => {
        const next = setIn(current, path, value);
        // A new item's slug follows its title until the author types a slug of their own.
        if (isNew && path.length === 1 && path[0] === "title") {
          const slugNow = getIn(current, ["slug"]);
          if (!slugNow || slugNow === slugify(String(getIn(current, ["title"]) ?? "")))
            return setIn(next, ["slug"], slugify(String(value ?? "")));
        }
        return next;
      });
    setAuthority("form");
    setTouched(true);
    setRevision((r) => r + 1);
    },
    [isNew],
  );

  const editYaml = (value: string) => {
    setText(value);
    setAuthority("yaml");
    setTouched(true);
    setYamlError(null);
    setRevision((r) => r + 1);
  };

  /** Brings the form up to date with the YAML; false (and a message) when the YAML does not parse. */
  const syncFromYaml = (): boolean => {
    if (authority !== "yaml") return true;
    const parsed = parseYamlText(text);
    if (!parsed.ok) {
      setYamlError(`The YAML has a syntax error (${parsed.message}); fix it to use the form or the preview.`);
      return false;
    }
    setData(parsed.value);
    setAuthority("synced");
    return true;
  };

  const switchTab = (next: Tab) => {
    if (next === tab) return;
    if (next === "yaml" && authority === "form") {
      setText(canonicalYaml(folder, data));
      setAuthority("synced");
    }
    if (next !== "yaml" && !syncFromYaml()) return;
    setTab(next);
  };

  // Inline validation: the server checks the draft a moment after typing stops.
  useEffect(() => {
    if (revision === 0) return;
    const seq = ++checkSeq.current;
    const timer = setTimeout(async () => {
      setCheckState("checking");
      try {
        const response = await fetch("/api/admin/content/check", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ kind: folder, slug, basedOn, text: draftText() }),
        });
        if (seq !== checkSeq.current) return;
        const body = (await response.json()) as {
          problems?: ContentProblem[];
          latestVersion?: number | null;
          error?: { message: string };
        };
        if (!response.ok || !body.problems) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
        setProblems(body.problems);
        setCheckState(body.problems.length === 0 ? "valid" : "invalid");
        setNewerVersion(basedOn !== null && body.latestVersion && body.latestVersion > basedOn ? body.latestVersion : null);
      } catch {
        if (seq === checkSeq.current) setCheckState("offline");
      }
    }, 700);
    return () => clearTimeout(timer);
    // draftText is derived from the revision's state; re-running on revision alone is the point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!touched || saving) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [touched, saving]);

  const save = async () => {
    if (tab !== "yaml" && authority === "yaml" && !syncFromYaml()) return;
    setSaving(true);
    setBanner(null);
    try {
      const response = await fetch(slug ? `/api/admin/content/${folder}/${slug}` : `/api/admin/content/${folder}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: draftText(), basedOn }),
      });
      const body = (await response.json()) as {
        ok?: boolean;
        created?: boolean;
        version?: number;
        url?: string;
        error?: { code: string; message: string; problems?: ContentProblem[] };
      };
      if (response.status === 422 && body.error?.problems) {
        setProblems(body.error.problems);
        setCheckState("invalid");
        setBanner({ tone: "error", message: body.error.message });
        setSaving(false);
        return;
      }
      if (response.status === 409) {
        setBanner({ tone: "conflict", message: body.error?.message ?? "Someone saved a newer version." });
        setSaving(false);
        return;
      }
      if (!response.ok || !body.url) throw new Error(body.error?.message ?? `The server answered ${response.status}.`);
      if (!body.created) {
        setBanner({ tone: "info", message: `Nothing changed since version ${body.version}; nothing was saved.` });
        setTouched(false);
        setSaving(false);
        return;
      }
      setTouched(false);
      router.replace(`${body.url}?saved=${body.version}`);
      router.refresh();
    } catch (error) {
      setBanner({ tone: "error", message: error instanceof Error ? error.message : "Could not save." });
      setSaving(false);
    }
  };

  // Ctrl/Cmd+S saves, as in any editor.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const discard = () => {
    setData(initialData);
    setText(initialText);
    setAuthority("synced");
    setTouched(false);
    setProblems([]);
    setCheckState("idle");
    setBanner(null);
    setYamlError(null);
  };

  const selectProblem = (problem: ContentProblem) => {
    if (tab === "yaml") {
      if (problem.line) yamlEditor.current?.goToLine(problem.line);
      return;
    }
    if (tab === "preview") setTab("form");
    // List items with problems open themselves; wait a frame for them to render.
    requestAnimationFrame(() => {
      const id = `field-${problem.field.replace(/[^a-zA-Z0-9_-]+/g, "-")}`;
      const element = document.getElementById(id) ?? findClosestField(problem.field);
      element?.scrollIntoView({ behavior: "smooth", block: "center" });
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)
        element.focus({ preventScroll: true });
    });
  };

  const draftContext = useMemo(
    () => ({ data, set: editForm, problems, readOnly: false, dimensions: props.dimensions }),
    [data, editForm, problems, props.dimensions],
  );
  const nextVersion = (basedOn ?? 0) + 1;
  const sections = SECTIONS[kind];

  return (
    <DraftProvider value={draftContext}>
      <div className="sticky top-14 z-20 -mx-4 border-b border-zinc-200/80 bg-zinc-50/90 px-4 py-2.5 backdrop-blur sm:-mx-6 sm:px-6 dark:border-zinc-800/80 dark:bg-zinc-950/90">
        <div className="flex flex-wrap items-center gap-3">
          <div className="flex rounded-lg bg-zinc-200/70 p-0.5 dark:bg-zinc-800" role="tablist" aria-label="Editor view">
            <TabButton active={tab === "form"} onClick={() => switchTab("form")} icon={ListTree} label="Form" />
            <TabButton active={tab === "yaml"} onClick={() => switchTab("yaml")} icon={Code2} label="YAML" />
            <TabButton active={tab === "preview"} onClick={() => switchTab("preview")} icon={Eye} label="Preview" />
          </div>
          <CheckStatus state={checkState} problems={problems.length} touched={touched && newerVersion === null} />
          <div className="ml-auto flex items-center gap-2">
            {touched && (
              <Button variant="ghost" size="sm" onClick={discard} disabled={saving}>
                <RotateCcw className="size-3.5" aria-hidden /> Discard changes
              </Button>
            )}
            <Button
              size="sm"
              onClick={save}
              disabled={saving || (!touched && slug !== null)}
              title="Ctrl+S"
              className="disabled:opacity-50"
            >
              {saving ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Save className="size-4" aria-hidden />}
              {slug ? `Save as version ${nextVersion}` : `Create ${label}`}
            </Button>
          </div>
        </div>
      </div>

      <div className="mt-5 space-y-3">
        {banner && <BannerView banner={banner} slug={slug} folder={folder} />}
        {newerVersion !== null && banner?.tone !== "conflict" && (
          <Notice tone="warn" icon={AlertTriangle}>
            Version {newerVersion} of this {label} was saved since you opened it; saving would be refused.{" "}
            <Link href={`/admin/content/${folder}/${slug}/history`} className="font-medium underline underline-offset-2" target="_blank">
              See what changed
            </Link>{" "}
            and reload to edit the latest.
          </Notice>
        )}
        {restoredFrom !== null && (
          <Notice tone="info" icon={History}>
            This draft is a copy of version {restoredFrom}. Saving makes it version {nextVersion}; version {restoredFrom} itself
            stays as it is.
          </Notice>
        )}
        {slug && props.usage.onBase > 0 && (
          <Notice tone="info" icon={Info}>
            Version {basedOn} is used by {plural(props.usage.onBase, "interview")}
            {props.usage.total > props.usage.onBase ? ` (${props.usage.total} across all versions)` : ""}. Saving never
            changes it: your edit becomes version {nextVersion}, and those interviews keep version {basedOn}.
          </Notice>
        )}
        {props.archived && (
          <Notice tone="warn" icon={AlertTriangle}>
            This {label} is archived, so candidates do not see it. A saved version stays archived until you unarchive it.
          </Notice>
        )}
        {yamlError && (
          <Notice tone="error" icon={AlertTriangle}>
            {yamlError}
          </Notice>
        )}
        <ProblemList
          problems={problems}
          title={`${plural(problems.length, "problem")} — fix ${problems.length === 1 ? "it" : "them"} to save; nothing is saved until the whole ${label} is valid.`}
          onSelect={selectProblem}
        />
      </div>

      <div className="mt-5">
        {tab === "form" && (
          <div className="grid gap-6 lg:grid-cols-[11rem_minmax(0,1fr)]">
            <nav className="hidden lg:block" aria-label="Sections">
              <ul className="sticky top-32 space-y-0.5 text-sm">
                {sections.map((s) => {
                  const count = countUnder(problems, s.paths);
                  return (
                    <li key={s.id}>
                      <a
                        href={`#${s.id}`}
                        className="flex items-center justify-between gap-2 rounded-md px-2.5 py-1.5 text-zinc-600 transition hover:bg-zinc-200/60 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                      >
                        {s.title}
                        {count > 0 && (
                          <span className="rounded-full bg-rose-100 px-1.5 text-xs font-medium text-rose-700 tabular-nums dark:bg-rose-950 dark:text-rose-300">
                            {count}
                          </span>
                        )}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
            <div>
              {kind === "prompt" && <PromptForm isNew={slug === null} />}
              {kind === "framework" && <FrameworkForm isNew={slug === null} />}
              {kind === "rubric" && <RubricForm isNew={slug === null} />}
              {kind === "followups" && <FollowupsForm isNew={slug === null} />}
            </div>
          </div>
        )}
        {tab === "yaml" && (
          <div>
            <p className="mb-2 text-sm text-zinc-500">
              The whole {label} as its <code className="font-mono text-[13px]">content/{folder}/</code> file. Saving
              keeps the content, not the comments or layout: a version saved here is exported in canonical form.
            </p>
            <YamlEditor ref={yamlEditor} value={text} onChange={editYaml} problems={problems} label={`${label} YAML`} />
          </div>
        )}
        {tab === "preview" && <ContentPreview kind={kind} data={data} frameworks={props.frameworks} />}
      </div>
    </DraftProvider>
  );
}

/** A slug from a title: "Design a voice agent!" → "design-a-voice-agent". */
function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** The element for a field path, or the nearest enclosing one that exists (a list, a section). */
function findClosestField(field: string): HTMLElement | null {
  let path = field;
  while (path) {
    const element = document.getElementById(`field-${path.replace(/[^a-zA-Z0-9_-]+/g, "-")}`);
    if (element) return element;
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    path = cut > 0 ? path.slice(0, cut) : "";
  }
  return null;
}

function TabButton({
  active,
  onClick,
  icon: Icon,
  label,
}: {
  active: boolean;
  onClick: () => void;
  icon: typeof Eye;
  label: string;
}) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      onClick={onClick}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm transition",
        active
          ? "bg-white font-medium text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-zinc-100"
          : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
      )}
    >
      <Icon className="size-3.5" aria-hidden />
      {label}
    </button>
  );
}

function CheckStatus({ state, problems, touched }: { state: CheckState; problems: number; touched: boolean }) {
  const common = "inline-flex items-center gap-1.5 text-sm";
  if (state === "checking")
    return (
      <span className={cn(common, "text-zinc-500")} aria-live="polite">
        <Loader2 className="size-3.5 animate-spin" aria-hidden /> Checking…
      </span>
    );
  if (state === "invalid")
    return (
      <span className={cn(common, "text-rose-700 dark:text-rose-400")} aria-live="polite">
        <AlertTriangle className="size-3.5" aria-hidden /> {plural(problems, "problem")}
      </span>
    );
  if (state === "valid")
    return (
      <span className={cn(common, "text-emerald-700 dark:text-emerald-400")} aria-live="polite">
        <CheckCircle2 className="size-3.5" aria-hidden /> Valid{touched ? " — ready to save" : ""}
      </span>
    );
  if (state === "offline")
    return (
      <span className={cn(common, "text-amber-700 dark:text-amber-400")} aria-live="polite">
        <AlertTriangle className="size-3.5" aria-hidden /> Could not check; saving checks again
      </span>
    );
  return (
    <span className={cn(common, "text-zinc-500")}>{touched ? "Edited" : "No changes"}</span>
  );
}

function BannerView({ banner, slug, folder }: { banner: NonNullable<Banner>; slug: string | null; folder: string }) {
  if (banner.tone === "conflict") {
    return (
      <Notice tone="error" icon={AlertTriangle}>
        <strong className="font-semibold">Not saved: someone else saved first.</strong> {banner.message}{" "}
        {slug && (
          <Link href={`/admin/content/${folder}/${slug}/history`} target="_blank" className="font-medium underline underline-offset-2">
            Open the history in a new tab
          </Link>
        )}
      </Notice>
    );
  }
  return (
    <Notice tone={banner.tone === "error" ? "error" : "info"} icon={banner.tone === "error" ? AlertTriangle : Info}>
      {banner.message}
    </Notice>
  );
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
