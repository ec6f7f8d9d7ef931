"use client";

import {
  AlertTriangle,
  ArrowLeft,
  Calculator,
  CheckCircle2,
  Clock3,
  Download,
  FileText,
  Flag,
  Lightbulb,
  Loader2,
  Printer,
  RotateCw,
  ShieldAlert,
  Shuffle,
  XCircle,
} from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { RoomMessage } from "@/lib/interview/room";
import type { ReportView as ReportData } from "@/lib/scoring/reports";
import type { DiagramGraph } from "@/lib/diagram";
import type { DimensionResult, Evidence, ReportBody } from "@/lib/scoring/types";
import type { CommentView, ReportReviews } from "@/lib/review/types";
import { BoardSketch } from "./board-sketch";
import {
  CoachComments,
  CoachOverrideNote,
  CoachReviewBanners,
  CommentedText,
  MessageComments,
  overridesByDimension,
} from "./coach-review";
import { ShareWithCoach } from "./share-with-coach";

interface Props {
  interview: {
    id: string;
    title: string;
    slug: string;
    level: string;
    mode: string;
    durationMinutes: number;
    startedAt: string;
    model: string;
  };
  report: ReportData | null;
  transcript: RoomMessage[];
  rubric: { key: string; title: string; levels: { level: number; label: string; anchor: string }[] }[];
  referenceOutline: Record<string, (string | { quantity: string; arithmetic: string })[]>;
  /** The board at the end, and at the moment each curveball (by key) was issued. */
  finalBoard: DiagramGraph | null;
  boardBefore: Record<string, DiagramGraph | null>;
  /** Coach reviews of the latest report and coach comments (empty when nobody reviewed it). */
  coachReview?: ReportReviews;
  /** The viewer is the candidate: they may share the interview with a coach. */
  canShare?: boolean;
}

const verdictTone: Record<string, string> = {
  "strong hire": "bg-emerald-600 text-white",
  hire: "bg-emerald-500 text-white",
  "lean hire": "bg-lime-500 text-zinc-950",
  "lean no hire": "bg-amber-500 text-zinc-950",
  "no hire": "bg-rose-600 text-white",
};
const levelTone = [
  "",
  "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
  "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  "bg-lime-100 text-lime-900 dark:bg-lime-950 dark:text-lime-200",
  "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
];

