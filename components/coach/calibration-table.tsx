import { cn } from "@/components/ui/cn";
import type { AgreementStats } from "@/lib/scoring/calibration";
import type { CalibrationRow } from "@/lib/review/types";

/** Agreement per rubric dimension; undefined statistics say "not enough pairs" rather than show a number. */
export function CalibrationTable({ rows, overall }: { rows: CalibrationRow[]; overall: AgreementStats }) {
  return (
    <div className="mt-5 overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm" data-testid="calibration-table">
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900/60">
          <tr>
            <th className="px-4 py-2.5 font-medium">Dimension</th>
            <th className="px-4 py-2.5 text-right font-medium">Pairs</th>
            <th className="px-4 py-2.5 font-medium">Overridden · confirmed</th>
            <th className="px-4 py-2.5 text-right font-medium">QWK</th>
            <th className="px-4 py-2.5 text-right font-medium">Spearman</th>
            <th className="px-4 py-2.5 text-right font-medium">Mean bias</th>
            <th className="px-4 py-2.5 text-right font-medium">Exact</th>
            <th className="px-4 py-2.5 text-right font-medium">Within one</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.length === 0 && (
            <tr>
              <td colSpan={8} className="px-4 py-10 text-center text-zinc-500">
                This rubric version has no dimensions.
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.dimensionKey} data-testid="calibration-row" data-calibration-dimension={row.dimensionKey}>
              <th scope="row" className="px-4 py-3 font-medium">
                {row.title}
                {row.unpaired > 0 && (
                  <span className="mt-0.5 block text-xs font-normal text-zinc-500">
                    + {row.unpaired} override{row.unpaired === 1 ? "" : "s"} of &ldquo;not assessable&rdquo; (no AI
                    level to pair)
                  </span>
                )}
              </th>
              <td className="px-4 py-3 text-right font-semibold tabular-nums" data-testid="calibration-pairs">
                {row.pairs}
              </td>
              <td className="px-4 py-3 text-zinc-600 tabular-nums dark:text-zinc-400">
                {row.pairs === 0 ? "—" : `${row.overridden} · ${row.confirmed}`}
              </td>
              <Stats stats={row} />
            </tr>
          ))}
        </tbody>
        {rows.length > 0 && (
          <tfoot className="border-t border-zinc-200 bg-zinc-50/70 dark:border-zinc-800 dark:bg-zinc-900/60">
            <tr>
              <th scope="row" className="px-4 py-3 font-medium">
                All dimensions pooled
              </th>
              <td className="px-4 py-3 text-right font-semibold tabular-nums" data-testid="calibration-pairs-total">
                {overall.pairs}
              </td>
              <td className="px-4 py-3" />
              <Stats stats={overall} />
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function Stats({ stats }: { stats: AgreementStats }) {
  if (stats.pairs === 0) {
    return (
      <td colSpan={5} className="px-4 py-3 text-right text-xs text-zinc-400 dark:text-zinc-500">
        no pairs yet
      </td>
    );
  }
  return (
    <>
      <Cell value={stats.quadraticWeightedKappa} format={(v) => v.toFixed(2)} tone={kappaTone} label="QWK" />
      <Cell value={stats.spearman} format={(v) => v.toFixed(2)} label="Spearman" />
      <Cell
        value={stats.meanBias}
        format={(v) => `${v > 0 ? "+" : ""}${v.toFixed(2)}`}
        tone={(v) => (Math.abs(v) >= 0.5 ? "text-amber-700 dark:text-amber-400" : "")}
        label="Mean bias"
      />
      <Cell value={stats.exactAgreement} format={percent} label="Exact" />
      <Cell value={stats.withinOne} format={percent} label="Within one" />
    </>
  );
}

function Cell({
  value,
  format,
  tone,
  label,
}: {
  value: number | null;
  format: (v: number) => string;
  tone?: (v: number) => string;
  label: string;
}) {
  return (
    <td className={cn("px-4 py-3 text-right tabular-nums", value !== null && tone?.(value))} data-stat={label}>
      {value === null ? (
        <span className="text-xs whitespace-nowrap text-zinc-400 dark:text-zinc-500">not enough pairs</span>
      ) : (
        format(value)
      )}
    </td>
  );
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Conventional bands (Landis & Koch): ≥ 0.8 almost perfect, ≥ 0.6 substantial, ≥ 0.4 moderate. */
function kappaTone(v: number): string {
  if (v >= 0.8) return "text-emerald-700 dark:text-emerald-400";
  if (v >= 0.6) return "text-lime-700 dark:text-lime-400";
  if (v >= 0.4) return "text-amber-700 dark:text-amber-400";
  return "text-rose-700 dark:text-rose-400";
}
