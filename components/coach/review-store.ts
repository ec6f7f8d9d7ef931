"use client";

import { createContext, createElement, useContext, useState, type ReactNode } from "react";
import { createStore, useStore, type StoreApi } from "zustand";
import type { CommentAnchor } from "@/lib/review/schemas";
import type { CommentView, Replay, ReviewState, ReviewView } from "@/lib/review/types";

/**
 * The review page's state, one store per page instance (provided through context): the replay clock,
 * what is highlighted, the comment being written, and the coach's review as the server last returned
 * it. Network calls live here; components read and call actions.
 */
export interface ReviewStoreState {
  interviewId: string;
  replay: Replay;
  /** Replay time in interview seconds. */
  t: number;
  playing: boolean;
  /** Interview seconds per real second while playing. */
  speed: number;
  review: ReviewView | null;
  comments: CommentView[];
  /** The anchor of the comment being written, if any. */
  draft: CommentAnchor | null;
  /** A message (and optionally a span of it) to highlight, e.g. from evidence or a comment. */
  focus: { messageId: string; start: number; end: number } | null;
  /** A board element (Excalidraw id) to highlight. */
  boardFocus: string | null;
  /** The review panel's tab. */
  tab: "scores" | "comments";
  actions: {
    setTime(t: number): void;
    togglePlay(): void;
    setSpeed(speed: number): void;
    setTab(tab: ReviewStoreState["tab"]): void;
    focusMessage(messageId: string, span?: { start: number; end: number }): void;
    focusElement(elementId: string, snapshotSeq?: number): void;
    startComment(anchor: CommentAnchor): void;
    cancelComment(): void;
    /** Each write returns an error message for the form, or null when it worked. */
    addComment(body: string): Promise<string | null>;
    deleteComment(id: string): Promise<string | null>;
    saveOverride(dimension: string, level: number, reason: string): Promise<string | null>;
    removeOverride(dimension: string): Promise<string | null>;
    complete(summary: string): Promise<string | null>;
    reopen(): Promise<string | null>;
  };
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

export function createReviewStore(initial: {
  interviewId: string;
  replay: Replay;
  state: ReviewState;
}): StoreApi<ReviewStoreState> {
  const api = `/api/coach/interviews/${initial.interviewId}`;
  return createStore<ReviewStoreState>()((set, get) => {
    /** Sends a write; a JSON ReviewState answer replaces the review and the comments. */
    const send = async (path: string, method: string, body?: unknown): Promise<Response | string> => {
      try {
        const response = await fetch(`${api}${path}`, {
          method,
          headers: body === undefined ? undefined : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok) return errorMessage(response);
        return response;
      } catch {
        return "Could not reach the server. Check your connection and try again.";
      }
    };
    const applyState = async (result: Response | string): Promise<string | null> => {
      if (typeof result === "string") return result;
      const state = (await result.json()) as ReviewState;
      set({ review: state.review, comments: state.comments });
      return null;
    };
    const frameTime = (seq: number) => get().replay.frames.find((f) => f.seq === seq)?.atSeconds;

    return {
      interviewId: initial.interviewId,
      replay: initial.replay,
      // Opens at the end: the whole transcript and the final board, as the AI report judged them.
      t: initial.replay.endSeconds,
      playing: false,
      speed: 30,
      review: initial.state.review,
      comments: initial.state.comments,
      draft: null,
      focus: null,
      boardFocus: null,
      tab: "scores",
      actions: {
        setTime: (t) => {
          const clamped = Math.max(0, Math.min(get().replay.endSeconds, t));
          if (clamped !== get().t) set({ t: clamped });
        },
        togglePlay: () => {
          const { playing, t, replay } = get();
          // Playing from the end starts over.
          set({ playing: !playing, t: !playing && t >= replay.endSeconds ? 0 : t });
        },
        setSpeed: (speed) => set({ speed }),
        setTab: (tab) => set({ tab }),
        focusMessage: (messageId, span) => {
          const message = get().replay.messages.find((m) => m.id === messageId);
          if (!message) return;
          set({
            focus: { messageId, start: span?.start ?? 0, end: span?.end ?? message.content.length },
            t: Math.max(get().t, message.atSeconds),
            playing: false,
          });
        },
        focusElement: (elementId, snapshotSeq) => {
          const at = snapshotSeq === undefined ? undefined : frameTime(snapshotSeq);
          set({ boardFocus: elementId, playing: false, ...(at === undefined ? {} : { t: Math.max(get().t, at) }) });
        },
        startComment: (anchor) =>
          set({
            draft: anchor,
            playing: false,
            ...(anchor.kind === "element"
              ? { boardFocus: anchor.elementId }
              : { focus: { messageId: anchor.messageId, start: anchor.start, end: anchor.end } }),
          }),
        cancelComment: () => set({ draft: null }),
        addComment: async (body) => {
          const anchor = get().draft;
          if (!anchor) return "Choose what to comment on first.";
          const result = await send("/comments", "POST", { body, anchor });
          if (typeof result === "string") return result;
          const comment = (await result.json()) as CommentView;
          // The new comment's own highlight takes over from the selection's.
          set((s) => ({ comments: [...s.comments, comment], draft: null, focus: null }));
          return null;
        },
        deleteComment: async (id) => {
          const result = await send(`/comments/${id}`, "DELETE");
          if (typeof result === "string") return result;
          set((s) => ({ comments: s.comments.filter((c) => c.id !== id) }));
          return null;
        },
        saveOverride: async (dimension, level, reason) =>
          applyState(await send("/overrides", "POST", { dimension, level, reason })),
        removeOverride: async (dimension) =>
          applyState(await send(`/overrides/${encodeURIComponent(dimension)}`, "DELETE")),
        complete: async (summary) => applyState(await send("/complete", "POST", summary.trim() ? { summary } : {})),
        reopen: async () => applyState(await send("/reopen", "POST")),
      },
    };
  });
}

const ReviewStoreContext = createContext<StoreApi<ReviewStoreState> | null>(null);

export function ReviewStoreProvider({
  initial,
  children,
}: {
  initial: Parameters<typeof createReviewStore>[0];
  children: ReactNode;
}) {
  const [store] = useState(() => createReviewStore(initial));
  return createElement(ReviewStoreContext.Provider, { value: store }, children);
}

export function useReview<T>(selector: (state: ReviewStoreState) => T): T {
  const store = useContext(ReviewStoreContext);
  if (!store) throw new Error("useReview must be used inside <ReviewStoreProvider>.");
  return useStore(store, selector);
}
