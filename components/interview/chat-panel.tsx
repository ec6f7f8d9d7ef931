"use client";

import { AlertTriangle, ArrowUp, Clock3, Compass, Lightbulb, RotateCw, Shuffle } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Markdown } from "@/components/markdown";
import { cn } from "@/components/ui/cn";
import type { RoomMessage } from "@/lib/interview/room";
import { useRoom } from "./room-store";
import { formatClock, useInterviewClock } from "./use-interview-clock";

export function ChatPanel() {
  const messages = useRoom((s) => s.messages);
  const pending = useRoom((s) => s.pending);
  const streaming = useRoom((s) => s.streaming);
  const ended = useRoom((s) => s.ended);
  const model = useRoom((s) => s.room.interview.model);
  const interviewId = useRoom((s) => s.room.interview.id);
  const scroller = useRef<HTMLDivElement>(null);

  // Stay at the latest message (also after a reload and while the panel is being laid out), unless the
  // candidate scrolled up to reread something.
  const stickToBottom = useRef(true);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const follow = () => {
      if (stickToBottom.current) el.scrollTop = el.scrollHeight;
    };
    const onScroll = () => {
      stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    };
    const observer = new ResizeObserver(follow);
    observer.observe(el);
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", onScroll);
    };
  }, []);
  useEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, pending, streaming]);

  const visible = messages.filter((m) => !(streaming?.messageId && m.id === streaming.messageId));
  return (
    <section className="flex h-full min-h-0 flex-col bg-zinc-50 dark:bg-zinc-950" aria-label="Interview chat">
      <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-2 text-xs text-zinc-500 dark:border-zinc-800">
        <span>Interviewer</span>
        {model === "offline" && (
          <span
            className="rounded-md bg-zinc-200/70 px-1.5 py-0.5 font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400"
            title="A deterministic interviewer built into Tradeoff; no AI model is called."
          >
            Offline interviewer
          </span>
        )}
      </div>
      <CoachGuide />
      <div ref={scroller} className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-4" role="log" aria-live="polite">
        {visible.map((m) => (
          <MessageBubble key={m.id} message={m} />
        ))}
        {pending.map((p) => (
          <PendingBubble key={p.clientId} clientId={p.clientId} content={p.content} state={p.state} error={p.error} />
        ))}
        {streaming && <StreamingBubble text={streaming.text} />}
        {ended && (
          <div className="rounded-lg border border-zinc-200 bg-white p-3 text-center text-sm text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
            The interview has ended. The transcript and the board are saved.{" "}
            <Link
              href={`/interviews/${interviewId}/report`}
              className="text-accent-700 dark:text-accent-300 font-medium underline-offset-2 hover:underline"
            >
              See your report
            </Link>
          </div>
        )}
      </div>
      <Composer disabled={ended} busy={Boolean(streaming)} />
    </section>
  );
}

function MessageBubble({ message }: { message: RoomMessage }) {
  if (message.kind === "nudge") {
    return (
      <div
        className="flex items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-200 dark:ring-amber-900"
        data-kind="nudge"
      >
        <Clock3 className="size-4 shrink-0" aria-hidden />
        <span>{message.content}</span>
      </div>
    );
  }
  if (message.kind === "hint") {
    return (
      <div
        className="bg-accent-50 text-accent-950 ring-accent-200 dark:bg-accent-950/40 dark:text-accent-100 dark:ring-accent-900 flex gap-2 rounded-lg px-3 py-2 text-sm ring-1"
        data-kind="hint"
      >
        <Lightbulb className="text-accent-600 dark:text-accent-400 mt-0.5 size-4 shrink-0" aria-hidden />
        <Markdown className="space-y-1 text-sm">{message.content}</Markdown>
      </div>
    );
  }
  if (message.role === "candidate") {
    return (
      <div className="flex justify-end" data-role="candidate">
        <div className="bg-accent-600 dark:bg-accent-500 max-w-[85%] rounded-2xl rounded-br-sm px-3.5 py-2 text-sm whitespace-pre-wrap text-white shadow-sm">
          {message.content}
        </div>
      </div>
    );
  }
  const curveball = message.kind === "curveball";
  return (
    <div data-role="interviewer" data-kind={message.kind} data-status={message.status}>
      {curveball && (
        <div className="mb-1 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-fuchsia-700 uppercase dark:text-fuchsia-300">
          <Shuffle className="size-3.5" aria-hidden /> Constraint change · {formatClock(message.atSeconds)}
        </div>
      )}
      <div
        className={cn(
          "max-w-[92%] rounded-2xl rounded-bl-sm bg-white px-3.5 py-2.5 text-sm shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800",
          curveball && "ring-2 ring-fuchsia-300 dark:ring-fuchsia-800",
        )}
      >
        <Markdown className="space-y-2 text-sm text-zinc-800 dark:text-zinc-200">{message.content || "…"}</Markdown>
        {message.status === "partial" && (
          <p className="mt-2 text-xs text-amber-700 dark:text-amber-400">
            This reply was interrupted; what arrived is kept.
          </p>
        )}
        {message.status === "failed" && <FailedReply replyToSeq={message.replyToSeq} />}
      </div>
    </div>
  );
}

