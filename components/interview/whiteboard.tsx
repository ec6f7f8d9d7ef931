"use client";

import dynamic from "next/dynamic";
import { useRoom } from "./room-store";

// Serve Excalidraw's fonts from this app (copied into public/ on install), not from a CDN.
if (typeof window !== "undefined")
  (window as { EXCALIDRAW_ASSET_PATH?: string }).EXCALIDRAW_ASSET_PATH = "/excalidraw-assets/";

/** Excalidraw touches `window` when imported, so it is only ever loaded in the browser. */
const ExcalidrawBoard = dynamic(() => import("./excalidraw-board").then((m) => m.ExcalidrawBoard), {
  ssr: false,
  loading: () => (
    <div className="flex h-full items-center justify-center text-sm text-zinc-500" aria-busy="true">
      Loading the whiteboard…
    </div>
  ),
});

export function Whiteboard() {
  const board = useRoom((s) => s.board);
  return (
    <section className="relative h-full min-h-0" aria-label="Whiteboard">
      <ExcalidrawBoard />
      <div
        className="pointer-events-none absolute bottom-4 left-1/2 z-10 -translate-x-1/2 rounded-md bg-white/90 px-2 py-1 text-xs text-zinc-500 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900/90 dark:ring-zinc-800"
        data-board-state={board.state}
        role="status"
      >
        {board.state === "saving"
          ? "Saving…"
          : board.state === "dirty"
            ? "Unsaved changes"
            : board.state === "error"
              ? `Not saved: ${board.error ?? "retrying"}`
              : "Board saved"}
      </div>
    </section>
  );
}
