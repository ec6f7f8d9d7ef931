"use client";

import { cn } from "@/components/ui/cn";
import { getIn, useDraft, useField, useProblems, type Path } from "./draft";
import { FieldProblems, ListField, NumberField, Row, Section, SelectField, TextArea, TextField, TokenListField } from "./fields";
import type { FormSection } from "./sections";

export const RUBRIC_SECTIONS: FormSection[] = [
  { id: "about", title: "About", paths: [["kind"], ["slug"], ["title"], ["summary"]] },
  { id: "dimensions", title: "Dimensions", paths: [["dimensions"]] },
  { id: "red-flags", title: "Red flags", paths: [["redFlags"]] },
];

const LEVEL_NAMES = ["Below the bar", "Approaching the bar", "At the bar", "Above the bar"];

export function RubricForm({ isNew }: { isNew: boolean }) {
  const { data } = useDraft();
  const dims = getIn(data, ["dimensions"]);
  const ownDimensions = (Array.isArray(dims) ? dims : [])
    .map((d) => d as { key?: unknown; title?: unknown })
    .filter((d) => typeof d?.key === "string" && d.key)
    .map((d) => ({ value: String(d.key), label: `${String(d.title ?? d.key)} (${String(d.key)})` }));
  return (
    <div className="space-y-6">
      <Section id="about" title="About" problemPaths={RUBRIC_SECTIONS[0]!.paths}>
        <Row>
          <TextField path={["title"]} label="Title" />
          <TextField path={["slug"]} label="Slug" mono readOnly={!isNew} hint={isNew ? "Lowercase words joined by hyphens." : "Fixed once created."} />
        </Row>
        <TextArea path={["summary"]} label="Summary" rows={3} />
      </Section>

      <Section
        id="dimensions"
        title="Dimensions"
        description="Each with a weight, four anchored levels, what each seniority must show, and the signals the offline scorer looks for."
        problemPaths={RUBRIC_SECTIONS[1]!.paths}
      >
        <WeightsTotal />
        <ListField
          path={["dimensions"]}
          label="Dimensions"
          addLabel="Add dimension"
          hint="At least 3."
          itemTitle={(item) => `${String(item.title ?? item.key ?? "")}${typeof item.weight === "number" ? ` · ${item.weight}%` : ""}`}
          newItem={() => ({
            key: "",
            title: "",
            description: "",
            weight: 0,
            levels: LEVEL_NAMES.map((label, i) => ({ level: i + 1, label, anchor: "" })),
            expectations: { mid: "", senior: "", staff: "" },
            signals: [],
          })}
          renderItem={(p) => (
            <>
              <Row cols={3}>
                <TextField path={[...p, "key"]} label="Key" mono />
                <TextField path={[...p, "title"]} label="Title" />
                <NumberField path={[...p, "weight"]} label="Weight" suffix="%" step={0.5} min={0} max={100} />
              </Row>
              <TextArea path={[...p, "description"]} label="Description" rows={3} />
              <Levels path={[...p, "levels"]} />
              <fieldset className="space-y-3 rounded-lg border border-dashed border-zinc-300 p-3 dark:border-zinc-700">
                <legend className="px-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">
                  What each level must show
                </legend>
                <TextArea path={[...p, "expectations", "mid"]} label="Mid" rows={2} />
                <TextArea path={[...p, "expectations", "senior"]} label="Senior" rows={2} />
                <TextArea path={[...p, "expectations", "staff"]} label="Staff" rows={2} />
              </fieldset>
              <ListField
                path={[...p, "signals"]}
                label="Signals"
                addLabel="Add signal"
                hint="What the offline scorer looks for in the candidate's words; at least 3."
                itemTitle={(item) => String(item.label ?? item.key ?? "")}
                newItem={() => ({ key: "", label: "", terms: [] })}
                renderItem={(sp) => (
                  <>
                    <Row>
                      <TextField path={[...sp, "key"]} label="Key" mono />
                      <TextField path={[...sp, "label"]} label="Label" />
                    </Row>
                    <TokenListField path={[...sp, "terms"]} label="Terms" hint="Any of these counts as a hit." />
                  </>
                )}
              />
            </>
          )}
        />
      </Section>

      <Section
        id="red-flags"
        title="Red flags"
        description="Behaviours that cap or explain a dimension's score."
        problemPaths={RUBRIC_SECTIONS[2]!.paths}
      >
        <ListField
          path={["redFlags"]}
          label="Red flags"
          addLabel="Add red flag"
          itemTitle={(item) => String(item.title ?? item.key ?? "")}
          newItem={() => ({ key: "", title: "", description: "", dimension: "" })}
          renderItem={(p) => (
            <>
              <Row>
                <TextField path={[...p, "key"]} label="Key" mono />
                <TextField path={[...p, "title"]} label="Title" />
              </Row>
              <TextArea path={[...p, "description"]} label="Description" rows={2} />
              <SelectField path={[...p, "dimension"]} label="Dimension" options={ownDimensions} />
            </>
          )}
        />
      </Section>
    </div>
  );
}

