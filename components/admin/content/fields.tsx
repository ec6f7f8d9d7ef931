"use client";

import { AlertCircle, ArrowDown, ArrowUp, ChevronRight, Plus, Trash2 } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { formatPath, type ContentProblem } from "@/lib/content/validate";
import { pathId, useDraft, useField, useProblemCount, useProblems, type Path } from "./draft";

const inputBase =
  "w-full rounded-lg border bg-white px-3 text-sm shadow-xs transition placeholder:text-zinc-400 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/20 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-500 dark:bg-zinc-950 dark:disabled:bg-zinc-900";
/** Text areas grow with their text (field-sizing) from at least this many lines. */
const minHeightFor = (rows: number) => `calc(${rows} * 1.625em + 1rem + 2px)`;
const borderFor = (invalid: boolean) =>
  invalid ? "border-rose-400 dark:border-rose-500/70" : "border-zinc-300 dark:border-zinc-700";

/** Label, hint and the problems for one field. */
function FieldShell({
  path,
  label,
  hint,
  problems,
  children,
  className,
  aside,
}: {
  path: Path;
  label: string;
  hint?: ReactNode;
  problems: string[];
  children: ReactNode;
  className?: string;
  aside?: ReactNode;
}) {
  return (
    <div className={cn("min-w-0", className)}>
      <div className="mb-1 flex items-baseline justify-between gap-3">
        <label htmlFor={pathId(path)} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {aside && <span className="text-xs text-zinc-500 tabular-nums">{aside}</span>}
      </div>
      {children}
      {hint && problems.length === 0 && <p className="mt-1 text-xs text-zinc-500">{hint}</p>}
      <FieldProblems problems={problems} />
    </div>
  );
}

export function FieldProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5" role="alert">
      {problems.map((message, i) => (
        <li key={i} className="flex items-start gap-1 text-xs text-rose-700 dark:text-rose-400">
          <AlertCircle className="mt-px size-3.5 shrink-0" aria-hidden />
          <span>{message}</span>
        </li>
      ))}
    </ul>
  );
}

export function TextField({
  path,
  label,
  hint,
  placeholder,
  mono,
  maxLength,
  readOnly,
  list,
  className,
}: {
  path: Path;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  mono?: boolean;
  maxLength?: number;
  readOnly?: boolean;
  list?: string;
  className?: string;
}) {
  const [value, setValue] = useField<string>(path);
  const problems = useProblems(path);
  const { readOnly: allReadOnly } = useDraft();
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  return (
    <FieldShell
      path={path}
      label={label}
      hint={hint}
      problems={problems}
      className={className}
      aside={maxLength ? `${text.length}/${maxLength}` : undefined}
    >
      <input
        id={pathId(path)}
        value={text}
        onChange={(e) => setValue(e.target.value)}
        placeholder={placeholder}
        readOnly={readOnly || allReadOnly}
        list={list}
        aria-invalid={problems.length > 0 || undefined}
        className={cn(
          inputBase,
          borderFor(problems.length > 0),
          "h-9",
          mono && "font-mono text-[13px]",
          (readOnly || allReadOnly) && "bg-zinc-50 text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400",
        )}
      />
    </FieldShell>
  );
}

export function TextArea({
  path,
  label,
  hint,
  rows = 3,
  placeholder,
  mono,
  className,
}: {
  path: Path;
  label: string;
  hint?: ReactNode;
  rows?: number;
  placeholder?: string;
  mono?: boolean;
  className?: string;
}) {
  const [value, setValue] = useField<string>(path);
  const problems = useProblems(path);
  const { readOnly } = useDraft();
  return (
    <FieldShell path={path} label={label} hint={hint} problems={problems} className={className}>
      <textarea
        id={pathId(path)}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => setValue(e.target.value)}
        rows={rows}
        placeholder={placeholder}
        readOnly={readOnly}
        aria-invalid={problems.length > 0 || undefined}
        style={{ minHeight: minHeightFor(rows) }}
        className={cn(
          inputBase,
          borderFor(problems.length > 0),
          "field-sizing-content block max-h-[32rem] resize-y py-2 leading-relaxed",
          mono && "font-mono text-[13px]",
        )}
      />
    </FieldShell>
  );
}

