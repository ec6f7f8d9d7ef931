"use client";

import { Check, Circle } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { DIFFICULTY_LABELS, DOMAIN_LABELS } from "@/lib/content/labels";
import { CORE_FACT_TOPICS } from "@/lib/content/schema";
import { getIn, useDraft } from "./draft";
import {
  CheckboxField,
  LineListField,
  ListField,
  NumberField,
  Row,
  Section,
  SelectField,
  TextArea,
  TextField,
  TokenListField,
} from "./fields";
import type { FormSection } from "./sections";

export const PROMPT_SECTIONS: FormSection[] = [
  {
    id: "card",
    title: "Card & brief",
    paths: [["kind"], ["slug"], ["title"], ["summary"], ["domain"], ["difficulty"], ["companies"], ["tags"], ["brief"]],
  },
  { id: "facts", title: "Fact sheet", paths: [["factSheet"]] },
  { id: "probes", title: "Probes", paths: [["probes"]] },
  { id: "curveballs", title: "Curveballs", paths: [["curveballs"]] },
  { id: "levels", title: "Level bars", paths: [["levelBars"]] },
  { id: "outline", title: "Reference outline", paths: [["referenceOutline"]] },
];

const domainOptions = Object.entries(DOMAIN_LABELS).map(([value, label]) => ({ value, label }));
const difficultyOptions = Object.entries(DIFFICULTY_LABELS).map(([value, label]) => ({ value, label }));

