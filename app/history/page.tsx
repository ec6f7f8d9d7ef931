import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Sparkline } from "@/components/report/sparkline";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth";
import { loadHistory } from "@/lib/scoring/history";

export const metadata: Metadata = { title: "Your interviews" };

export default async function HistoryPage() {
  await connection();
  const { db, user } = await requirePageUser("/history");
  const { rows, trends } = await loadHistory(db.prisma, user.id);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your interviews</h1>
      {rows.length === 0 ? (
        <div className="mt-8 rounded-xl border border-dashed border-zinc-300 p-12 text-center dark:border-zinc-700">
          <p className="font-medium">No interviews yet.</p>
          <p className="mt-1 text-sm text-zinc-500">Pick a prompt and run your first mock interview.</p>
          <ButtonLink href="/practice" className="mt-4">
            Browse practice prompts
          </ButtonLink>
        </div>
      ) : (
        <>
          {trends.length > 0 && (
            <section className="mt-8" aria-labelledby="trends-heading">
              <h2 id="trends-heading" className="text-lg font-semibold">
                Progress by dimension
              </h2>
              <p className="mt-1 text-sm text-zinc-500">
                Levels (1–4) across your scored interviews, oldest to newest.
              </p>
              <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                {trends.map((t) => {
                  const assessed = t.points.filter((p) => p.level !== null);
                  const last = assessed.at(-1)?.level ?? null;
                  const first = assessed[0]?.level ?? null;
                  return (
                    <li
                      key={t.key}
                      className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
                      data-dimension={t.key}
                    >
                      <div className="flex items-baseline justify-between gap-2">
                        <span className="text-sm font-medium">{t.title}</span>
                        <span className="text-sm text-zinc-500 tabular-nums">
                          {last ?? "—"}
                          {last !== null && first !== null && assessed.length > 1 && last !== first && (
                            <span className={last > first ? "text-emerald-600" : "text-rose-600"}>
                              {" "}
                              {last > first ? "▲" : "▼"}
                            </span>
                          )}
                        </span>
                      </div>
                      <Sparkline values={t.points.map((p) => p.level)} label={`${t.title} across interviews`} />
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          <section className="mt-10" aria-labelledby="list-heading">
            <h2 id="list-heading" className="text-lg font-semibold">
              All interviews
            </h2>
            <div className="mt-4 overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
              <table className="w-full text-left text-sm">
                <thead className="bg-zinc-100 text-xs text-zinc-500 uppercase dark:bg-zinc-900">
                  <tr>
                    <th className="px-4 py-2 font-medium">Date</th>
                    <th className="px-4 py-2 font-medium">Prompt</th>
                    <th className="px-4 py-2 font-medium">Level</th>
                    <th className="px-4 py-2 font-medium">Result</th>
                    <th className="px-4 py-2 text-right font-medium">Score</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td className="px-4 py-2 whitespace-nowrap text-zinc-500">
                        {new Date(r.startedAt).toLocaleDateString(undefined, { dateStyle: "medium" })}
                      </td>
                      <td className="px-4 py-2">
                        <Link
                          href={r.status === "active" ? `/interviews/${r.id}` : `/interviews/${r.id}/report`}
                          className="hover:text-accent-700 dark:hover:text-accent-300 font-medium"
                        >
                          {r.promptTitle}
                        </Link>
                        <span className="ml-2 text-xs text-zinc-500">{r.durationMinutes} min</span>
                      </td>
                      <td className="px-4 py-2 capitalize">{r.level}</td>
                      <td className="px-4 py-2">
                        {r.status === "active" ? (
                          <Badge tone="accent">In progress</Badge>
                        ) : r.report?.status === "complete" ? (
                          <span>{sentenceCase(r.report.verdict ?? "scored")}</span>
                        ) : r.report?.status === "incomplete" ? (
                          <Badge tone="amber">Incomplete</Badge>
                        ) : (
                          <Badge>Scoring…</Badge>
                        )}
                      </td>
                      <td className="px-4 py-2 text-right tabular-nums">
                        {r.report?.weightedScore != null ? r.report.weightedScore.toFixed(1) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