export function NumberField({
  path,
  label,
  hint,
  step = 1,
  min,
  max,
  suffix,
  className,
}: {
  path: Path;
  label: string;
  hint?: ReactNode;
  step?: number;
  min?: number;
  max?: number;
  suffix?: string;
  className?: string;
}) {
  const [value, setValue] = useField<number | null>(path);
  const problems = useProblems(path);
  const { readOnly } = useDraft();
  // Keep what is typed ("0." on the way to "0.5") while the draft holds a number, or null when empty.
  const [typed, setTyped] = useState<string | null>(null);
  const shown = typed ?? (typeof value === "number" ? String(value) : "");
  return (
    <FieldShell path={path} label={label} hint={hint} problems={problems} className={className}>
      <div className="relative">
        <input
          id={pathId(path)}
          type="number"
          inputMode="decimal"
          step={step}
          min={min}
          max={max}
          value={shown}
          readOnly={readOnly}
          onChange={(e) => {
            setTyped(e.target.value);
            const n = e.target.value.trim() === "" ? null : Number(e.target.value);
            setValue(n !== null && Number.isFinite(n) ? n : null);
          }}
          onBlur={() => setTyped(null)}
          aria-invalid={problems.length > 0 || undefined}
          className={cn(inputBase, borderFor(problems.length > 0), "h-9 tabular-nums", suffix && "pr-12")}
        />
        {suffix && (
          <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-zinc-500">
            {suffix}
          </span>
        )}
      </div>
    </FieldShell>
  );
}

