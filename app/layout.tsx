import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { SiteNav } from "@/components/site-nav";
import { ThemeScript } from "@/components/theme-script";
import { ThemeToggle } from "@/components/theme-toggle";
import { optionalPageUser } from "@/lib/auth";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tradeoff — GenAI system design interview practice", template: "%s · Tradeoff" },
  description:
    "Timed mock Generative-AI system design interviews with an AI interviewer, a whiteboard, constraint-change curveballs and a rubric score with evidence.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await optionalPageUser();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="flex min-h-dvh flex-col font-sans">
        <header className="sticky top-0 z-30 border-b border-zinc-200/80 bg-zinc-50/80 backdrop-blur dark:border-zinc-800/80 dark:bg-zinc-950/80">
          <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6">
            <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
              <Logo />
              Tradeoff
            </Link>
            <SiteNav role={user?.role ?? null} />
            <div className="ml-auto flex items-center gap-2">
              <ThemeToggle />
              <UserMenu user={user && { name: user.name, email: user.email, role: user.role, local: user.local }} />
            </div>
          </div>
        </header>
        <main className="flex-1">{children}</main>
        <footer className="border-t border-zinc-200 py-6 text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-500">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 sm:px-6">
            <span>
              Tradeoff — practise GenAI system design interviews. Self-hosted; your data stays on your server.
            </span>
            <a href="/api/health" className="hover:text-zinc-800 dark:hover:text-zinc-300">
              Status
            </a>
          </div>
        </footer>
      </body>
    </html>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
      <rect width="24" height="24" rx="6" className="fill-accent-600 dark:fill-accent-500" />
      <path
        d="M6 15.5 10.5 11l3 3L18 8.5"
        fill="none"
        stroke="white"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="18" cy="8.5" r="1.6" fill="white" />
    </svg>
  );
}
