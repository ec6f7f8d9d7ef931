"use client";

import { Clock, Loader2, PlayCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { planPhases } from "@/lib/interview/phases";

export interface FrameworkOption {
  slug: string;
  title: string;
  summary: string;
  steps: { key: string; title: string; minutes: number; goal: string; keyQuestions: string[] }[];
}

export const DURATIONS = [30, 45, 60] as const;
export const LEVELS = [
  { value: "mid", label: "Mid" },
  { value: "senior", label: "Senior" },
  { value: "staff", label: "Staff" },
] as const;
export const MODES = [
  { value: "interview", label: "Interview", hint: "Blank board, no hints, realistic pressure." },
  { value: "coach", label: "Coach", hint: "Framework guidance and hints on request, noted in the report." },
] as const;

/** Interview settings and a preview of the chosen framework's phases at the chosen length. */
export interface ModelOption {
  id: string;
  label: string;
}

export function StartPanel({
  promptSlug,
  frameworks,
  defaultFramework,
  models,
  defaultModel,
}: {
  promptSlug: string;
  frameworks: FrameworkOption[];
  defaultFramework: string;
  models: ModelOption[];
  defaultModel: string;
}) {
  const router = useRouter();
  const [frameworkSlug, setFrameworkSlug] = useState(defaultFramework);
  const [model, setModel] = useState(defaultModel);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [duration, setDuration] = useState<number>(45);
  const [level, setLevel] = useState<string>("senior");
  const [mode, setMode] = useState<string>("interview");
  const framework = frameworks.find((f) => f.slug === frameworkSlug);
  const phases = framework ? planPhases(framework.steps, duration) : [];

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const response = await fetch("/api/interviews", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ promptSlug, frameworkSlug, durationMinutes: duration, level, mode, model }),
      });
      if (response.status === 401) {
        // Signed out (or the session expired): come back to this prompt after signing in.
        router.push(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
        return;
      }
      const body = (await response.json()) as { url?: string; error?: { message: string } };
      if (!response.ok || !body.url) throw new Error(body.error?.message ?? `The server answered ${response.status}.`);
      router.push(body.url);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not start the interview.");
      setStarting(false);
    }
  };

  return (
    <>
      <aside
        className="lg:sticky lg:top-20 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start"
        aria-label="Start a mock interview"
        data-prompt={promptSlug}
      >
        <div className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900/60">
          <h2 className="font-semibold">Start a mock interview</h2>
          <div className="mt-4 space-y-4 text-sm">
            <Field label="Framework">
              <select
                aria-label="Framework"
                value={frameworkSlug}
                onChange={(e) => setFrameworkSlug(e.target.value)}
                className="h-9 w-full rounded-lg border border-zinc-300 bg-white px-2.5 dark:border-zinc-700 dark:bg-zinc-900"
              >
                {frameworks.map((f) => (
                  <option key={f.slug} value={f.slug}>
                    {f.title}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Length">
              <Segmented
                value={String(duration)}
                onChange={(v) => setDuration(Number(v))}
                options={DURATIONS.map((d) => ({ value: String(d), label: `${d} min` }))}
              />
            </Field>
            <Field label="Level">
              <Segmented value={level} onChange={setLevel} options={LEVELS} />
            </Field>
            <Field label="Mode">
              <Segmented value={mode} onChange={setMode} options={MODES} />
              <p className="mt-1.5 text-xs text-zinc-500">{MODES.find((m) => m.value === mode)?.hint}</p>
            </Field>
            <Field label="Interviewer">
              <select
                value={model}
                onChange={(e) => setModel(e.target.value)}
                aria-label="Interviewer model"
                className="h-9 w-full rounded-lg border border-zinc-300 bg-white px-2.5 dark:border-zinc-700 dark:bg-zinc-900"
              >
                {models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </select>
              {models.length === 1 && model === "offline" && (
                <p className="mt-1.5 text-xs text-zinc-500">
                  No model API key is configured, so the built-in offline interviewer runs the session.
                </p>
              )}
            </Field>
          </div>
          <Button className="mt-5 w-full" size="lg" onClick={start} disabled={starting || !framework}>
            {starting ? (
              <Loader2 className="size-5 animate-spin" aria-hidden />
            ) : (
              <PlayCircle className="size-5" aria-hidden />
            )}
            {starting ? "Starting…" : "Start interview"}
          </Button>
          {error && (
            <p className="mt-2 text-sm text-rose-700 dark:text-rose-400" role="alert">
              {error}
            </p>
          )}
        </div>
      </aside>
      {framework && (
        <section className="lg:col-start-1 lg:row-start-2" aria-labelledby="framework-heading">
          <div className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900/60">
            <h2 id="framework-heading" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
              How the time is spent · {framework.title}
            </h2>
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{framework.summary}</p>
            <ol className="mt-5 space-y-2">
              {framework.steps.map((step, i) => (
                <li key={step.key}>
                  <details className="group rounded-lg border border-zinc-200 open:bg-zinc-50 dark:border-zinc-800 dark:open:bg-zinc-900">
                    <summary className="flex cursor-pointer list-none items-center gap-3 px-3 py-2.5 text-sm">
                      <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-medium tabular-nums dark:bg-zinc-800">
                        {i + 1}
                      </span>
                      <span className="flex-1 font-medium">{step.title}</span>
                      <span className="hidden text-xs text-zinc-400 tabular-nums sm:inline">
                        min {phases[i]?.startMinute ?? 0}–{(phases[i]?.startMinute ?? 0) + (phases[i]?.minutes ?? 0)}
                      </span>
                      <span className="inline-flex w-16 items-center justify-end gap-1 text-xs text-zinc-500 tabular-nums">
                        <Clock className="size-3" aria-hidden />
                        {phases[i]?.minutes ?? 0} min
                      </span>
                    </summary>
                    <div className="space-y-2 border-t border-zinc-100 px-3 py-3 pl-12 text-sm dark:border-zinc-800">
                      <p className="text-zinc-600 dark:text-zinc-400">{step.goal}</p>
                      <ul className="list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
                        {step.keyQuestions.map((q) => (
                          <li key={q}>{q}</li>
                        ))}
                      </ul>
                    </div>
                  </details>
                </li>
              ))}
            </ol>
          </div>
        </section>
      )}
    </>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <div className="mb-1.5 font-medium text-zinc-700 dark:text-zinc-300">{label}</div>
      {children}
    </div>
  );
}

function Segmented({
  value,
  onChange,
  options,
}: {
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div className="flex rounded-lg bg-zinc-100 p-0.5 dark:bg-zinc-800" role="radiogroup">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            "h-8 flex-1 rounded-md text-sm transition",
            value === o.value
              ? "bg-white font-medium text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-zinc-100"
              : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
