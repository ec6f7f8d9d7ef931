import { cn } from "@/components/ui/cn";
import { formatCompact, formatPercent } from "@/components/admin/usage/format";

/** Tokens used this month against the quota in force (null = unlimited). */
export function UsageBar({ used, quota }: { used: number; quota: number | null }) {
  if (quota === null) {
    return (
      <div className="text-xs tabular-nums">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{formatCompact(used)}</span>
        <span className="text-zinc-500"> tokens · no limit</span>
      </div>
    );
  }
  const share = used / quota;
  return (
    <div className="min-w-40">
      <div className="flex items-baseline justify-between gap-2 text-xs tabular-nums">
        <span>
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{formatCompact(used)}</span>
          <span className="text-zinc-500"> / {formatCompact(quota)}</span>
        </span>
        <span
          className={cn(
            share >= 1
              ? "font-medium text-rose-600 dark:text-rose-400"
              : share >= 0.8
                ? "text-amber-600"
                : "text-zinc-500",
          )}
        >
          {share >= 1 ? "quota reached" : formatPercent(used, quota)}
        </span>
      </div>
      <div
        className="mt-1 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={quota}
        aria-valuenow={Math.min(used, quota)}
        aria-label="Tokens used this month"
      >
        <div
          className={cn(
            "h-full rounded-full",
            share >= 1 ? "bg-rose-500" : share >= 0.8 ? "bg-amber-500" : "bg-accent-500 dark:bg-accent-400",
          )}
          style={{ width: `${Math.min(1, share) * 100}%`, minWidth: used > 0 ? 2 : 0 }}
        />
      </div>
    </div>
  );
}
