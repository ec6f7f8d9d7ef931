"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./ui/cn";

type Role = "CANDIDATE" | "COACH" | "ADMIN";

const links: Array<{ href: string; label: string; roles?: Role[] }> = [
  { href: "/practice", label: "Practice" },
  { href: "/history", label: "Your interviews" },
  { href: "/coach", label: "Coach", roles: ["COACH", "ADMIN"] },
  { href: "/admin", label: "Admin", roles: ["ADMIN"] },
];

/** The main links; coach and admin areas appear for those roles only (the server enforces it anyway). */
export function SiteNav({ role }: { role: Role | null }) {
  const pathname = usePathname();
  const visible = links.filter((link) => !link.roles || (role !== null && link.roles.includes(role)));
  return (
    <nav className="flex items-center gap-1 text-sm">
      {visible.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 transition",
              active
                ? "bg-zinc-200/70 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
                : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
