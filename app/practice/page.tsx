import type { Metadata } from "next";
import { connection } from "next/server";
import { CatalogueBrowser } from "@/components/catalogue/catalogue-browser";
import { filterFromParams } from "@/lib/content/catalogue-filter";
import { listPromptCards } from "@/lib/content/repository";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Practice prompts" };

export default async function PracticePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const db = await getDb();
  const [cards, params] = await Promise.all([listPromptCards(db.prisma), searchParams]);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Practice prompts</h1>
      <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">
        Open-ended GenAI system design questions of the kind asked at AI companies. Pick one, choose a framework and a
        length, and the interviewer takes it from there.
      </p>
      <CatalogueBrowser cards={cards} initialFilter={filterFromParams(params)} />
    </div>
  );
}
