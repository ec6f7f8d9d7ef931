import { ArrowRight, Gauge, MessagesSquare, PenTool, ScrollText, ServerCog, Shuffle } from "lucide-react";
import { connection } from "next/server";
import { ButtonLink } from "@/components/ui/button";
import { listLatestFrameworks, listPromptCards } from "@/lib/content/repository";
import { DOMAIN_LABELS } from "@/lib/content/labels";
import { getDb } from "@/lib/db";

const features = [
  {
    icon: MessagesSquare,
    title: "An interviewer that pushes back",
    body: "Answers clarifying questions with real numbers, probes for the KV cache, the eval plan and the failure modes, and never hands you the design.",
  },
  {
    icon: Shuffle,
    title: "Curveballs, scored by what changed",
    body: "“Model costs just tripled.” “Legal says no third-party APIs.” Each prompt has its own constraint changes; your adaptation is part of the score.",
  },
  {
    icon: PenTool,
    title: "A whiteboard it reads",
    body: "Draw the architecture in Excalidraw. The interviewer sees what you add and asks about it, the way a person across the table would.",
  },
  {
    icon: ScrollText,
    title: "Feedback with evidence",
    body: "Every judgment on the GenAI rubric cites a line you said or a box you drew, with a level verdict for mid, senior or staff.",
  },
  {
    icon: Gauge,
    title: "Time like the real thing",
    body: "A server-owned clock, phases from the framework you choose, and nudges when you overstay requirements or run out of time for trade-offs.",
  },
  {
    icon: ServerCog,
    title: "Yours to host",
    body: "Bring an Anthropic or OpenAI key, point it at a local model, or use no key at all: the built-in offline interviewer works anywhere.",
  },
];

export default async function HomePage() {
  await connection();
  const db = await getDb();
  const [prompts, frameworks] = await Promise.all([listPromptCards(db.prisma), listLatestFrameworks(db.prisma)]);
  const domains = new Set(prompts.map((p) => p.domain));

  return (
    <div>
      <section className="relative overflow-hidden border-b border-zinc-200 dark:border-zinc-800">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top,var(--color-accent-100),transparent_60%)] dark:bg-[radial-gradient(ellipse_at_top,color-mix(in_oklab,var(--color-accent-900)_45%,transparent),transparent_60%)]"
        />
        <div className="relative mx-auto max-w-6xl px-4 py-20 sm:px-6 sm:py-28">
          <p className="text-accent-700 dark:text-accent-300 text-sm font-medium">
            GenAI system design interview practice
          </p>
          <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Rehearse the interview where every answer is a trade-off.
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-pretty text-zinc-600 dark:text-zinc-400">
            Timed mock interviews for LLM-powered systems: an AI interviewer with a private fact sheet, constraint
            changes mid-design, a whiteboard, and a rubric score that shows its evidence.
          </p>
          <div className="mt-8 flex flex-wrap items-center gap-3">
            <ButtonLink href="/practice" size="lg">
              Browse practice prompts <ArrowRight className="size-4" aria-hidden />
            </ButtonLink>
          </div>
          <dl className="mt-12 grid max-w-xl grid-cols-3 gap-6">
            <Stat label="practice prompts" value={prompts.length} />
            <Stat label="frameworks" value={frameworks.length} />
            <Stat label="domains" value={domains.size} />
          </dl>
        </div>
      </section>

      <section className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 className="text-2xl font-semibold tracking-tight">What a session looks like</h2>
        <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {features.map(({ icon: Icon, title, body }) => (
            <div
              key={title}
              className="rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900/60"
            >
              <Icon className="text-accent-600 dark:text-accent-400 size-5" aria-hidden />
              <h3 className="mt-3 font-medium">{title}</h3>
              <p className="mt-1.5 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{body}</p>
            </div>
          ))}
        </div>
        {domains.size > 0 && (
          <p className="mt-10 text-sm text-zinc-500">
            Prompts span{" "}
            {[...domains]
              .map((d) => DOMAIN_LABELS[d as keyof typeof DOMAIN_LABELS] ?? d)
              .sort()
              .join(" · ")}
            .
          </p>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
