import type { Metadata } from "next";
import Link from "next/link";
import { BarChart3, BookOpen, ScrollText, UserCog, Users } from "lucide-react";
import { requirePageRole } from "@/lib/auth";

export const metadata: Metadata = { title: "Admin" };

const sections = [
  {
    href: "/admin/content",
    title: "Question bank",
    text: "Prompts, frameworks and rubrics: edit, version, archive, import and export.",
    icon: BookOpen,
  },
  {
    href: "/admin/users",
    title: "Users and quotas",
    text: "Roles, monthly token quotas and request rate limits.",
    icon: UserCog,
  },
  { href: "/admin/assignments", title: "Coach assignments", text: "Which coach reviews which candidate.", icon: Users },
  {
    href: "/admin/usage",
    title: "Usage and cost",
    text: "Tokens and cost by day, model, user and purpose; latency percentiles.",
    icon: BarChart3,
  },
  {
    href: "/admin/audit",
    title: "Audit log",
    text: "Every change to content, users and assignments: who, what, when.",
    icon: ScrollText,
  },
];

export default async function AdminHome() {
  await requirePageRole("/admin", "ADMIN");
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Admin</h1>
      <p className="mt-1 text-sm text-zinc-500">
        Run this Tradeoff server: its question bank, its people and its costs.
      </p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map(({ href, title, text, icon: Icon }) => (
          <li key={href}>
            <Link
              href={href}
              className="hover:border-accent-400 dark:hover:border-accent-600 flex h-full flex-col rounded-xl border border-zinc-200 bg-white p-5 transition hover:shadow-sm dark:border-zinc-800 dark:bg-zinc-900/60"
            >
              <Icon className="text-accent-600 dark:text-accent-400 size-5" aria-hidden />
              <span className="mt-3 font-medium">{title}</span>
              <span className="mt-1 text-sm text-zinc-500">{text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
