import type { Info } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A one-paragraph message box: what is true about this item, or what just happened. */
export function Notice({
  tone,
  icon: Icon,
  children,
}: {
  tone: "info" | "warn" | "error" | "success";
  icon: typeof Info;
  children: ReactNode;
}) {
  return (
    <div
      className={cn(
        "flex items-start gap-2.5 rounded-xl border px-4 py-3 text-sm",
        tone === "info" && "border-accent-200 bg-accent-50/70 text-accent-950 dark:border-accent-900 dark:bg-accent-950/30 dark:text-accent-100",
        tone === "warn" && "border-amber-200 bg-amber-50/80 text-amber-950 dark:border-amber-900 dark:bg-amber-950/30 dark:text-amber-100",
        tone === "error" && "border-rose-200 bg-rose-50/80 text-rose-950 dark:border-rose-900 dark:bg-rose-950/30 dark:text-rose-100",
        tone === "success" && "border-emerald-200 bg-emerald-50/80 text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/30 dark:text-emerald-100",
      )}
      role={tone === "error" ? "alert" : "status"}
    >
      <Icon className="mt-0.5 size-4 shrink-0 opacity-80" aria-hidden />
      <div className="min-w-0">{children}</div>
    </div>
  );
}

