"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { cn } from "@/components/ui/cn";

/**
 * A select bound to one query-string parameter: changing it navigates (filters live in the URL, so a
 * filtered view can be bookmarked and shared). Changing a filter goes back to page 1.
 */
export function UrlSelect({
  param,
  label,
  value,
  options,
  allLabel,
  className,
}: {
  param: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  allLabel: string;
  className?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  return (
    <label className={cn("flex flex-col gap-1 text-xs font-medium text-zinc-500", className)}>
      {label}
      <select
        value={value}
        onChange={(event) => {
          const next = new URLSearchParams(search);
          if (event.target.value) next.set(param, event.target.value);
          else next.delete(param);
          next.delete("page");
          router.push(`${pathname}${next.size ? `?${next}` : ""}`);
        }}
        className="focus:border-accent-500 h-9 rounded-lg border border-zinc-300 bg-white px-2.5 text-sm font-normal text-zinc-900 shadow-sm outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A date input bound to one query-string parameter. */
export function UrlDate({ param, label, value }: { param: string; label: string; value: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-zinc-500">
      {label}
      <input
        type="date"
        defaultValue={value}
        onChange={(event) => {
          const next = new URLSearchParams(search);
          if (event.target.value) next.set(param, event.target.value);
          else next.delete(param);
          next.delete("page");
          router.push(`${pathname}${next.size ? `?${next}` : ""}`);
        }}
        className="focus:border-accent-500 h-9 rounded-lg border border-zinc-300 bg-white px-2.5 text-sm font-normal text-zinc-900 shadow-sm outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:[color-scheme:dark]"
      />
    </label>
  );
}
