"use client";

import { Excalidraw, getSceneVersion } from "@excalidraw/excalidraw";
import "@excalidraw/excalidraw/index.css";
import type { ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRoom, useRoomStoreApi } from "./room-store";

type Elements = Parameters<typeof getSceneVersion>[0];

const SAVE_DEBOUNCE_MS = 1200;
const SAVE_MAX_WAIT_MS = 4000;
/** Browsers refuse keepalive requests above 64 KB; larger final saves go as ordinary requests. */
const KEEPALIVE_LIMIT = 60_000;

/**
 * The whiteboard. The scene stays inside Excalidraw (not React state); changes are saved by a
 * debounced, version-gated saver that also flushes when the page is hidden or closed.
 */
export function ExcalidrawBoard() {
  const store = useRoomStoreApi();
  const interviewId = useRoom((s) => s.room.interview.id);
  const ended = useRoom((s) => s.ended);
  const initialScene = useRoom((s) => s.room.board?.scene) as { elements?: unknown[] } | undefined;
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const theme = useHtmlTheme();

  const lastSavedVersion = useRef<number | null>(null);
  const pendingSince = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());

  const initialData = useMemo(
    () => ({ elements: (initialScene?.elements ?? []) as Elements, scrollToContent: true }),
    // The board is loaded once; later saves must not reset Excalidraw's own state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const save = useCallback(
    (options: { final?: boolean } = {}) => {
      if (!api || store.getState().ended) return;
      const elements = api.getSceneElements();
      const version = getSceneVersion(elements);
      if (version === lastSavedVersion.current) {
        store.getState().actions.setBoard({ state: "saved" });
        return;
      }
      const body = JSON.stringify({ scene: { type: "excalidraw", version: 2, source: "tradeoff", elements } });
      pendingSince.current = null;
      store.getState().actions.setBoard({ state: "saving" });
      inFlight.current = inFlight.current.then(async () => {
        try {
          const response = await fetch(`/api/interviews/${interviewId}/board`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body,
            keepalive: Boolean(options.final) && body.length < KEEPALIVE_LIMIT,
          });
          if (response.ok) {
            const result = (await response.json()) as { seq: number };
            lastSavedVersion.current = version;
            store.getState().actions.setBoard({ state: "saved", error: undefined, lastSavedSeq: result.seq });
          } else {
            const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
            store.getState().actions.setBoard({ state: "error", error: payload?.error?.message ?? `server answered ${response.status}` });
          }
        } catch {
          store.getState().actions.setBoard({ state: "error", error: "offline; will retry" });
          schedule();
        }
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, interviewId, store],
  );

  const schedule = useCallback(() => {
    const now = Date.now();
    pendingSince.current ??= now;
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.min(SAVE_DEBOUNCE_MS, Math.max(0, pendingSince.current + SAVE_MAX_WAIT_MS - now));
    timer.current = setTimeout(() => save(), wait);
  }, [save]);

  const onChange = useCallback(
    (elements: Elements) => {
      if (store.getState().ended) return;
      const version = getSceneVersion(elements.filter((e) => !e.isDeleted));
      // Selection, scrolling and hovering also call onChange; only element changes are worth a save.
      if (lastSavedVersion.current === null) lastSavedVersion.current = getSceneVersion(initialData.elements);
      if (version === lastSavedVersion.current) return;
      store.getState().actions.setBoard({ state: "dirty" });
      schedule();
    },
    [initialData.elements, schedule, store],
  );

  useEffect(() => {
    const flush = () => {
      if (timer.current) clearTimeout(timer.current);
      save({ final: true });
    };
    const onVisibility = () => document.visibilityState === "hidden" && flush();
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flush);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flush);
    };
  }, [save]);

  // When time runs out, save what is on the board one last time.
  useEffect(() => {
    if (ended && api) {
      if (timer.current) clearTimeout(timer.current);
    }
  }, [ended, api]);

  return (
    <div className="h-full w-full" data-testid="whiteboard">
      <Excalidraw
        excalidrawAPI={setApi}
        initialData={initialData}
        onChange={onChange}
        theme={theme}
        viewModeEnabled={ended}
        UIOptions={{ canvasActions: { loadScene: false, export: false, saveToActiveFile: false, saveAsImage: false }, tools: { image: false } }}
      />
    </div>
  );
}

function useHtmlTheme(): "light" | "dark" {
  const [theme, setTheme] = useState<"light" | "dark">(() => (document.documentElement.classList.contains("dark") ? "dark" : "light"));
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(document.documentElement.classList.contains("dark") ? "dark" : "light"));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
