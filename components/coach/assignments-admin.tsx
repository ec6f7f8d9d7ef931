"use client";

import { Loader2, Trash2, UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDate } from "./format";

type Person = { id: string; name: string; email: string };
type Assignment = { id: string; coach: Person; candidate: Person; createdAt: string };

const selectClass =
  "focus:border-accent-500 h-10 w-full rounded-lg border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

async function problemOf(response: Response): Promise<string | null> {
  if (response.ok) return null;
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

/** Admin: pick a candidate and a coach to assign them to; list and remove assignments. */
export function AssignmentsAdmin({
  assignments,
  coaches,
  candidates,
}: {
  assignments: Assignment[];
  coaches: (Person & { role: string })[];
  candidates: Person[];
}) {
  const router = useRouter();
  const [candidateId, setCandidateId] = useState("");
  const [coachId, setCoachId] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const byCoach = useMemo(() => {
    const groups = new Map<string, { coach: Person; rows: Assignment[] }>();
    for (const a of assignments) {
      const group = groups.get(a.coach.id) ?? { coach: a.coach, rows: [] };
      group.rows.push(a);
      groups.set(a.coach.id, group);
    }
    return [...groups.values()];
  }, [assignments]);

  const assign = async () => {
    setBusy("assign");
    setError(null);
    setNotice(null);
    try {
      const response = await fetch("/api/admin/assignments", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ coachId, candidateId }),
      });
      const problem = await problemOf(response);
      if (problem) setError(problem);
      else {
        const coach = coaches.find((c) => c.id === coachId)?.name;
        const candidate = candidates.find((c) => c.id === candidateId)?.name;
        setNotice(`${candidate} is now assigned to ${coach}.`);
        setCandidateId("");
        router.refresh();
      }
    } catch {
      setError("Could not reach the server. Try again.");
    }
    setBusy(null);
  };

  const remove = async (a: Assignment) => {
    setBusy(a.id);
    setError(null);
    setNotice(null);
    try {
      const problem = await problemOf(await fetch(`/api/admin/assignments/${a.id}`, { method: "DELETE" }));
      if (problem) setError(problem);
      else {
        setNotice(`${a.candidate.name} is no longer assigned to ${a.coach.name}.`);
        router.refresh();
      }
    } catch {
      setError("Could not reach the server. Try again.");
    }
    setBusy(null);
  };

  return (
    <>
      <form
        className="mt-6 rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
        aria-labelledby="assign-heading"
        data-testid="assignment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void assign();
        }}
      >
        <h2 id="assign-heading" className="font-medium">
          Assign a candidate to a coach
        </h2>
        <p className="mt-1 text-sm text-zinc-500">
          The coach then sees every interview of the candidate in their review queue, past and future.
        </p>
        <div className="mt-4 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Candidate
            <select
              value={candidateId}
              onChange={(e) => setCandidateId(e.target.value)}
              className={selectClass}
              required
            >
              <option value="">Choose a candidate…</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.email})
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Coach
            <select value={coachId} onChange={(e) => setCoachId(e.target.value)} className={selectClass} required>
              <option value="">Choose a coach…</option>
              {coaches.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.email}){c.role === "ADMIN" ? " · admin" : ""}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" disabled={!candidateId || !coachId || busy !== null} className="h-10">
            {busy === "assign" ? (
              <Loader2 className="size-4 animate-spin" aria-hidden />
            ) : (
              <UserPlus className="size-4" aria-hidden />
            )}
            Assign
          </Button>
        </div>
        {candidates.length === 0 && <p className="mt-3 text-sm text-zinc-500">No candidates have signed up yet.</p>}
        {coaches.length === 0 && (
          <p className="mt-3 text-sm text-zinc-500">
            Nobody has the coach role yet: give someone the role under Users.
          </p>
        )}
        <div aria-live="polite">
          {error && (
            <p className="mt-3 text-sm text-rose-700 dark:text-rose-400" role="alert">
              {error}
            </p>
          )}
          {notice && <p className="mt-3 text-sm text-emerald-700 dark:text-emerald-400">{notice}</p>}
        </div>
      </form>

      <section className="mt-8" aria-labelledby="assignments-heading">
        <h2 id="assignments-heading" className="text-lg font-semibold">
          Assignments
        </h2>
        {byCoach.length === 0 ? (
          <div className="mt-3 rounded-xl border border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-500 dark:border-zinc-700">
            No candidate is assigned to a coach yet.
          </div>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            <table className="w-full text-left text-sm" data-testid="assignments-table">
              <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900/60">
                <tr>
                  <th className="px-4 py-2.5 font-medium">Coach</th>
                  <th className="px-4 py-2.5 font-medium">Candidate</th>
                  <th className="px-4 py-2.5 font-medium">Since</th>
                  <th className="px-4 py-2.5">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {byCoach.flatMap(({ coach, rows }) =>
                  rows.map((a, i) => (
                    <tr key={a.id} data-testid="assignment-row">
                      {i === 0 && (
                        <td
                          rowSpan={rows.length}
                          className="border-r border-zinc-100 px-4 py-3 align-top dark:border-zinc-800"
                        >
                          <div className="font-medium">{coach.name}</div>
                          <div className="text-xs text-zinc-500">{coach.email}</div>
                          <div className="mt-1 text-xs text-zinc-500">
                            {rows.length} candidate{rows.length === 1 ? "" : "s"}
                          </div>
                        </td>
                      )}
                      <td className="px-4 py-3">
                        <div>{a.candidate.name}</div>
                        <div className="text-xs text-zinc-500">{a.candidate.email}</div>
                      </td>
                      <td className="px-4 py-3 text-zinc-600 tabular-nums dark:text-zinc-400">
                        {formatDate(a.createdAt)}
                      </td>
                      <td className="px-4 py-3 text-right">
                        <Button
                          variant="ghost"
                          size="sm"
                          disabled={busy !== null}
                          onClick={() => void remove(a)}
                          aria-label={`Remove ${a.candidate.name} from ${a.coach.name}`}
                        >
                          {busy === a.id ? (
                            <Loader2 className="size-3.5 animate-spin" aria-hidden />
                          ) : (
                            <Trash2 className="size-3.5" aria-hidden />
                          )}
                          Remove
                        </Button>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