export function PromptForm({ isNew }: { isNew: boolean }) {
  const { dimensions } = useDraft();
  const dimensionOptions = dimensions.map((d) => ({ value: d.key, label: `${d.title} (${d.key})` }));
  const section = (id: string) => PROMPT_SECTIONS.find((s) => s.id === id)!;
  return (
    <div className="space-y-6">
      <Section id="card" title="Card & brief" description="What candidates see in the catalogue and on the prompt page." problemPaths={section("card").paths}>
        <Row>
          <TextField path={["title"]} label="Title" placeholder="Design a …" />
          <TextField
            path={["slug"]}
            label="Slug"
            mono
            readOnly={!isNew}
            hint={isNew ? "Lowercase words joined by hyphens; it becomes the URL and cannot change later." : "Fixed once created."}
          />
        </Row>
        <TextField path={["summary"]} label="Summary" maxLength={200} hint="One line for the catalogue card." />
        <Row cols={2}>
          <SelectField path={["domain"]} label="Domain" options={domainOptions} />
          <SelectField path={["difficulty"]} label="Difficulty" options={difficultyOptions} />
        </Row>
        <Row>
          <TokenListField path={["companies"]} label="Companies" placeholder="OpenAI, Anthropic" hint="Where it is asked; shown on the card." />
          <TokenListField path={["tags"]} label="Tags" placeholder="rag, streaming" hint="Lowercase, hyphenated; comma-separated." />
        </Row>
        <TextArea
          path={["brief"]}
          label="Brief"
          rows={8}
          hint="Markdown. Deliberately open, as in a real interview: the numbers belong in the fact sheet."
        />
      </Section>

      <Section
        id="facts"
        title="Fact sheet"
        description="What the interviewer says when asked. Numbers that agree with each other."
        problemPaths={section("facts").paths}
      >
        <CoreTopics />
        <datalist id="core-topics">
          {CORE_FACT_TOPICS.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <ListField
          path={["factSheet"]}
          label="Facts"
          addLabel="Add fact"
          itemTitle={(item) => String(item.topic ?? "")}
          newItem={() => ({ topic: "", answer: "", askedAs: [] })}
          renderItem={(p) => (
            <>
              <TextField path={[...p, "topic"]} label="Topic" mono list="core-topics" />
              <TextArea path={[...p, "answer"]} label="Answer" rows={3} />
              <TokenListField
                path={[...p, "askedAs"]}
                label="Asked as"
                hint="Words a candidate would use when asking; at least two. The offline interviewer matches on them."
              />
            </>
          )}
        />
      </Section>

      <Section
        id="probes"
        title="Probes"
        description="Topics a strong candidate reaches; the interviewer raises the ones left uncovered. At least 8."
        problemPaths={section("probes").paths}
      >
        <ListField
          path={["probes"]}
          label="Probes"
          addLabel="Add probe"
          itemTitle={(item) => String(item.topic ?? item.key ?? "")}
          newItem={() => ({ key: "", topic: "", question: "", lookFor: "", dimension: "", coveredBy: [] })}
          renderItem={(p) => (
            <>
              <Row>
                <TextField path={[...p, "key"]} label="Key" mono />
                <TextField path={[...p, "topic"]} label="Topic" />
              </Row>
              <TextArea path={[...p, "question"]} label="Question" rows={2} hint="How the interviewer raises it." />
              <TextArea path={[...p, "lookFor"]} label="Look for" rows={3} hint="What a strong candidate says here." />
              <Row>
                <SelectField path={[...p, "dimension"]} label="Rubric dimension" options={dimensionOptions} />
                <TokenListField path={[...p, "coveredBy"]} label="Covered by" hint="Words showing it is already covered." />
              </Row>
            </>
          )}
        />
      </Section>

      <Section
        id="curveballs"
        title="Curveballs"
        description="Constraint changes the interviewer announces mid-interview, with when they may come. At least 4."
        problemPaths={section("curveballs").paths}
      >
        <ListField
          path={["curveballs"]}
          label="Curveballs"
          addLabel="Add curveball"
          itemTitle={(item) => String(item.title ?? item.key ?? "")}
          newItem={() => ({
            key: "",
            title: "",
            announcement: "",
            goodAdaptation: "",
            dimension: "adaptation",
            earliestFraction: 0.3,
            needsDiagram: true,
          })}
          renderItem={(p) => (
            <>
              <Row>
                <TextField path={[...p, "key"]} label="Key" mono />
                <TextField path={[...p, "title"]} label="Title" />
              </Row>
              <TextArea path={[...p, "announcement"]} label="Announcement" rows={3} hint="As the interviewer would say it." />
              <TextArea path={[...p, "goodAdaptation"]} label="Good adaptation" rows={3} hint="The changes a strong candidate makes." />
              <SelectField path={[...p, "dimension"]} label="Rubric dimension" options={dimensionOptions} />
              <fieldset className="rounded-lg border border-dashed border-zinc-300 p-3 dark:border-zinc-700">
                <legend className="px-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">Scheduling hints</legend>
                <Row>
                  <NumberField
                    path={[...p, "earliestFraction"]}
                    label="Earliest point"
                    step={0.05}
                    min={0}
                    max={0.9}
                    hint={<FractionHint path={[...p, "earliestFraction"]} />}
                  />
                  <CheckboxField
                    path={[...p, "needsDiagram"]}
                    label="Needs a diagram on the board"
                    hint="Wait until the candidate has drawn something."
                  />
                </Row>
              </fieldset>
            </>
          )}
        />
      </Section>

      <Section
        id="levels"
        title="Level bars"
        description="What a mid, senior and staff candidate must show on this prompt."
        problemPaths={section("levels").paths}
      >
        <TextArea path={["levelBars", "mid"]} label="Mid" rows={3} />
        <TextArea path={["levelBars", "senior"]} label="Senior" rows={3} />
        <TextArea path={["levelBars", "staff"]} label="Staff" rows={3} />
      </Section>

      <Section
        id="outline"
        title="Reference outline"
        description="Shown to the candidate after the interview and given to the judge; the live interviewer never sees it."
        problemPaths={section("outline").paths}
      >
        <LineListField path={["referenceOutline", "requirements"]} label="Requirements" hint="One per line; at least 3." />
        <ListField
          path={["referenceOutline", "estimates"]}
          label="Estimates"
          addLabel="Add estimate"
          hint="At least 2."
          itemTitle={(item) => String(item.quantity ?? "")}
          newItem={() => ({ quantity: "", arithmetic: "" })}
          renderItem={(p) => (
            <Row>
              <TextField path={[...p, "quantity"]} label="Quantity" placeholder="Peak QPS" />
              <TextField path={[...p, "arithmetic"]} label="Arithmetic" placeholder="20M × 15 / 86 400 × 3 ≈ 10K/s" />
            </Row>
          )}
        />
        <LineListField path={["referenceOutline", "architecture"]} label="Architecture" hint="One per line; at least 4." />
        <LineListField path={["referenceOutline", "deepDives"]} label="Deep dives" hint="One per line; at least 2." />
        <LineListField path={["referenceOutline", "tradeoffs"]} label="Trade-offs" hint="One per line; at least 2." />
        <LineListField path={["referenceOutline", "failureModes"]} label="Failure modes" hint="One per line; at least 2." />
      </Section>
    </div>
  );
}

/** Which core clarifying topics the fact sheet answers (content:check requires all of them). */
function CoreTopics() {
  const { data } = useDraft();
  const facts = getIn(data, ["factSheet"]);
  const topics = new Set(Array.isArray(facts) ? facts.map((f) => (f as { topic?: unknown })?.topic) : []);
  return (
    <div>
      <p className="text-xs font-medium text-zinc-500">Core topics every prompt answers</p>
      <ul className="mt-1.5 flex flex-wrap gap-1.5">
        {CORE_FACT_TOPICS.map((t) => {
          const present = topics.has(t);
          return (
            <li
              key={t}
              className={cn(
                "inline-flex items-center gap-1 rounded-md px-2 py-0.5 font-mono text-xs ring-1 ring-inset",
                present
                  ? "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-800"
                  : "bg-zinc-50 text-zinc-500 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700",
              )}
            >
              {present ? <Check className="size-3" aria-hidden /> : <Circle className="size-3" aria-hidden />}
              {t}
              <span className="sr-only">{present ? "(answered)" : "(missing)"}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function FractionHint({ path }: { path: readonly (string | number)[] }) {
  const { data } = useDraft();
  const value = getIn(data, path);
  if (typeof value !== "number") return <>A fraction of the interview, 0 to 0.9.</>;
  return (
    <>
      Not before {Math.round(value * 100)}% of the interview (minute {Math.round(value * 45)} of 45).
    </>
  );
}