export function SelectField({
  path,
  label,
  options,
  hint,
  className,
}: {
  path: Path;
  label: string;
  options: readonly { value: string; label: string }[];
  hint?: ReactNode;
  className?: string;
}) {
  const [value, setValue] = useField<string>(path);
  const problems = useProblems(path);
  const { readOnly } = useDraft();
  const current = typeof value === "string" ? value : "";
  const known = options.some((o) => o.value === current);
  return (
    <FieldShell path={path} label={label} hint={hint} problems={problems} className={className}>
      <select
        id={pathId(path)}
        value={current}
        disabled={readOnly}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={problems.length > 0 || undefined}
        className={cn(inputBase, borderFor(problems.length > 0), "h-9 pr-8", !current && "text-zinc-500")}
      >
        {!current && <option value="">Choose…</option>}
        {current && !known && <option value={current}>{current} (unknown)</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ path, label, hint }: { path: Path; label: string; hint?: ReactNode }) {
  const [value, setValue] = useField<boolean>(path);
  const problems = useProblems(path);
  const { readOnly } = useDraft();
  return (
    <div>
      <label className="flex h-9 items-center gap-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">
        <input
          id={pathId(path)}
          type="checkbox"
          checked={value !== false}
          disabled={readOnly}
          onChange={(e) => setValue(e.target.checked)}
          className="accent-accent-600 size-4 rounded border-zinc-300"
        />
        {label}
      </label>
      {hint && <p className="text-xs text-zinc-500">{hint}</p>}
      <FieldProblems problems={problems} />
    </div>
  );
}

/**
 * A list of short strings typed as one line, separated by commas (tags, companies, the words a
 * candidate would use). The typed text is kept as typed; the draft holds the split list.
 */
export function TokenListField({
  path,
  label,
  hint,
  placeholder,
  className,
}: {
  path: Path;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  className?: string;
}) {
  const { problems, readOnly, text, edit, done, aside } = useSplitList(path, ",", ", ");
  return (
    <FieldShell
      path={path}
      label={label}
      hint={hint ?? "Separate with commas."}
      problems={problems}
      className={className}
      aside={aside}
    >
      <input
        id={pathId(path)}
        value={text}
        placeholder={placeholder}
        readOnly={readOnly}
        onChange={(e) => edit(e.target.value)}
        onBlur={done}
        aria-invalid={problems.length > 0 || undefined}
        className={cn(inputBase, borderFor(problems.length > 0), "h-9")}
      />
    </FieldShell>
  );
}

/**
 * A list of strings edited as one text (comma- or line-separated). While the field has focus it
 * shows what was typed (so a trailing separator is not swallowed); the draft holds the split list.
 */
function useSplitList(path: Path, separator: string, joiner: string) {
  const [value, setValue] = useField<string[]>(path);
  const problems = useProblems(path, { inside: true });
  const { readOnly } = useDraft();
  const [typed, setTyped] = useState<string | null>(null);
  const count = Array.isArray(value) ? value.length : 0;
  return {
    problems,
    readOnly,
    text: typed ?? (Array.isArray(value) ? value.join(joiner) : ""),
    edit: (text: string) => {
      setTyped(text);
      setValue(
        text
          .split(separator)
          .map((s) => s.trim())
          .filter(Boolean),
      );
    },
    done: () => setTyped(null),
    aside: `${count} item${count === 1 ? "" : "s"}`,
  };
}

/** A list of sentences, one per line (key questions, requirements, trade-offs). */
export function LineListField({
  path,
  label,
  hint,
  rows = 4,
  className,
}: {
  path: Path;
  label: string;
  hint?: ReactNode;
  rows?: number;
  className?: string;
}) {
  const { problems, readOnly, text, edit, done, aside } = useSplitList(path, "\n", "\n");
  return (
    <FieldShell
      path={path}
      label={label}
      hint={hint ?? "One per line."}
      problems={problems}
      className={className}
      aside={aside}
    >
      <textarea
        id={pathId(path)}
        value={text}
        rows={rows}
        readOnly={readOnly}
        onChange={(e) => edit(e.target.value)}
        onBlur={done}
        aria-invalid={problems.length > 0 || undefined}
        style={{ minHeight: minHeightFor(rows) }}
        className={cn(
          inputBase,
          borderFor(problems.length > 0),
          "field-sizing-content block max-h-[32rem] resize-y py-2 leading-relaxed",
        )}
      />
    </FieldShell>
  );
}

/**
 * A list of structured items (facts, probes, curveballs, steps, dimensions): each a collapsible
 * card with its own fields, moved and removed with buttons; items with problems open themselves.
 */
export function ListField({
  path,
  label,
  itemTitle,
  newItem,
  renderItem,
  addLabel,
  hint,
}: {
  path: Path;
  label: string;
  itemTitle: (item: Record<string, unknown>, index: number) => string;
  newItem: () => unknown;
  renderItem: (itemPath: Path, index: number) => ReactNode;
  addLabel: string;
  hint?: ReactNode;
}) {
  const [value, setValue] = useField<unknown[]>(path);
  const items = Array.isArray(value) ? value : [];
  const problems = useProblems(path);
  const { readOnly } = useDraft();
  const [justAdded, setJustAdded] = useState<number | null>(null);
  const move = (from: number, to: number) => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    setValue(next);
  };
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3">
        <h3 className="text-sm font-medium text-zinc-800 dark:text-zinc-200" id={pathId(path)}>
          {label}
        </h3>
        <span className="text-xs text-zinc-500 tabular-nums">
          {items.length} item{items.length === 1 ? "" : "s"}
        </span>
      </div>
      {hint && <p className="mt-0.5 text-xs text-zinc-500">{hint}</p>}
      <FieldProblems problems={problems} />
      <ol className="mt-2 space-y-2">
        {items.map((item, i) => (
          <ListItem
            key={i}
            path={[...path, i]}
            index={i}
            title={itemTitle((item ?? {}) as Record<string, unknown>, i)}
            defaultOpen={justAdded === i}
            readOnly={readOnly}
            onUp={i > 0 ? () => move(i, i - 1) : undefined}
            onDown={i < items.length - 1 ? () => move(i, i + 1) : undefined}
            onRemove={() => setValue(items.filter((_, j) => j !== i))}
          >
            {renderItem([...path, i], i)}
          </ListItem>
        ))}
      </ol>
      {!readOnly && (
        <button
          type="button"
          onClick={() => {
            setValue([...items, newItem()]);
            setJustAdded(items.length);
          }}
          className="hover:border-accent-400 hover:text-accent-700 dark:hover:border-accent-600 dark:hover:text-accent-300 mt-2 inline-flex h-8 items-center gap-1.5 rounded-lg border border-dashed border-zinc-300 px-3 text-sm text-zinc-600 transition dark:border-zinc-700 dark:text-zinc-400"
        >
          <Plus className="size-4" aria-hidden /> {addLabel}
        </button>
      )}
    </div>
  );
}

