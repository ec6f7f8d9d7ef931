import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createBoardSaver } from "@/components/interview/board-saver";

type El = { id: string; version: number; isDeleted?: boolean };

function setup(responses: (() => Response | Promise<Response>)[] = []) {
  const requests: { body: string; keepalive: boolean }[] = [];
  const states: string[] = [];
  let elements: El[] = [];
  let locked = false;
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ body: String(init?.body), keepalive: Boolean(init?.keepalive) });
    const next = responses.shift();
    return next ? next() : Response.json({ seq: requests.length });
  });
  const saver = createBoardSaver({
    url: "/api/interviews/x/board",
    versionOf: (els) => (els as El[]).reduce((sum, e) => sum + e.version, 0),
    onState: (s) => states.push(s.state),
    isLocked: () => locked,
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  saver.attach(() => elements);
  return {
    saver,
    requests,
    states,
    draw(next: El[]) {
      elements = next;
      saver.changed(next);
    },
    lock() {
      locked = true;
    },
  };
}

describe("board saver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("ignores the initial load and changes that do not touch elements", async () => {
    const t = setup();
    t.draw([]);
    t.draw([]);
    await vi.runAllTimersAsync();
    expect(t.requests).toHaveLength(0);
  });

  it("debounces a burst of edits into one save, at most a few seconds after the first edit", async () => {
    const t = setup();
    t.draw([]);
    for (let i = 1; i <= 17; i++) {
      t.draw([{ id: "a", version: i }]);
      await vi.advanceTimersByTimeAsync(300);
    }
    // 5 s of continuous drawing: the 4 s max wait forced a save before the burst ended
    expect(t.requests.length).toBeGreaterThanOrEqual(1);
    await vi.runAllTimersAsync();
    expect(JSON.parse(t.requests.at(-1)!.body).scene.elements).toEqual([{ id: "a", version: 17 }]);
    expect(t.states.at(-1)).toBe("saved");
    const count = t.requests.length;
    t.draw([{ id: "a", version: 17 }]); // unchanged
    await vi.runAllTimersAsync();
    expect(t.requests).toHaveLength(count);
  });

  it("retries when the network fails and reports a rejected scene without retrying it", async () => {
    const t = setup([
      () => Promise.reject(new TypeError("offline")),
      () => Response.json({ error: { message: "too many elements" } }, { status: 400 }),
    ]);
    t.draw([]);
    t.draw([{ id: "a", version: 1 }]);
    await vi.advanceTimersByTimeAsync(1300);
    expect(t.states).toContain("error");
    await vi.advanceTimersByTimeAsync(3100);
    expect(t.requests).toHaveLength(2);
    expect(t.states.at(-1)).toBe("error");
    await vi.runAllTimersAsync();
    expect(t.requests).toHaveLength(2);
  });

  it("flushes immediately with keepalive when the page is hidden, and never saves once locked", async () => {
    const t = setup();
    t.draw([]);
    t.draw([{ id: "a", version: 1 }]);
    await t.saver.flush();
    expect(t.requests).toEqual([expect.objectContaining({ keepalive: true })]);
    t.lock();
    t.draw([{ id: "a", version: 2 }]);
    await t.saver.flush();
    await vi.runAllTimersAsync();
    expect(t.requests).toHaveLength(1);
  });
});
