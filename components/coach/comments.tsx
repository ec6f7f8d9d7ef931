"use client";

import { MessageSquare, Shapes, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { MAX_COMMENT_LENGTH } from "@/lib/review/schemas";
import type { CommentView } from "@/lib/review/types";
import { formatDate } from "./format";
import { useReview } from "./review-store";

/** The form for the comment being written (its anchor is the store's draft). */
export function CommentComposer({ target }: { target: string }) {
  const addComment = useReview((s) => s.actions.addComment);
  const cancel = useReview((s) => s.actions.cancelComment);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="border-accent-200 bg-accent-50/60 dark:border-accent-900 dark:bg-accent-950/30 mt-2 rounded-lg border p-3"
      data-testid="comment-composer"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const problem = await addComment(body);
        setBusy(false);
        setError(problem);
        if (!problem) setBody("");
      }}
    >
      <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400" htmlFor="comment-body">
        Comment on {target}
      </label>
      <textarea
        id="comment-body"
        autoFocus
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={MAX_COMMENT_LENGTH}
        rows={3}
        placeholder="What should the candidate know about this?"
        className="focus:border-accent-500 mt-1 block w-full resize-y rounded-md border border-zinc-300 bg-white px-2.5 py-2 text-sm outline-none dark:border-zinc-700 dark:bg-zinc-900"
        onKeyDown={(e) => {
          if (e.key === "Escape") cancel();
        }}
      />
      {error && (
        <p className="mt-1.5 text-xs text-rose-700 dark:text-rose-400" role="alert">
          {error}
        </p>
      )}
      <div className="mt-2 flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={cancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={busy || !body.trim()}>
          Add comment
        </Button>
      </div>
    </form>
  );
}

/** One comment: what it is anchored to (clickable), who wrote it, and delete for its author. */
export function CommentCard({
  comment,
  ownId,
  compact = false,
  onShow,
}: {
  comment: CommentView;
  ownId: string;
  compact?: boolean;
  onShow?: () => void;
}) {
  const remove = useReview((s) => s.actions.deleteComment);
  const [error, setError] = useState<string | null>(null);
  const anchor = comment.anchor;
  return (
    <article
      className={cn(
        "rounded-lg border border-amber-200 bg-amber-50/70 text-sm dark:border-amber-900/60 dark:bg-amber-950/20",
        compact ? "mt-2 px-3 py-2" : "p-3",
      )}
      data-testid="review-comment"
      data-anchor-kind={anchor.kind}
    >
      {!compact && (
        <button
          type="button"
          onClick={onShow}
          className="mb-1.5 flex max-w-full items-center gap-1.5 text-left text-xs text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          {anchor.kind === "message" ? (
            <>
              <MessageSquare className="size-3.5 shrink-0" aria-hidden />
              <span className="truncate italic">“{anchor.quote}”</span>
            </>
          ) : (
            <>
              <Shapes className="size-3.5 shrink-0" aria-hidden />
              <span className="truncate">Board: {anchor.label || anchor.elementId}</span>
            </>
          )}
        </button>
      )}
      <p className="whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{comment.body}</p>
      <div className="mt-1.5 flex items-center justify-between gap-2 text-xs text-zinc-500">
        <span>
          {comment.author.name} · {formatDate(comment.createdAt)}
        </span>
        {comment.author.id === ownId && (
          <button
            type="button"
            onClick={async () => setError(await remove(comment.id))}
            className="inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-amber-100 hover:text-rose-700 dark:hover:bg-amber-900/40 dark:hover:text-rose-400"
            aria-label="Delete comment"
          >
            <Trash2 className="size-3.5" aria-hidden /> Delete
          </button>
        )}
      </div>
      {error && (
        <p className="mt-1 text-xs text-rose-700 dark:text-rose-400" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

/** The comments tab: every comment on the interview, in the order they were written. */
export function CommentList({ ownId }: { ownId: string }) {
  const comments = useReview((s) => s.comments);
  const focusMessage = useReview((s) => s.actions.focusMessage);
  const focusElement = useReview((s) => s.actions.focusElement);
  if (comments.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700">
        <p className="font-medium text-zinc-700 dark:text-zinc-300">No comments yet.</p>
        <p className="mt-1">
          Select words in a message, or click a component on the board, to comment on it. The candidate sees comments on
          their report.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      {comments.map((c) => (
        <CommentCard
          key={c.id}
          comment={c}
          ownId={ownId}
          onShow={() =>
            c.anchor.kind === "message"
              ? focusMessage(c.anchor.messageId, c.anchor)
              : focusElement(c.anchor.elementId, c.anchor.snapshotSeq)
          }
        />
      ))}
    </div>
  );
}
