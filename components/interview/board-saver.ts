/**
 * Saves the whiteboard: debounced (at most one save per quiet spell, at least one every few seconds
 * while drawing), skipped when the elements did not change, serialised (one request at a time), retried
 * when offline, and flushed when the page is hidden. Independent of React so its timing is plain code.
 */
export interface BoardSaverOptions {
  url: string;
  /** A number that changes whenever the elements change (Excalidraw's getSceneVersion). */
  versionOf(elements: readonly { isDeleted?: boolean }[]): number;
  onState(state: { state: "saved" | "dirty" | "saving" | "error"; error?: string; lastSavedSeq?: number }): void;
  isLocked(): boolean;
  debounceMs?: number;
  maxWaitMs?: number;
  retryMs?: number;
  /** Injected in tests; the browser's fetch otherwise. */
  fetch?: typeof fetch;
}

/** Browsers refuse keepalive requests above 64 KB; larger final saves go as ordinary requests. */
const KEEPALIVE_LIMIT = 60_000;

export function createBoardSaver(options: BoardSaverOptions) {
  const { debounceMs = 1200, maxWaitMs = 4000, retryMs = 3000 } = options;
  let savedVersion: number | null = null;
  let dirtySince: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** Reads the live elements; set once the editor is ready. */
  let readElements: () => readonly { isDeleted?: boolean }[] = () => [];
  let attached = false;

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const schedule = (delay?: number) => {
    const now = Date.now();
    dirtySince ??= now;
    clearTimer();
    timer = setTimeout(() => void save(), delay ?? Math.min(debounceMs, Math.max(0, dirtySince + maxWaitMs - now)));
  };

  const save = (final = false): Promise<void> => {
    clearTimer();
    if (!attached || options.isLocked()) return queue;
    const elements = readElements();
    const version = options.versionOf(elements);
    if (version === savedVersion) {
      dirtySince = null;
      options.onState({ state: "saved" });
      return queue;
    }
    const body = JSON.stringify({ scene: { type: "excalidraw", version: 2, source: "tradeoff", elements } });
    dirtySince = null;
    options.onState({ state: "saving" });
    queue = queue.then(async () => {
      try {
        const response = await (options.fetch ?? fetch)(options.url, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body,
          keepalive: final && body.length < KEEPALIVE_LIMIT,
        });
        if (response.ok) {
          const result = (await response.json()) as { seq: number };
          savedVersion = version;
          options.onState({ state: "saved", error: undefined, lastSavedSeq: result.seq });
        } else {
          const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          // A 4xx will not get better by retrying the same scene; say why and wait for the next change.
          options.onState({
            state: "error",
            error: payload?.error?.message ?? `the server answered ${response.status}`,
          });
        }
      } catch {
        options.onState({ state: "error", error: "offline; retrying" });
        schedule(retryMs);
      }
    });
    return queue;
  };

  return {
    /** Connects the editor: `read` returns its live (non-deleted) elements. */
    attach(read: () => readonly { isDeleted?: boolean }[]) {
      readElements = read;
      attached = true;
    },
    /** Call on every editor change; cheap when nothing changed. */
    changed(elements: readonly { isDeleted?: boolean }[]) {
      if (options.isLocked()) return;
      const version = options.versionOf(elements.filter((e) => !e.isDeleted));
      if (savedVersion === null) savedVersion = version; // the first report is the loaded board
      if (version === savedVersion) return;
      options.onState({ state: "dirty" });
      schedule();
    },
    /** Save now (e.g. the page is being hidden). */
    flush: () => save(true),
    dispose: clearTimer,
  };
}
