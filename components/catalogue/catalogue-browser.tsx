"use client";

import { Building2, Search, X } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useDeferredValue, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EMPTY_FILTER, filterCards, filterToQuery, type CatalogueFilter } from "@/lib/content/catalogue-filter";
import { DIFFICULTY_LABELS, DOMAIN_LABELS, difficultyLabel, domainLabel } from "@/lib/content/labels";
import type { PromptCard } from "@/lib/content/repository";

const difficultyTone = { medium: "green", hard: "amber", expert: "red" } as const;

/** Filters the catalogue in the browser (it is small) and keeps the URL in step, so a filtered view can be shared. */
export function CatalogueBrowser({ cards, initialFilter }: { cards: PromptCard[]; initialFilter: CatalogueFilter }) {
  const router = useRouter();
  const pathname = usePathname();
  const [filter, setFilter] = useState(initialFilter);
  const deferredFilter = useDeferredValue(filter);
  const visible = useMemo(() => filterCards(cards, deferredFilter), [cards, deferredFilter]);

  const companies = useMemo(
    () => [...new Set(cards.flatMap((c) => c.companies))].sort((a, b) => a.localeCompare(b)),
    [cards],
  );
  const domains = useMemo(() => Object.keys(DOMAIN_LABELS).filter((d) => cards.some((c) => c.domain === d)), [cards]);
  const domainCounts = useMemo(() => {
    const withoutDomain = filterCards(cards, { ...deferredFilter, domain: "" });
    return Object.fromEntries(domains.map((d) => [d, withoutDomain.filter((c) => c.domain === d).length]));
  }, [cards, deferredFilter, domains]);

  const update = (patch: Partial<CatalogueFilter>) => {
    const next = { ...filter, ...patch };
    setFilter(next);
    router.replace(`${pathname}${filterToQuery(next)}`, { scroll: false });
  };
  const active = filter.q || filter.domain || filter.company || filter.difficulty;

  return (
    <div className="mt-8">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
        <label className="relative flex-1">
          <span className="sr-only">Search prompts</span>
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400"
            aria-hidden
          />
          <input
            type="search"
            value={filter.q}
            onChange={(e) => update({ q: e.target.value })}
            placeholder="Search: RAG, code completion, OpenAI, KV cache…"
            className="focus:border-accent-500 h-10 w-full rounded-lg border border-zinc-300 bg-white pr-3 pl-9 text-sm shadow-sm placeholder:text-zinc-400 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <div className="flex gap-3">
          <FilterSelect
            label="Company"
            value={filter.company}
            onChange={(company) => update({ company })}
            options={companies.map((c) => [c, c])}
          />
          <FilterSelect
            label="Difficulty"
            value={filter.difficulty}
            onChange={(difficulty) => update({ difficulty })}
            options={Object.entries(DIFFICULTY_LABELS)}
          />
        </div>
      </div>

      <div className="mt-4 flex flex-wrap gap-2" role="group" aria-label="Domain">
        <DomainChip label="All domains" selected={!filter.domain} onClick={() => update({ domain: "" })} />
        {domains.map((d) => (
          <DomainChip
            key={d}
            label={domainLabel(d)}
            count={domainCounts[d]}
            selected={filter.domain === d}
            onClick={() => update({ domain: filter.domain === d ? "" : d })}
          />
        ))}
      </div>

      <div className="mt-6 flex items-center justify-between text-sm text-zinc-500">
        <p aria-live="polite">
          {visible.length} of {cards.length} prompts
        </p>
        {active && (
          <button
            type="button"
            onClick={() => update(EMPTY_FILTER)}
            className="inline-flex items-center gap-1 hover:text-zinc-900 dark:hover:text-zinc-100"
          >
            <X className="size-3.5" aria-hidden /> Clear filters
          </button>
        )}
      </div>

      {visible.length === 0 ? (
        <div className="mt-4 rounded-xl border border-dashed border-zinc-300 p-12 text-center dark:border-zinc-700">
          <p className="font-medium">No prompt matches these filters.</p>
          <p className="mt-1 text-sm text-zinc-500">Try fewer words, or clear the filters.</p>
        </div>
      ) : (
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {visible.map((card) => (
            <li key={card.slug}>
              <Link
                href={`/practice/${card.slug}`}
                className="group hover:border-accent-300 dark:hover:border-accent-700 flex h-full flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-sm transition hover:-translate-y-0.5 hover:shadow-md dark:border-zinc-800 dark:bg-zinc-900/60"
              >
                <div className="flex items-center gap-2">
                  <Badge tone="accent">{domainLabel(card.domain)}</Badge>
                  <Badge tone={difficultyTone[card.difficulty as keyof typeof difficultyTone] ?? "neutral"}>
                    {difficultyLabel(card.difficulty)}
                  </Badge>
                </div>
                <h2 className="group-hover:text-accent-700 dark:group-hover:text-accent-300 mt-3 font-medium text-zinc-900 dark:text-zinc-100">
                  {card.title}
                </h2>
                <p className="mt-1.5 flex-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{card.summary}</p>
                {card.companies.length > 0 && (
                  <p className="mt-4 flex items-center gap-1.5 text-xs text-zinc-500">
                    <Building2 className="size-3.5" aria-hidden />
                    Asked at {card.companies.join(", ")}
                  </p>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
}) {
  return (
    <label className="flex-1 lg:w-44 lg:flex-none">
      <span className="sr-only">{label}</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={cn(
          "focus:border-accent-500 h-10 w-full rounded-lg border border-zinc-300 bg-white px-3 text-sm shadow-sm focus:outline-none dark:border-zinc-700 dark:bg-zinc-900",
          !value && "text-zinc-500",
        )}
      >
        <option value="">Any {label.toLowerCase()}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function DomainChip({
  label,
  count,
  selected,
  onClick,
}: {
  label: string;
  count?: number;
  selected: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={selected}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-sm transition",
        selected
          ? "border-accent-600 bg-accent-600 dark:border-accent-500 dark:bg-accent-500 text-white"
          : "border-zinc-300 bg-white text-zinc-700 hover:border-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:border-zinc-500",
      )}
    >
      {label}
      {count !== undefined && (
        <span className={cn("text-xs tabular-nums", selected ? "text-white/80" : "text-zinc-400")}>{count}</span>
      )}
    </button>
  );
}
