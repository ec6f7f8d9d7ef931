"use client";

import { createContext, createElement, useContext, useState, type ReactNode } from "react";
import { createStore, useStore, type StoreApi } from "zustand";
import type { RoomMessage, RoomState } from "@/lib/interview/room";

/**
 * The interview room's state, one store per room instance (provided through context, so two rooms on
 * a page, or a server render, never share state). Network calls live here; components only read and
 * call actions.
 */
export type SendState = "sending" | "failed";

export interface PendingMessage {
  clientId: string;
  content: string;
  state: SendState;
  error?: string;
}

export interface RoomStoreState {
  room: RoomState;
  /** Server time minus browser time, so the clock follows the server. */
  clockOffsetMs: number;
  messages: RoomMessage[];
  pending: PendingMessage[];
  /** The interviewer's reply being written, or a "thinking" placeholder before its first word. */
  streaming: { replyToSeq: number; messageId: string | null; text: string } | null;
  ended: boolean;
  board: { state: "saved" | "dirty" | "saving" | "error"; error?: string; lastSavedSeq: number | null };
  actions: {
    send(content: string): Promise<void>;
    retry(clientId: string): Promise<void>;
    /** Asks again for the interviewer's reply to candidate message `candidateSeq` (after a failed reply). */
    retryReply(candidateSeq: number): Promise<void>;
    /** Coach mode: asks for a hint. */
    hint(): Promise<void>;
    tick(): Promise<void>;
    refresh(): Promise<void>;
    end(): Promise<void>;
    setBoard(patch: Partial<RoomStoreState["board"]>): void;
  };
}

const newClientId = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