function ListItem({
  path,
  index,
  title,
  defaultOpen,
  readOnly,
  onUp,
  onDown,
  onRemove,
  children,
}: {
  path: Path;
  index: number;
  title: string;
  defaultOpen: boolean;
  readOnly: boolean;
  onUp?: () => void;
  onDown?: () => void;
  onRemove: () => void;
  children: ReactNode;
}) {
  const problemCount = useProblemCount(path);
  const [open, setOpen] = useState(defaultOpen);
  const bodyId = useId();
  const shown = open || problemCount > 0;
  return (
    <li
      className={cn(
        "rounded-lg border bg-zinc-50/60 dark:bg-zinc-900/40",
        problemCount > 0 ? "border-rose-300 dark:border-rose-800" : "border-zinc-200 dark:border-zinc-800",
      )}
    >
      <div className="flex items-center gap-1 pr-1.5">
        <button
          type="button"
          onClick={() => setOpen(!shown)}
          aria-expanded={shown}
          aria-controls={bodyId}
          className="flex min-w-0 flex-1 items-center gap-2 px-3 py-2 text-left text-sm"
        >
          <ChevronRight className={cn("size-4 shrink-0 text-zinc-400 transition", shown && "rotate-90")} aria-hidden />
          <span className="w-6 shrink-0 text-xs text-zinc-400 tabular-nums">{index + 1}</span>
          <span className="truncate font-medium">{title || <span className="text-zinc-400">Untitled</span>}</span>
          {problemCount > 0 && (
            <span className="ml-auto shrink-0 rounded-full bg-rose-100 px-2 py-0.5 text-xs font-medium text-rose-700 dark:bg-rose-950 dark:text-rose-300">
              {problemCount} problem{problemCount === 1 ? "" : "s"}
            </span>
          )}
        </button>
        {!readOnly && (
          <>
            <IconButton label="Move up" onClick={onUp} icon={ArrowUp} />
            <IconButton label="Move down" onClick={onDown} icon={ArrowDown} />
            <IconButton label="Remove" onClick={onRemove} icon={Trash2} danger />
          </>
        )}
      </div>
      {shown && (
        <div id={bodyId} className="space-y-3 border-t border-zinc-200 px-3 py-3 dark:border-zinc-800">
          {children}
        </div>
      )}
    </li>
  );
}

function IconButton({
  label,
  onClick,
  icon: Icon,
  danger,
}: {
  label: string;
  onClick?: () => void;
  icon: typeof Plus;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={!onClick}
      aria-label={label}
      title={label}
      className={cn(
        "inline-flex size-7 items-center justify-center rounded-md text-zinc-500 transition hover:bg-zinc-200/70 disabled:opacity-30 disabled:hover:bg-transparent dark:hover:bg-zinc-800",
        danger && "hover:text-rose-600 dark:hover:text-rose-400",
      )}
    >
      <Icon className="size-3.5" aria-hidden />
    </button>
  );
}

/** A titled card holding one part of the form; the anchor lets the section nav jump to it. */
export function Section({
  id,
  title,
  description,
  problemPaths = [],
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  problemPaths?: Path[];
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="scroll-mt-32 rounded-xl border border-zinc-200 bg-white p-5 shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="font-semibold tracking-tight">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-sm text-zinc-500">{description}</p>}
        </div>
        <SectionProblemBadge paths={problemPaths} />
      </div>
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

function SectionProblemBadge({ paths }: { paths: Path[] }) {
  const { problems } = useDraft();
  const count = paths.length === 0 ? 0 : countUnder(problems, paths);
  if (count === 0) return null;
  return (
    <span className="shrink-0 rounded-full bg-rose-100 px-2 py-0.5 text-xs font-medium text-rose-700 dark:bg-rose-950 dark:text-rose-300">
      {count} problem{count === 1 ? "" : "s"}
    </span>
  );
}

export function countUnder(problems: ContentProblem[], paths: Path[]): number {
  const prefixes = paths.map((p) => formatPath(p));
  return problems.filter((p) =>
    prefixes.some((at) => p.field === at || p.field.startsWith(`${at}[`) || p.field.startsWith(`${at}.`)),
  ).length;
}

/** Two or three fields side by side on wide screens. */
export function Row({ children, cols = 2 }: { children: ReactNode; cols?: 2 | 3 | 4 }) {
  return (
    <div
      className={cn(
        "grid gap-4",
        cols === 2 && "sm:grid-cols-2",
        cols === 3 && "sm:grid-cols-3",
        cols === 4 && "sm:grid-cols-2 lg:grid-cols-4",
      )}
    >
      {children}
    </div>
  );
}
