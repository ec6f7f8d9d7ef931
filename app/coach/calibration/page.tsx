import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ChevronLeft } from "lucide-react";
import { CalibrationTable } from "@/components/coach/calibration-table";
import { UrlSelect } from "@/components/coach/url-select";
import { requirePageRole } from "@/lib/auth";
import { calibrationFiltersSchema, loadCalibration, type CalibrationFilters } from "@/lib/review";

export const metadata: Metadata = { title: "AI–coach agreement" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CalibrationPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const { db, user } = await requirePageRole("/coach/calibration", "COACH", "ADMIN");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = calibrationFiltersSchema.safeParse(raw);
  const filters: CalibrationFilters = parsed.success ? parsed.data : {};
  const data = await loadCalibration(db.prisma, user, filters);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <Link
        href="/coach"
        className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-4" aria-hidden /> Review queue
      </Link>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">AI–coach agreement</h1>
      <p className="mt-1 max-w-3xl text-sm text-zinc-500">
        How closely the AI&apos;s levels match coaches&apos;, per rubric dimension, over every review by every coach. A
        coach&apos;s override gives a pair (AI level, coach level); a completed review confirms each dimension it did
        not override, a pair (AI level, AI level).
      </p>

      <div className="mt-6 flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        <UrlSelect
          param="rubric"
          label="Rubric version"
          value={filters.rubric ?? ""}
          allLabel="All versions"
          options={data.options.rubrics.map((r) => ({ value: r.id, label: r.label }))}
          className="w-64"
        />
        <UrlSelect
          param="model"
          label="Interviewer model"
          value={filters.model ?? ""}
          allLabel="All models"
          options={data.options.models.map((m) => ({ value: m, label: m }))}
          className="w-64"
        />
        <p className="ml-auto pb-2 text-sm text-zinc-500" data-testid="calibration-totals">
          <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">{data.overall.pairs}</span> pairs
          from <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">{data.reviewsCounted}</span>{" "}
          review{data.reviewsCounted === 1 ? "" : "s"}
        </p>
      </div>
      {!parsed.success && (
        <p className="mt-3 text-sm text-amber-700 dark:text-amber-400" role="alert">
          Some filters in the address were not understood; showing everything.
        </p>
      )}

      <CalibrationTable rows={data.rows} overall={data.overall} />

      <dl className="mt-6 grid gap-x-8 gap-y-3 text-sm text-zinc-600 sm:grid-cols-2 dark:text-zinc-400">
        <Explain term="Pairs">
          How many (AI, coach) level pairs the row is computed from: overridden + confirmed.
        </Explain>
        <Explain term="QWK (quadratic-weighted kappa)">
          Agreement beyond chance on the 1–4 scale, where being two levels apart costs four times one level: 1 perfect,
          0 chance, below 0 worse than chance.
        </Explain>
        <Explain term="Spearman">
          Do the AI and coaches rank answers in the same order (−1 to 1), whatever their offsets.
        </Explain>
        <Explain term="Mean bias">
          Average of AI level − coach level: above 0 the AI is more generous than coaches.
        </Explain>
        <Explain term="Exact / within one">Share of pairs on the same level, and at most one level apart.</Explain>
        <Explain term="Not enough pairs">
          Shown when a number is undefined: fewer than two pairs, or one side gave every pair the same level.
        </Explain>
      </dl>
    </div>
  );
}

function Explain({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-zinc-900 dark:text-zinc-100">{term}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