/** Coach mode: the current phase's goal and key questions, always at hand. */
function CoachGuide() {
  const guide = useRoom((s) => s.room.guide);
  const phases = useRoom((s) => s.room.phases);
  const ended = useRoom((s) => s.ended);
  const { elapsed } = useInterviewClock();
  if (!guide || ended) return null;
  const minute = elapsed / 60;
  const phase = phases.find((p) => minute >= p.startMinute && minute < p.startMinute + p.minutes) ?? phases.at(-1);
  const step = guide.find((g) => g.key === phase?.key);
  if (!step) return null;
  return (
    <details className="border-b border-zinc-200 bg-white px-4 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="text-accent-700 dark:text-accent-300 flex cursor-pointer items-center gap-1.5 text-xs font-semibold tracking-wide uppercase">
        <Compass className="size-3.5" aria-hidden /> Coach guide · {step.title}
      </summary>
      <p className="mt-1.5 text-zinc-600 dark:text-zinc-400">{step.goal}</p>
      <ul className="mt-1.5 list-disc space-y-0.5 pl-5 text-zinc-700 dark:text-zinc-300">
        {step.keyQuestions.slice(0, 4).map((q) => (
          <li key={q}>{q}</li>
        ))}
      </ul>
    </details>
  );
}

function FailedReply({ replyToSeq }: { replyToSeq: number | null }) {
  const retryReply = useRoom((s) => s.actions.retryReply);
  const ended = useRoom((s) => s.ended);
  return (
    <p className="mt-2 flex items-center gap-2 text-xs text-rose-700 dark:text-rose-400">
      The interviewer could not finish this reply.
      {replyToSeq !== null && !ended && (
        <button
          type="button"
          onClick={() => retryReply(replyToSeq)}
          className="inline-flex items-center gap-1 font-medium underline-offset-2 hover:underline"
        >
          <RotateCw className="size-3" aria-hidden /> Try again
        </button>
      )}
    </p>
  );
}

function StreamingBubble({ text }: { text: string }) {
  return (
    <div data-role="interviewer" data-status="streaming">
      <div className="max-w-[92%] rounded-2xl rounded-bl-sm bg-white px-3.5 py-2.5 text-sm shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        {text ? (
          <Markdown className="space-y-2 text-sm text-zinc-800 dark:text-zinc-200">{`${text}▍`}</Markdown>
        ) : (
          <span className="inline-flex items-center gap-1 text-zinc-500" aria-label="The interviewer is thinking">
            <Dot delay="0ms" />
            <Dot delay="150ms" />
            <Dot delay="300ms" />
          </span>
        )}
      </div>
    </div>
  );
}

function Dot({ delay }: { delay: string }) {
  return <span className="size-1.5 animate-bounce rounded-full bg-zinc-400" style={{ animationDelay: delay }} />;
}

function PendingBubble({
  clientId,
  content,
  state,
  error,
}: {
  clientId: string;
  content: string;
  state: "sending" | "failed";
  error?: string;
}) {
  const retry = useRoom((s) => s.actions.retry);
  return (
    <div className="flex flex-col items-end gap-1" data-role="candidate" data-status={state}>
      <div
        className={cn(
          "max-w-[85%] rounded-2xl rounded-br-sm px-3.5 py-2 text-sm whitespace-pre-wrap shadow-sm",
          state === "failed"
            ? "bg-rose-50 text-rose-900 ring-1 ring-rose-200 dark:bg-rose-950/50 dark:text-rose-200 dark:ring-rose-900"
            : "bg-accent-600/70 text-white",
        )}
      >
        {content}
      </div>
      {state === "failed" && (
        <div className="flex items-center gap-2 text-xs text-rose-700 dark:text-rose-400">
          <AlertTriangle className="size-3.5" aria-hidden />
          {error ?? "Not sent."}
          <button
            type="button"
            onClick={() => retry(clientId)}
            className="inline-flex items-center gap-1 font-medium underline-offset-2 hover:underline"
          >
            <RotateCw className="size-3" aria-hidden /> Retry
          </button>
        </div>
      )}
    </div>
  );
}

function Composer({ disabled, busy }: { disabled: boolean; busy: boolean }) {
  const send = useRoom((s) => s.actions.send);
  const hint = useRoom((s) => s.actions.hint);
  const coach = useRoom((s) => s.room.interview.mode === "coach");
  const [text, setText] = useState("");
  const submit = () => {
    if (!text.trim() || disabled || busy) return;
    void send(text);
    setText("");
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
  return (
    <form
      className="border-t border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="focus-within:border-accent-500 flex items-end gap-2 rounded-xl border border-zinc-300 bg-white p-1.5 dark:border-zinc-700 dark:bg-zinc-950">
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          disabled={disabled}
          rows={Math.min(6, Math.max(1, text.split("\n").length))}
          maxLength={8000}
          placeholder={disabled ? "The interview has ended." : "Ask a clarifying question or explain your design…"}
          aria-label="Your message"
          className="max-h-40 min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-sm outline-none placeholder:text-zinc-400 disabled:cursor-not-allowed"
        />
        <button
          type="submit"
          disabled={disabled || busy || !text.trim()}
          aria-label="Send"
          className="bg-accent-600 hover:bg-accent-500 flex size-9 shrink-0 items-center justify-center rounded-lg text-white transition disabled:bg-zinc-300 dark:disabled:bg-zinc-700"
        >
          <ArrowUp className="size-4" aria-hidden />
        </button>
      </div>
      <div className="mt-1.5 flex items-center justify-between px-1">
        <p className="text-[11px] text-zinc-400">Enter to send · Shift+Enter for a new line</p>
        {coach && !disabled && (
          <button
            type="button"
            onClick={() => void hint()}
            className="text-accent-700 hover:bg-accent-50 dark:text-accent-300 dark:hover:bg-accent-950 inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium"
          >
            <Lightbulb className="size-3.5" aria-hidden /> Hint
          </button>
        )}
      </div>
    </form>
  );
}