/** The report: verdict, every dimension with the evidence behind it, findings, and the transcript the evidence points into. */
export function ReportView({
  interview,
  report,
  transcript,
  rubric,
  referenceOutline,
  finalBoard,
  boardBefore,
  coachReview = { reviews: [], comments: [] },
  canShare = false,
}: Props) {
  const router = useRouter();
  const [highlight, setHighlight] = useState<{ messageId: string; quote: string } | null>(null);
  const [boardHighlight, setBoardHighlight] = useState<string[]>([]);
  const [retrying, setRetrying] = useState(false);

  // Pending (or not requested yet): poll until the background job has finished.
  useEffect(() => {
    if (report && report.status !== "pending") return;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/interviews/${interview.id}/report`, { cache: "no-store" });
      const latest = (await response.json()) as ReportData | null;
      if (latest && latest.status !== "pending") router.refresh();
    }, 1500);
    return () => clearInterval(timer);
  }, [report, interview.id, router]);

  // Printing shows every collapsed section (a closed <details> prints only its summary).
  useEffect(() => {
    const openAll = () => document.querySelectorAll("details").forEach((d) => (d.open = true));
    window.addEventListener("beforeprint", openAll);
    return () => window.removeEventListener("beforeprint", openAll);
  }, []);

  const retry = async () => {
    setRetrying(true);
    await fetch(`/api/interviews/${interview.id}/report`, { method: "POST" });
    router.refresh();
    setRetrying(false);
  };

  const showNode = (nodeId: string) => {
    setBoardHighlight([nodeId]);
    document.getElementById("board")?.scrollIntoView({ behavior: "smooth", block: "center" });
  };

  const showEvidence = (e: Extract<Evidence, { kind: "quote" }>) => {
    setHighlight({ messageId: e.messageId, quote: e.quote });
    document.getElementById(`m-${e.messageId}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
  };

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 print:max-w-none print:px-0 print:py-0">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link
          href={`/interviews/${interview.id}`}
          className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
        >
          <ArrowLeft className="size-4" aria-hidden /> Back to the interview
        </Link>
        <div className="flex gap-2">
          {canShare && <ShareWithCoach interviewId={interview.id} />}
          <Button variant="secondary" size="sm" onClick={() => window.print()}>
            <Printer className="size-4" aria-hidden /> Print
          </Button>
          <a
            className={buttonClasses({ variant: "secondary", size: "sm" })}
            href={`/api/interviews/${interview.id}/report.md`}
          >
            <FileText className="size-4" aria-hidden /> Markdown
          </a>
          <a
            className={buttonClasses({ variant: "secondary", size: "sm" })}
            href={`/api/interviews/${interview.id}/export`}
          >
            <Download className="size-4" aria-hidden /> Interview JSON
          </a>
        </div>
      </div>

      <header className="mt-6">
        <p className="text-sm text-zinc-500">
          {new Date(interview.startedAt).toLocaleDateString(undefined, { dateStyle: "medium" })} ·{" "}
          {interview.durationMinutes} min · {interview.level} level · {interview.mode} mode
        </p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight text-balance">{interview.title}</h1>
      </header>

      <CoachReviewBanners {...coachReview} />

      {!report || report.status === "pending" ? (
        <div
          className="mt-8 flex items-center gap-3 rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
          role="status"
        >
          <Loader2 className="text-accent-600 size-5 animate-spin" aria-hidden />
          <div>
            <p className="font-medium">Scoring your interview…</p>
            <p className="text-sm text-zinc-500">
              Every judgment is checked against what you said and drew. This page updates by itself.
            </p>
          </div>
        </div>
      ) : report.status === "incomplete" ? (
        <div
          className="mt-8 rounded-xl border border-amber-300 bg-amber-50 p-6 dark:border-amber-800 dark:bg-amber-950/40"
          role="alert"
        >
          <p className="flex items-center gap-2 font-medium text-amber-900 dark:text-amber-200">
            <AlertTriangle className="size-5" aria-hidden /> This report is incomplete
          </p>
          <p className="mt-2 text-sm text-amber-900/90 dark:text-amber-200/90">{report.failureReason}</p>
          <p className="mt-1 text-sm text-amber-900/70 dark:text-amber-200/70">
            No score was made up: an incomplete report has no numbers at all.
          </p>
          <Button className="mt-4" size="sm" onClick={retry} disabled={retrying}>
            <RotateCw className={cn("size-4", retrying && "animate-spin")} aria-hidden /> Retry scoring
          </Button>
        </div>
      ) : (
        report.body && (
          <CompleteReport
            body={report.body}
            rubric={rubric}
            referenceOutline={referenceOutline}
            onQuote={showEvidence}
            onNode={showNode}
            finalBoard={finalBoard}
            boardBefore={boardBefore}
            overrides={overridesByDimension(coachReview.reviews)}
          />
        )
      )}

      <CoachComments
        comments={coachReview.comments}
        finalBoard={finalBoard}
        onMessage={(messageId, quote) => showEvidence({ kind: "quote", messageId, quote })}
        onNode={showNode}
      />

      <section id="board" className="mt-10 scroll-mt-24 break-inside-avoid" aria-labelledby="board-heading">
        <h2 id="board-heading" className="text-xl font-semibold tracking-tight">
          Your board
        </h2>
        <p className="mt-1 text-sm text-zinc-500">
          As it was at the end{boardHighlight.length > 0 ? "; the cited component is highlighted" : ""}.
        </p>
        <BoardSketch
          graph={finalBoard}
          highlight={boardHighlight}
          className="mt-4 max-h-[32rem] border border-zinc-200 dark:border-zinc-800"
          label="The final board"
        />
      </section>

      <section className="mt-10 break-before-page" aria-labelledby="transcript-heading">
        <h2 id="transcript-heading" className="text-xl font-semibold tracking-tight">
          Transcript
        </h2>
        <ol className="mt-4 space-y-3">
          {transcript.map((m) => (
            <li
              key={m.id}
              id={`m-${m.id}`}
              className={cn(
                "scroll-mt-24 rounded-lg px-3 py-2 text-sm",
                m.role === "candidate"
                  ? "bg-accent-50 dark:bg-accent-950/30"
                  : "bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800",
                highlight?.messageId === m.id && "ring-accent-500 ring-2",
              )}
            >
              <div className="mb-1 flex items-center gap-2 text-xs text-zinc-500">
                <span className="font-medium capitalize">
                  {m.role === "candidate" ? "You" : m.kind === "chat" ? "Interviewer" : `Interviewer · ${m.kind}`}
                </span>
                <span className="tabular-nums">{formatTime(m.atSeconds)}</span>
              </div>
              <p className="whitespace-pre-wrap">
                {highlight?.messageId === m.id ? (
                  <Highlighted text={m.content} quote={highlight.quote} />
                ) : (
                  <CommentedText text={m.content} comments={commentsOn(coachReview.comments, m.id)} />
                )}
              </p>
              <MessageComments comments={commentsOn(coachReview.comments, m.id)} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function CompleteReport({
  body,
  rubric,
  referenceOutline,
  onQuote,
  onNode,
  finalBoard,
  boardBefore,
  overrides,
}: {
  body: ReportBody;
  rubric: Props["rubric"];
  referenceOutline: Props["referenceOutline"];
  onQuote(e: Extract<Evidence, { kind: "quote" }>): void;
  onNode(nodeId: string): void;
  finalBoard: DiagramGraph | null;
  boardBefore: Props["boardBefore"];
  overrides: ReturnType<typeof overridesByDimension>;
}) {
  const { findings } = body;
  return (
    <>
      <section className="mt-6 grid gap-4 md:grid-cols-[minmax(0,1fr)_18rem]" aria-label="Verdict">
        <div className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
          {body.verdict ? (
            <>
              <span
                className={cn(
                  "inline-flex rounded-full px-3 py-1 text-sm font-semibold capitalize",
                  verdictTone[body.verdict.verdict],
                )}
                data-testid="verdict"
              >
                {body.verdict.verdict} · {body.verdict.level}
              </span>
              <p className="mt-3 text-zinc-700 dark:text-zinc-300">{body.verdict.summary}</p>
            </>
          ) : (
            <p className="text-zinc-700 dark:text-zinc-300">
              Too little could be assessed for an overall verdict; the dimensions below say what was seen.
            </p>
          )}
          <p className="mt-4 flex flex-wrap gap-2 text-xs text-zinc-500">
            <Badge tone={body.source === "ai" ? "accent" : "neutral"}>
              {body.source === "ai" ? "AI judge" : "Offline scorer"}
            </Badge>
            <span>scored by {body.scorerRef}</span>
            {body.evidenceDropped > 0 && <span>{body.evidenceDropped} unverifiable citation(s) dropped</span>}
          </p>
        </div>
        <div className="flex flex-col justify-center rounded-xl border border-zinc-200 bg-white p-6 text-center dark:border-zinc-800 dark:bg-zinc-900">
          <div className="text-5xl font-semibold tabular-nums">
            {body.weightedScore !== null ? body.weightedScore.toFixed(1) : "—"}
          </div>
          <div className="mt-1 text-sm text-zinc-500">weighted score out of 4</div>
        </div>
      </section>

      {findings.injection.detected && (
        <div
          className="mt-4 flex gap-3 rounded-xl border border-rose-300 bg-rose-50 p-4 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-200"
          role="alert"
        >
          <ShieldAlert className="size-5 shrink-0" aria-hidden />
          <p>
            Instructions aimed at the grader were found in the interview (
            {findings.injection.excerpts
              .slice(0, 2)
              .map((e) => `“${e}”`)
              .join(", ")}
            ). They were ignored and raised no score.
          </p>
        </div>
      )}

      <section className="mt-8" aria-labelledby="dimensions-heading">
        <h2 id="dimensions-heading" className="text-xl font-semibold tracking-tight">
          By dimension
        </h2>
        <div className="mt-4 space-y-3">
          {body.dimensions.map((d) => (
            <DimensionCard
              key={d.key}
              dimension={d}
              anchors={rubric.find((r) => r.key === d.key)?.levels ?? []}
              onQuote={onQuote}
              onNode={onNode}
              overrides={overrides.get(d.key) ?? []}
            />
          ))}
        </div>
      </section>

      <div className="mt-8 grid gap-4 lg:grid-cols-2">
        <Panel title="Time per phase" icon={Clock3}>
          <ul className="space-y-2">
            {findings.phaseTime.map((p) => {
              const max = Math.max(p.plannedMinutes, p.actualMinutes, 1);
              return (
                <li key={p.key} className="text-sm">
                  <div className="flex justify-between gap-2">
                    <span>{p.title}</span>
                    <span className="text-zinc-500 tabular-nums">
                      {p.actualMinutes.toFixed(0)} / {p.plannedMinutes} min
                    </span>
                  </div>
                  <div className="mt-1 h-1.5 rounded-full bg-zinc-100 dark:bg-zinc-800">
                    <div
                      className={cn(
                        "h-full rounded-full",
                        p.actualMinutes > p.plannedMinutes * 1.5 ? "bg-amber-500" : "bg-accent-500",
                      )}
                      style={{ width: `${(p.actualMinutes / max) * 100}%` }}
                    />
                  </div>
                </li>
              );
            })}
          </ul>
          <p className="mt-3 text-xs text-zinc-500">
            Actual minutes are estimated from what you talked about in each part.
          </p>
        </Panel>

        <Panel title="Estimate checks" icon={Calculator}>
          {findings.estimates.length === 0 ? (
            <p className="text-sm text-zinc-500">No worked arithmetic was found in your answers.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {findings.estimates.map((e, i) => (
                <li key={i} className="flex gap-2">
                  {e.ok ? (
                    <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-label="correct" />
                  ) : (
                    <XCircle className="mt-0.5 size-4 shrink-0 text-rose-600" aria-label="wrong" />
                  )}
                  <span>
                    <span className="font-mono text-xs">{e.statement}</span>
                    <span className="block text-xs text-zinc-500">{e.detail}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel title="Curveballs" icon={Shuffle}>
          {findings.curveballs.length === 0 ? (
            <p className="text-sm text-zinc-500">No constraint change was issued in this interview.</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {findings.curveballs.map((c) => (
                <li key={c.key}>
                  <p className="font-medium">
                    {c.title}{" "}
                    <span className="font-normal text-zinc-500 tabular-nums">at {formatTime(c.atSeconds)}</span>
                  </p>
                  <p className="text-zinc-600 dark:text-zinc-400">
                    Board: {c.boardChanged ? c.boardChange : "unchanged after the curveball."}
                  </p>
                  {c.adaptationTermsUsed.length > 0 && (
                    <p className="text-zinc-600 dark:text-zinc-400">
                      You addressed: {c.adaptationTermsUsed.join(", ")}.
                    </p>
                  )}
                  <div className="mt-2 grid grid-cols-2 gap-2">
                    <figure>
                      <BoardSketch
                        graph={boardBefore[c.key] ?? null}
                        label={`The board when "${c.title}" was announced`}
                        className="h-28 border border-zinc-200 dark:border-zinc-800"
                      />
                      <figcaption className="mt-1 text-xs text-zinc-500">Before</figcaption>
                    </figure>
                    <figure>
                      <BoardSketch
                        graph={finalBoard}
                        label="The board at the end"
                        className="h-28 border border-zinc-200 dark:border-zinc-800"
                      />
                      <figcaption className="mt-1 text-xs text-zinc-500">After</figcaption>
                    </figure>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel title="Red flags" icon={Flag}>
          {findings.redFlags.length === 0 ? (
            <p className="text-sm text-zinc-500">None of the rubric&apos;s red flags were found.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {findings.redFlags.map((f) => (
                <li key={f.key}>
                  <p className="font-medium text-rose-700 dark:text-rose-400">{f.title}</p>
                  <p className="text-zinc-600 dark:text-zinc-400">{f.detail}</p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>

      {body.drills.length > 0 && (
        <section className="mt-8" aria-labelledby="drills-heading">
          <h2 id="drills-heading" className="text-xl font-semibold tracking-tight">
            Practise next
          </h2>
          <div className="mt-4 grid gap-3 md:grid-cols-3">
            {body.drills.map((d) => (
              <div
                key={d.dimension}
                className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
              >
                <Lightbulb className="text-accent-600 size-4" aria-hidden />
                <p className="mt-2 font-medium">{d.title}</p>
                <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{d.why}</p>
              </div>
            ))}
          </div>
        </section>
      )}

      <section className="mt-8" aria-labelledby="outline-heading">
        <h2 id="outline-heading" className="text-xl font-semibold tracking-tight">
          What a strong answer would have covered
        </h2>
        <div className="mt-4 grid gap-3 md:grid-cols-2">
          {Object.entries(referenceOutline).map(([section, items]) => (
            <details
              key={section}
              className="rounded-xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900 print:[&>*]:block"
              open={section === "architecture"}
            >
              <summary className="cursor-pointer font-medium capitalize">
                {section.replace(/([A-Z])/g, " $1").toLowerCase()}
              </summary>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
                {items.map((item, i) => (
                  <li key={i}>{typeof item === "string" ? item : `${item.quantity}: ${item.arithmetic}`}</li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      </section>
    </>
  );
}

function DimensionCard({
  dimension: d,
  anchors,
  onQuote,
  onNode,
  overrides,
}: {
  dimension: DimensionResult;
  anchors: Props["rubric"][number]["levels"];
  onQuote(e: Extract<Evidence, { kind: "quote" }>): void;
  onNode(nodeId: string): void;
  overrides: Parameters<typeof CoachOverrideNote>[0]["overrides"];
}) {
  const anchor = anchors.find((a) => a.level === d.level);
  return (
    <article
      className="break-inside-avoid rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
      data-dimension={d.key}
    >
      <div className="flex flex-wrap items-center gap-3">
        <span
          className={cn(
            "inline-flex min-w-16 justify-center rounded-md px-2 py-1 text-sm font-semibold tabular-nums",
            d.level ? levelTone[d.level] : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
          )}
          data-testid="level"
        >
          {d.level ? `${d.level} / 4` : "N/A"}
        </span>
        <h3 className="font-medium">{d.title}</h3>
        <span className="text-xs text-zinc-500">weight {d.weight}%</span>
        {anchor && <span className="text-sm text-zinc-500">· {anchor.label}</span>}
        {overrides.map((o) => (
          <span
            key={o.coach}
            className={cn(
              "ring-accent-400 dark:ring-accent-600 ml-auto inline-flex items-center rounded-md px-2 py-1 text-sm font-semibold tabular-nums ring-2 ring-inset",
              levelTone[o.coachLevel],
            )}
            data-testid="coach-level"
            title={`${o.coach}'s level`}
          >
            Coach {o.coachLevel} / 4
          </span>
        ))}
      </div>
      {anchor && <p className="mt-2 text-sm text-zinc-500 italic">{anchor.anchor}</p>}
      <p className="mt-2 text-sm text-zinc-800 dark:text-zinc-200">{d.rationale}</p>
      <CoachOverrideNote overrides={overrides} />
      {d.evidence.length > 0 && (
        <ul className="mt-3 flex flex-col gap-1.5">
          {d.evidence.map((e, i) => (
            <li key={i} className="text-sm">
              {e.kind === "quote" ? (
                <button
                  type="button"
                  onClick={() => onQuote(e)}
                  className="text-accent-700 decoration-accent-300 hover:decoration-accent-600 dark:text-accent-300 text-left underline underline-offset-2"
                  data-evidence="quote"
                >
                  “{e.quote}”
                </button>
              ) : e.kind === "node" ? (
                <button
                  type="button"
                  onClick={() => onNode(e.nodeId)}
                  className="inline-flex items-center gap-1 rounded-md bg-zinc-100 px-2 py-0.5 text-xs hover:bg-amber-100 dark:bg-zinc-800 dark:hover:bg-amber-900/50"
                  data-evidence="node"
                >
                  board {e.nodeId}: {e.label}
                </button>
              ) : (
                <span className="text-zinc-600 dark:text-zinc-400" data-evidence="finding">
                  {e.detail}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {d.droppedEvidence > 0 && (
        <p className="mt-2 text-xs text-zinc-500">
          {d.droppedEvidence} citation(s) could not be verified and were dropped.
        </p>
      )}
    </article>
  );
}

function Panel({ title, icon: Icon, children }: { title: string; icon: typeof Clock3; children: React.ReactNode }) {
  return (
    <section className="break-inside-avoid rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="mb-3 flex items-center gap-2 font-medium">
        <Icon className="size-4 text-zinc-500" aria-hidden /> {title}
      </h2>
      {children}
    </section>
  );
}

function Highlighted({ text, quote }: { text: string; quote: string }) {
  const at = text.toLowerCase().indexOf(quote.toLowerCase());
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="rounded bg-amber-200 px-0.5 dark:bg-amber-700/60 dark:text-white">
        {text.slice(at, at + quote.length)}
      </mark>
      {text.slice(at + quote.length)}
    </>
  );
}

function commentsOn(comments: CommentView[], messageId: string): CommentView[] {
  return comments.filter((c) => c.anchor.kind === "message" && c.anchor.messageId === messageId);
}

function formatTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
