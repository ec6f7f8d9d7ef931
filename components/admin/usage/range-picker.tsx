import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** Last 7 / 30 / 90 days as links (the page is rendered on the server for the chosen range). */
export function RangePicker({ days, options }: { days: number; options: readonly number[] }) {
  return (
    <nav
      aria-label="Date range"
      className="inline-flex rounded-lg border border-zinc-200 bg-zinc-100 p-0.5 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      {options.map((d) => (
        <Link
          key={d}
          href={`/admin/usage?days=${d}`}
          aria-current={d === days ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1 font-medium transition",
            d === days
              ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-700 dark:text-zinc-50"
              : "text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100",
          )}
        >
          {d} days
        </Link>
      ))}
    </nav>
  );
}