function mergeMessages(current: RoomMessage[], incoming: RoomMessage[]): RoomMessage[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

export function createRoomStore(initial: RoomState): StoreApi<RoomStoreState> {
  const api = `/api/interviews/${initial.interview.id}`;
  return createStore<RoomStoreState>()((set, get) => {
    const applyRoom = (room: RoomState) =>
      set((s) => ({
        room,
        clockOffsetMs: Date.parse(room.interview.serverNow) - Date.now(),
        messages: mergeMessages(s.messages, room.messages),
        ended: room.interview.status === "ended",
        board: s.board.lastSavedSeq === null && room.board ? { ...s.board, lastSavedSeq: room.board.seq } : s.board,
      }));

    /** Reads the reply stream of one candidate turn (server-sent events). */
    const post = async (pending: PendingMessage) => {
      let response: Response;
      try {
        response = await fetch(`${api}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ clientId: pending.clientId, content: pending.content }),
        });
      } catch {
        set((s) => ({
          pending: s.pending.map((p) =>
            p.clientId === pending.clientId ? { ...p, state: "failed", error: "Not sent: the connection failed." } : p,
          ),
        }));
        return;
      }
      if (!response.ok || !response.body) {
        const error = await errorMessage(response);
        set((s) => ({
          pending: s.pending.map((p) => (p.clientId === pending.clientId ? { ...p, state: "failed", error } : p)),
        }));
        if (response.status === 409) await get().actions.refresh();
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += value;
          let boundary: number;
          while ((boundary = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            const data = frame.split("\n").find((line) => line.startsWith("data: "));
            if (data) handleEvent(JSON.parse(data.slice(6)));
          }
        }
      } catch {
        // The stream dropped: the server keeps writing the reply; fetch the room to pick it up.
      }
      set({ streaming: null });
      await get().actions.refresh();
    };

    type Event =
      | { type: "candidate"; message: RoomMessage }
      | { type: "reply-start"; message: RoomMessage }
      | { type: "delta"; text: string }
      | { type: "restart" }
      | { type: "reply-done"; message: RoomMessage }
      | { type: "error"; message: string };

    const handleEvent = (event: Event) => {
      switch (event.type) {
        case "candidate":
          set((s) => ({
            messages: mergeMessages(s.messages, [event.message]),
            pending: s.pending.filter((p) => p.clientId !== event.message.clientId),
            streaming: { replyToSeq: event.message.seq, messageId: null, text: "" },
          }));
          break;
        case "reply-start":
          set((s) => ({ streaming: s.streaming && { ...s.streaming, messageId: event.message.id } }));
          break;
        case "delta":
          set((s) => ({ streaming: s.streaming && { ...s.streaming, text: s.streaming.text + event.text } }));
          break;
        case "restart":
          set((s) => ({ streaming: s.streaming && { ...s.streaming, text: "" } }));
          break;
        case "reply-done":
          set((s) => ({ messages: mergeMessages(s.messages, [event.message]), streaming: null }));
          break;
        case "error":
          set({ streaming: null });
          break;
      }
    };

    return {
      room: initial,
      clockOffsetMs: Date.parse(initial.interview.serverNow) - Date.now(),
      messages: initial.messages,
      pending: [],
      streaming: null,
      ended: initial.interview.status === "ended",
      board: { state: "saved", lastSavedSeq: initial.board?.seq ?? null },
      actions: {
        async send(content) {
          const text = content.trim();
          if (!text || get().ended) return;
          const pending: PendingMessage = { clientId: newClientId(), content: text, state: "sending" };
          set((s) => ({ pending: [...s.pending, pending] }));
          await post(pending);
        },
        async retry(clientId) {
          const pending = get().pending.find((p) => p.clientId === clientId);
          if (!pending) return;
          set((s) => ({
            pending: s.pending.map((p) => (p.clientId === clientId ? { ...p, state: "sending", error: undefined } : p)),
          }));
          await post({ ...pending, state: "sending" });
        },
        async retryReply(candidateSeq) {
          const candidate = get().messages.find((m) => m.seq === candidateSeq && m.role === "candidate");
          if (!candidate?.clientId || get().ended) return;
          // Re-sending the same clientId stores nothing new; the server replaces the failed reply.
          await post({ clientId: candidate.clientId, content: candidate.content, state: "sending" });
        },
        async hint() {
          const response = await fetch(`${api}/hint`, { method: "POST" });
          if (response.ok) {
            const message = (await response.json()) as RoomMessage;
            set((s) => ({ messages: mergeMessages(s.messages, [message]) }));
          }
        },
        async tick() {
          try {
            const response = await fetch(`${api}/tick`, { method: "POST" });
            if (!response.ok) return;
            const result = (await response.json()) as { status: "active" | "ended"; added: RoomMessage[] };
            set((s) => ({ messages: mergeMessages(s.messages, result.added), ended: result.status === "ended" }));
          } catch {
            // offline for a moment: the next tick catches up
          }
        },
        async refresh() {
          try {
            const response = await fetch(api, { cache: "no-store" });
            if (response.ok) applyRoom((await response.json()) as RoomState);
          } catch {
            // keep what we have
          }
        },
        async end() {
          await fetch(`${api}/end`, { method: "POST" });
          await get().actions.refresh();
        },
        setBoard(patch) {
          // Excalidraw reports changes many times a second; skip updates that change nothing.
          const board = get().board;
          if (Object.entries(patch).every(([key, value]) => board[key as keyof typeof board] === value)) return;
          set({ board: { ...board, ...patch } });
        },
      },
    };
  });
}

const RoomStoreContext = createContext<StoreApi<RoomStoreState> | null>(null);

export function RoomStoreProvider({ initial, children }: { initial: RoomState; children: ReactNode }) {
  const [store] = useState(() => createRoomStore(initial));
  return createElement(RoomStoreContext.Provider, { value: store }, children);
}

export function useRoom<T>(selector: (state: RoomStoreState) => T): T {
  const store = useContext(RoomStoreContext);
  if (!store) throw new Error("useRoom must be used inside <RoomStoreProvider>");
  return useStore(store, selector);
}

export function useRoomStoreApi(): StoreApi<RoomStoreState> {
  const store = useContext(RoomStoreContext);
  if (!store) throw new Error("useRoomStoreApi must be used inside <RoomStoreProvider>");
  return store;
}
