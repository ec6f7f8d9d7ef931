import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { Markdown } from "@/components/markdown";
import { StartPanel, type FrameworkOption } from "@/components/practice/start-panel";
import { Badge } from "@/components/ui/badge";
import { difficultyLabel, domainLabel } from "@/lib/content/labels";
import { getLatestPrompt, listLatestFrameworks } from "@/lib/content/repository";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createLlmRegistry, llmConfigFromEnv } from "@/lib/llm";

type Params = { params: Promise<{ slug: string }> };

const loadPrompt = cache(async (slug: string) => getLatestPrompt((await getDb()).prisma, slug));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await connection();
  const prompt = await loadPrompt((await params).slug);
  return { title: prompt?.content.title ?? "Prompt not found" };
}

export default async function PromptPage({ params }: Params) {
  await connection();
  const { slug } = await params;
  const [prompt, frameworks] = await Promise.all([
    loadPrompt(slug),
    getDb().then((db) => listLatestFrameworks(db.prisma)),
  ]);
  if (!prompt) notFound();
  const { content } = prompt;

  // Only what the candidate may see: never the fact sheet, probes, curveballs or reference outline.
  const frameworkOptions: FrameworkOption[] = frameworks.map(({ content: fw }) => ({
    slug: fw.slug,
    title: fw.title,
    summary: fw.summary,
    steps: fw.steps.map((s) => ({
      key: s.key,
      title: s.title,
      minutes: s.minutes,
      goal: s.goal,
      keyQuestions: s.keyQuestions,
    })),
  }));

  const registry = createLlmRegistry(llmConfigFromEnv(getEnv()));
  const models = registry.options.map((o) => ({ id: o.id, label: o.label }));
  // The nine-step framework is the one written for GenAI systems; fall back to the first.
  const defaultFramework =
    frameworkOptions.find((f) => f.slug === "nine-step")?.slug ?? frameworkOptions[0]?.slug ?? "";

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <Link
        href="/practice"
        className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        <ChevronLeft className="size-4" aria-hidden /> All prompts
      </Link>
      <div className="mt-4 grid gap-x-8 gap-y-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <article className="lg:col-start-1 lg:row-start-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="accent">{domainLabel(content.domain)}</Badge>
            <Badge>{difficultyLabel(content.difficulty)}</Badge>
            {content.companies.map((c) => (
              <Badge key={c}>{c}</Badge>
            ))}
          </div>
          <h1 className="mt-3 text-3xl font-semibold tracking-tight text-balance">{content.title}</h1>
          <p className="mt-2 text-lg text-zinc-600 dark:text-zinc-400">{content.summary}</p>

          <section
            className="mt-8 rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900/60"
            aria-labelledby="brief"
          >
            <h2 id="brief" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
              The brief
            </h2>
            <Markdown className="mt-3">{content.brief}</Markdown>
            <p className="mt-5 border-t border-zinc-100 pt-4 text-sm text-zinc-500 dark:border-zinc-800">
              The brief is open on purpose. The interviewer has the numbers (users, traffic, latency targets, budget,
              data rules) and gives them when you ask.
            </p>
          </section>
        </article>
        <StartPanel
          promptSlug={content.slug}
          frameworks={frameworkOptions}
          defaultFramework={defaultFramework}
          models={models}
          defaultModel={registry.defaultId}
        />
      </div>
    </div>
  );
}
