import { ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

/** Breadcrumbs, title and actions at the top of every admin content page. */
export function AdminPageHeader({
  crumbs,
  title,
  description,
  badges,
  actions,
}: {
  crumbs: { href: string; label: string }[];
  title: ReactNode;
  description?: ReactNode;
  badges?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header>
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1 text-sm text-zinc-500">
          {crumbs.map((c, i) => (
            <li key={c.href} className="flex items-center gap-1">
              {i > 0 && <ChevronRight className="size-3.5 text-zinc-400" aria-hidden />}
              <Link href={c.href} className="hover:text-zinc-900 dark:hover:text-zinc-100">
                {c.label}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <div className="mt-3 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-balance sm:text-3xl">{title}</h1>
          {badges && <div className="mt-2 flex flex-wrap items-center gap-2">{badges}</div>}
          {description && <p className="mt-2 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{description}</p>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
    </header>
  );
}
