"use client";

import { cn } from "@/components/ui/cn";
import { getIn, useDraft } from "./draft";
import { LineListField, ListField, NumberField, Row, Section, TextArea, TextField } from "./fields";
import type { FormSection } from "./sections";

export const FRAMEWORK_SECTIONS: FormSection[] = [
  { id: "about", title: "About", paths: [["kind"], ["slug"], ["title"], ["summary"], ["baseMinutes"]] },
  { id: "steps", title: "Steps", paths: [["steps"]] },
];

export function FrameworkForm({ isNew }: { isNew: boolean }) {
  return (
    <div className="space-y-6">
      <Section id="about" title="About" problemPaths={FRAMEWORK_SECTIONS[0]!.paths}>
        <Row>
          <TextField path={["title"]} label="Title" />
          <TextField path={["slug"]} label="Slug" mono readOnly={!isNew} hint={isNew ? "Lowercase words joined by hyphens." : "Fixed once created."} />
        </Row>
        <TextArea path={["summary"]} label="Summary" rows={3} hint="Shown to the candidate under the framework's name." />
        <NumberField
          path={["baseMinutes"]}
          label="Base length"
          suffix="min"
          min={20}
          max={120}
          hint="The interview length the step minutes are written for; they are scaled to 30, 45 or 60."
          className="sm:w-64"
        />
      </Section>
      <Section
        id="steps"
        title="Steps"
        description="In order. Each step's minutes, goal, key questions and common mistakes."
        problemPaths={FRAMEWORK_SECTIONS[1]!.paths}
      >
        <MinutesTotal />
        <ListField
          path={["steps"]}
          label="Steps"
          addLabel="Add step"
          hint="At least 3."
          itemTitle={(item) => `${String(item.title ?? item.key ?? "")}${typeof item.minutes === "number" ? ` · ${item.minutes} min` : ""}`}
          newItem={() => ({ key: "", title: "", minutes: 5, goal: "", keyQuestions: [], commonMistakes: [] })}
          renderItem={(p) => (
            <>
              <Row cols={3}>
                <TextField path={[...p, "key"]} label="Key" mono />
                <TextField path={[...p, "title"]} label="Title" className="sm:col-span-1" />
                <NumberField path={[...p, "minutes"]} label="Minutes" suffix="min" step={0.5} min={0.5} max={60} />
              </Row>
              <TextArea path={[...p, "goal"]} label="Goal" rows={2} />
              <LineListField path={[...p, "keyQuestions"]} label="Key questions" hint="One per line; at least 2." />
              <LineListField path={[...p, "commonMistakes"]} label="Common mistakes" hint="One per line; at least 1." rows={2} />
            </>
          )}
        />
      </Section>
    </div>
  );
}

/** Step minutes must add up to the base length; shown live so the author sees it before saving. */
function MinutesTotal() {
  const { data } = useDraft();
  const steps = getIn(data, ["steps"]);
  const base = getIn(data, ["baseMinutes"]);
  const total = Array.isArray(steps)
    ? steps.reduce((sum: number, s) => sum + (typeof (s as { minutes?: unknown })?.minutes === "number" ? (s as { minutes: number }).minutes : 0), 0)
    : 0;
  const ok = typeof base === "number" && Math.abs(total - base) <= 0.5;
  return (
    <p
      className={cn(
        "rounded-lg px-3 py-2 text-sm tabular-nums",
        ok
          ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-300"
          : "bg-amber-50 text-amber-900 dark:bg-amber-950/40 dark:text-amber-300",
      )}
      aria-live="polite"
    >
      Steps add up to <strong>{total} min</strong>
      {typeof base === "number" ? (ok ? ` — matches the base length of ${base} min.` : ` — the base length is ${base} min.`) : "."}
    </p>
  );
}
