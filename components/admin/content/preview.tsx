"use client";

/**
 * Previews of a draft or a version as candidates meet it. The prompt preview renders the catalogue
 * card and the prompt page with the same markup and components as app/practice (Markdown, Badge,
 * StartPanel, made inert here), and the reference outline as the report shows it after an interview.
 * Drafts may be half-written, so every field is read defensively.
 */
import { Building2, Eye } from "lucide-react";
import type { ReactNode } from "react";
import { Markdown } from "@/components/markdown";
import { StartPanel, type FrameworkOption } from "@/components/practice/start-panel";
import { Badge } from "@/components/ui/badge";
import { difficultyLabel, domainLabel } from "@/lib/content/labels";
import type { ContentKind } from "@/lib/content/kinds";

const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown) => list(v).filter((x): x is string => typeof x === "string");
const rec = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const difficultyTone = { medium: "green", hard: "amber", expert: "red" } as const;
const PREVIEW_MODELS = [{ id: "offline", label: "Offline interviewer (built in)" }];

export function ContentPreview({
  kind,
  data,
  frameworks,
}: {
  kind: ContentKind;
  data: unknown;
  frameworks: FrameworkOption[];
}) {
  switch (kind) {
    case "prompt":
      return <PromptPreview data={data} frameworks={frameworks} />;
    case "framework":
      return <FrameworkPreview data={data} />;
    case "rubric":
      return <RubricPreview data={data} />;
    case "followups":
      return <FollowupsPreview data={data} />;
  }
}

/** A labelled frame around a preview, so it reads as "the candidate's page", not part of the editor. */
export function PreviewFrame({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-xl border border-zinc-200 bg-zinc-50 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex items-center gap-2 border-b border-zinc-200 bg-white px-4 py-2 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900">
        <Eye className="size-3.5" aria-hidden />
        {label}
      </div>
      <div className="p-4 sm:p-6">{children}</div>
    </div>
  );
}

