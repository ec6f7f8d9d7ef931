"use client";

import { Excalidraw, getSceneVersion } from "@excalidraw/excalidraw";
import "@excalidraw/excalidraw/index.css";
import type { ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import { useEffect, useMemo, useState } from "react";
import { createBoardSaver } from "./board-saver";
import { useRoom, useRoomStoreApi } from "./room-store";

type Elements = Parameters<typeof getSceneVersion>[0];

/** Module-level so Excalidraw sees the same object on every render (a new one makes it re-render and call onChange). */
const UI_OPTIONS = {
  canvasActions: { loadScene: false, export: false, saveToActiveFile: false, saveAsImage: false },
  tools: { image: false },
} as const;

/**
 * The whiteboard. The scene stays inside Excalidraw (not React state); a board saver persists it
 * (debounced, version-gated, flushed when the page is hidden or closed).
 */
export function ExcalidrawBoard() {
  const store = useRoomStoreApi();
  const interviewId = useRoom((s) => s.room.interview.id);
  const ended = useRoom((s) => s.ended);
  const theme = useHtmlTheme();
  // The board is loaded once; later saves must not reset Excalidraw's own state.
  const [initialData] = useState(() => ({
    elements: ((store.getState().room.board?.scene as { elements?: unknown[] } | undefined)?.elements ??
      []) as Elements,
    scrollToContent: true,
  }));

  const saver = useMemo(
    () =>
      createBoardSaver({
        url: `/api/interviews/${interviewId}/board`,
        versionOf: (elements) => getSceneVersion(elements as Elements),
        onState: (state) => store.getState().actions.setBoard(state),
        isLocked: () => store.getState().ended,
      }),
    [interviewId, store],
  );

  useEffect(() => {
    const flush = () => void saver.flush();
    const onVisibility = () => document.visibilityState === "hidden" && flush();
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flush);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flush);
      saver.dispose();
    };
  }, [saver]);

  return (
    <div className="h-full w-full" data-testid="whiteboard">
      <Excalidraw
        excalidrawAPI={(api: ExcalidrawImperativeAPI) => saver.attach(() => api.getSceneElements())}
        initialData={initialData}
        onChange={(elements) => saver.changed(elements)}
        theme={theme}
        viewModeEnabled={ended}
        UIOptions={UI_OPTIONS}
      />
    </div>
  );
}

function useHtmlTheme(): "light" | "dark" {
  const [theme, setTheme] = useState<"light" | "dark">(() =>
    document.documentElement.classList.contains("dark") ? "dark" : "light",
  );
  useEffect(() => {
    const observer = new MutationObserver(() =>
      setTheme(document.documentElement.classList.contains("dark") ? "dark" : "light"),
    );
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