/** The four anchored levels, always shown as four rows so a missing anchor is visible as an empty one. */
function Levels({ path }: { path: Path }) {
  const [levels, setLevels] = useField<unknown[]>(path);
  const list = Array.isArray(levels) ? levels : [];
  const problems = useProblems(path);
  const { readOnly } = useDraft();
  const update = (index: number, patch: Record<string, unknown>) => {
    const next = [...list];
    // Fill any gap below, so the list never has holes (a hole would be written as `null`).
    for (let j = next.length; j < index; j++) next[j] = { level: j + 1, label: LEVEL_NAMES[j], anchor: "" };
    const current = (next[index] ?? {}) as Record<string, unknown>;
    next[index] = { level: index + 1, label: LEVEL_NAMES[index], anchor: "", ...current, ...patch };
    setLevels(next);
  };
  return (
    <div>
      <h4 className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Anchored levels</h4>
      <p className="text-xs text-zinc-500">Behaviour a reader can point to in the transcript or on the board.</p>
      <FieldProblems problems={problems} />
      <ol className="mt-2 space-y-2">
        {[0, 1, 2, 3].map((i) => {
          const item = (list[i] ?? null) as { level?: unknown; label?: unknown; anchor?: unknown } | null;
          return (
            <li key={i} className="grid gap-2 sm:grid-cols-[2.5rem_12rem_minmax(0,1fr)]">
              <span
                className={cn(
                  "flex h-9 items-center justify-center rounded-lg text-sm font-semibold tabular-nums",
                  ["bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300", "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300", "bg-lime-100 text-lime-800 dark:bg-lime-950 dark:text-lime-300", "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"][i],
                )}
                title={item === null ? "missing" : undefined}
              >
                {i + 1}
              </span>
              <LevelInput
                path={[...path, i, "label"]}
                label={`Level ${i + 1} label`}
                value={typeof item?.label === "string" ? item.label : ""}
                onChange={(label) => update(i, { label })}
                readOnly={readOnly}
              />
              <LevelInput
                path={[...path, i, "anchor"]}
                label={`Level ${i + 1} anchor`}
                value={typeof item?.anchor === "string" ? item.anchor : ""}
                onChange={(anchor) => update(i, { anchor })}
                readOnly={readOnly}
                multiline
                placeholder={item === null ? "Missing: write this level's anchor" : undefined}
              />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function LevelInput({
  path,
  label,
  value,
  onChange,
  readOnly,
  multiline,
  placeholder,
}: {
  path: Path;
  label: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  multiline?: boolean;
  placeholder?: string;
}) {
  const problems = useProblems(path);
  const className = cn(
    "w-full rounded-lg border bg-white px-3 text-sm shadow-xs placeholder:text-zinc-400 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/20 focus:outline-none dark:bg-zinc-950",
    problems.length > 0 ? "border-rose-400 dark:border-rose-500/70" : "border-zinc-300 dark:border-zinc-700",
  );
  return (
    <div>
      {multiline ? (
        <textarea
          aria-label={label}
          value={value}
          rows={2}
          readOnly={readOnly}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          className={cn(className, "field-sizing-content block max-h-80 min-h-16 resize-y py-2 leading-relaxed")}
        />
      ) : (
        <input aria-label={label} value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} className={cn(className, "h-9")} />
      )}
      <FieldProblems problems={problems} />
    </div>
  );
}

/** Dimension weights must add up to 100 (the schema's rule); shown live with each dimension's share. */
function WeightsTotal() {
  const { data } = useDraft();
  const dims = getIn(data, ["dimensions"]);
  const list = (Array.isArray(dims) ? dims : []).map((d) => d as { key?: unknown; weight?: unknown });
  const total = list.reduce((sum, d) => sum + (typeof d?.weight === "number" ? d.weight : 0), 0);
  const ok = Math.abs(total - 100) <= 0.01;
  return (
    <div
      className={cn(
        "rounded-lg px-3 py-2 text-sm",
        ok
          ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-300"
          : "bg-amber-50 text-amber-900 dark:bg-amber-950/40 dark:text-amber-300",
      )}
      aria-live="polite"
    >
      <p className="tabular-nums">
        Weights add up to <strong>{Math.round(total * 100) / 100}%</strong>
        {ok ? " — as required." : ` — they must add up to 100% (${total > 100 ? "remove" : "add"} ${Math.round(Math.abs(100 - total) * 100) / 100}).`}
      </p>
      {list.length > 0 && (
        <div className="mt-2 flex h-2 overflow-hidden rounded-full bg-white/70 dark:bg-zinc-900" aria-hidden>
          {list.map((d, i) => (
            <span
              key={i}
              className={cn("h-full border-r border-white/80 last:border-0 dark:border-zinc-900", i % 2 ? "bg-accent-400" : "bg-accent-600")}
              style={{ width: `${Math.max(0, typeof d?.weight === "number" ? d.weight : 0)}%` }}
              title={`${String(d?.key ?? "")}: ${String(d?.weight ?? 0)}%`}
            />
          ))}
        </div>
      )}
    </div>
  );
}