function PromptPreview({ data, frameworks }: { data: unknown; frameworks: FrameworkOption[] }) {
  const p = rec(data);
  const slug = str(p.slug, "new-prompt");
  const companies = strings(p.companies);
  const difficulty = str(p.difficulty);
  const outline = rec(p.referenceOutline);
  const defaultFramework = frameworks.find((f) => f.slug === "nine-step")?.slug ?? frameworks[0]?.slug ?? "";
  return (
    <div className="space-y-8">
      <PreviewFrame label={<>Catalogue card · /practice</>}>
        <div className="max-w-sm">
          <div className="flex h-full flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900/60">
            <div className="flex items-center gap-2">
              <Badge tone="accent">{domainLabel(str(p.domain, "—"))}</Badge>
              <Badge tone={difficultyTone[difficulty as keyof typeof difficultyTone] ?? "neutral"}>
                {difficultyLabel(difficulty || "—")}
              </Badge>
            </div>
            <h2 className="mt-3 font-medium text-zinc-900 dark:text-zinc-100">{str(p.title, "Untitled prompt")}</h2>
            <p className="mt-1.5 flex-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{str(p.summary)}</p>
            {companies.length > 0 && (
              <p className="mt-4 flex items-center gap-1.5 text-xs text-zinc-500">
                <Building2 className="size-3.5" aria-hidden />
                Asked at {companies.join(", ")}
              </p>
            )}
          </div>
        </div>
      </PreviewFrame>

      <PreviewFrame label={<>Prompt page · /practice/{slug}</>}>
        <div className="grid gap-x-8 gap-y-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <article className="lg:col-start-1 lg:row-start-1">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone="accent">{domainLabel(str(p.domain, "—"))}</Badge>
              <Badge>{difficultyLabel(difficulty || "—")}</Badge>
              {companies.map((c) => (
                <Badge key={c}>{c}</Badge>
              ))}
            </div>
            <h1 className="mt-3 text-3xl font-semibold tracking-tight text-balance">{str(p.title, "Untitled prompt")}</h1>
            <p className="mt-2 text-lg text-zinc-600 dark:text-zinc-400">{str(p.summary)}</p>
            <section className="mt-8 rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900/60">
              <h2 className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">The brief</h2>
              <Markdown className="mt-3">{str(p.brief, "_No brief yet._")}</Markdown>
              <p className="mt-5 border-t border-zinc-100 pt-4 text-sm text-zinc-500 dark:border-zinc-800">
                The brief is open on purpose. The interviewer has the numbers (users, traffic, latency targets, budget,
                data rules) and gives them when you ask.
              </p>
            </section>
          </article>
          {/* The real start panel, inert: it shows what the candidate chooses from without starting anything. */}
          <div inert className="contents">
            <StartPanel
              promptSlug={slug}
              frameworks={frameworks}
              defaultFramework={defaultFramework}
              models={PREVIEW_MODELS}
              defaultModel="offline"
            />
          </div>
        </div>
      </PreviewFrame>

      <PreviewFrame label={<>After the interview · the report</>}>
        <h2 className="text-xl font-semibold tracking-tight">What a strong answer would have covered</h2>
        <div className="mt-4 grid gap-3 md:grid-cols-2">
          {Object.entries(outline).map(([section, items]) => (
            <details
              key={section}
              className="rounded-xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900"
              open
            >
              <summary className="cursor-pointer font-medium capitalize">
                {section.replace(/([A-Z])/g, " $1").toLowerCase()}
              </summary>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
                {list(items).map((item, i) => (
                  <li key={i}>
                    {typeof item === "string" ? item : `${str(rec(item).quantity)}: ${str(rec(item).arithmetic)}`}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      </PreviewFrame>
    </div>
  );
}

/** A framework reaches candidates through the start panel: its steps, scaled to the chosen length. */
function FrameworkPreview({ data }: { data: unknown }) {
  const f = rec(data);
  const option: FrameworkOption = {
    slug: str(f.slug, "new-framework"),
    title: str(f.title, "Untitled framework"),
    summary: str(f.summary),
    steps: list(f.steps).map((s, i) => {
      const step = rec(s);
      return {
        key: str(step.key) || `step-${i}`,
        title: str(step.title, `Step ${i + 1}`),
        minutes: typeof step.minutes === "number" && step.minutes > 0 ? step.minutes : 0,
        goal: str(step.goal),
        keyQuestions: strings(step.keyQuestions),
      };
    }),
  };
  return (
    <PreviewFrame label={<>Prompt page · the start panel with this framework</>}>
      <div className="grid gap-x-8 gap-y-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-h-32 items-center justify-center rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 lg:col-start-1 lg:row-start-1 dark:border-zinc-700">
          The prompt&apos;s brief appears here. Steps are shown scaled to a 45-minute interview.
        </div>
        <div inert className="contents">
          <StartPanel
            promptSlug="preview"
            frameworks={[option]}
            defaultFramework={option.slug}
            models={PREVIEW_MODELS}
            defaultModel="offline"
          />
        </div>
      </div>
    </PreviewFrame>
  );
}

const levelTone = [
  "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300",
  "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  "bg-lime-100 text-lime-800 dark:bg-lime-950 dark:text-lime-300",
  "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
];

/** Candidates meet a rubric in their report: each dimension's weight and the anchor of the level they got. */
function RubricPreview({ data }: { data: unknown }) {
  const r = rec(data);
  const dimensions = list(r.dimensions).map(rec);
  const flags = list(r.redFlags).map(rec);
  return (
    <PreviewFrame label={<>How reports use this rubric · dimensions, anchors and red flags</>}>
      <h2 className="text-xl font-semibold tracking-tight">{str(r.title, "Untitled rubric")}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{str(r.summary)}</p>
      <div className="mt-5 space-y-3">
        {dimensions.map((d, i) => (
          <article
            key={i}
            className="rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <div className="flex flex-wrap items-center gap-3">
              <h3 className="font-medium">{str(d.title, str(d.key, `Dimension ${i + 1}`))}</h3>
              <span className="text-xs text-zinc-500">weight {typeof d.weight === "number" ? d.weight : "?"}%</span>
            </div>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{str(d.description)}</p>
            <ol className="mt-3 grid gap-2 md:grid-cols-2 xl:grid-cols-4">
              {[1, 2, 3, 4].map((level) => {
                const anchor = list(d.levels).map(rec).find((l) => l.level === level);
                return (
                  <li key={level} className="rounded-lg border border-zinc-100 p-3 text-sm dark:border-zinc-800">
                    <div className="flex items-center gap-2">
                      <span
                        className={`inline-flex min-w-12 justify-center rounded-md px-2 py-0.5 text-xs font-semibold tabular-nums ${levelTone[level - 1]}`}
                      >
                        {level} / 4
                      </span>
                      <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{str(anchor?.label, "—")}</span>
                    </div>
                    <p className="mt-2 text-xs leading-relaxed text-zinc-600 italic dark:text-zinc-400">
                      {anchor ? str(anchor.anchor) : <span className="text-rose-600 not-italic">Missing anchor</span>}
                    </p>
                  </li>
                );
              })}
            </ol>
          </article>
        ))}
      </div>
      {flags.length > 0 && (
        <>
          <h3 className="mt-6 font-semibold">Red flags</h3>
          <ul className="mt-2 grid gap-2 md:grid-cols-2">
            {flags.map((f, i) => (
              <li key={i} className="rounded-lg border border-rose-200 bg-rose-50/60 p-3 text-sm dark:border-rose-900 dark:bg-rose-950/30">
                <p className="font-medium text-rose-800 dark:text-rose-300">{str(f.title, str(f.key))}</p>
                <p className="mt-1 text-zinc-700 dark:text-zinc-300">{str(f.description)}</p>
                <p className="mt-1 text-xs text-zinc-500">Caps: {str(f.dimension, "—")}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </PreviewFrame>
  );
}

function FollowupsPreview({ data }: { data: unknown }) {
  const b = rec(data);
  return (
    <PreviewFrame label={<>Interviewer only · candidates hear these as questions, never see the bank</>}>
      <h2 className="text-xl font-semibold tracking-tight">{str(b.title, "Untitled bank")}</h2>
      <ol className="mt-4 space-y-3">
        {list(b.questions)
          .map(rec)
          .map((q, i) => (
            <li key={i} className="rounded-xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
              <p className="font-medium">“{str(q.question)}”</p>
              <p className="mt-1 text-zinc-600 dark:text-zinc-400">{str(q.lookFor)}</p>
              <p className="mt-2 text-xs text-zinc-500">Evidence for: {str(q.dimension, "—")}</p>
            </li>
          ))}
      </ol>
    </PreviewFrame>
  );
}
