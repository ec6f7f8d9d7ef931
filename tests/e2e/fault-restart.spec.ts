/**
 * Fault test (issue 7): the server is killed (SIGKILL, no clean-up) in the middle of a streamed reply
 * while the board has unsaved changes, then restarted on the same embedded database. Every candidate
 * message the server acknowledged is there, the board is at most one autosave behind, the reply that
 * was cut off is kept and marked interrupted, and the interview continues (chat and board).
 *
 * The spec runs its own production server (`next start` on the build, port 4601) and its own mock
 * model server (4602, streaming slowly so a reply is mid-stream when the server dies); it does not
 * use the suite's servers from playwright.config.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { RoomState } from "@/lib/interview/room";
import { startMockLlmServer, type MockLlmServer } from "../mock-llm/server";
import { boardLabels, drawBoxUnsaved, startAppServer, type AppServer } from "./support/fault-server";
import { drawBoxes, interviewerMessages, say } from "./support/room";

const APP_PORT = 4601;
const MOCK_PORT = 4602;
const APP = `http://127.0.0.1:${APP_PORT}`;

/** The reply that will be cut: long, and streamed at 4 words a second, so it is mid-stream for ~20 s. */
const LONG_REPLY = Array.from(
  { length: 80 },
  (_, i) => ["Interesting", "choice", "—", "walk", "me", "through", "the", "request", "path", "in", "detail"][i % 11],
).join(" ");
const FIRST_WORDS = LONG_REPLY.split(" ").slice(0, 3).join(" ");

test.describe.configure({ mode: "serial" });

test.describe("the server is killed mid-reply with unsaved board changes", () => {
  let mock: MockLlmServer;
  let server: AppServer | null = null;
  let dataDir: string;

  test.beforeAll(async () => {
    mock = await startMockLlmServer({ port: MOCK_PORT, ttftMs: 50 });
    dataDir = mkdtempSync(path.join(os.tmpdir(), "tradeoff-fault-restart-"));
  });

  test.afterAll(async () => {
    await server?.stop();
    await mock?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = () =>
    startAppServer({
      port: APP_PORT,
      dataDir,
      env: {
        TRADEOFF_CLOCK_SCALE: "1",
        ANTHROPIC_API_KEY: "fault-test-key",
        ANTHROPIC_BASE_URL: mock.url,
      },
    });

  const roomState = async (id: string): Promise<RoomState> => {
    const response = await fetch(`${APP}/api/interviews/${id}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as RoomState;
  };

  test("every acknowledged message survives, the board is at most one autosave behind, the cut reply is marked, the interview goes on", async ({
    page,
  }) => {
    test.setTimeout(300_000);
    server = await start();

    // An interview with a model over HTTP (the mock), started through the API as the room's form would.
    const created = await fetch(`${APP}/api/interviews`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        promptSlug: "design-chatgpt",
        frameworkSlug: "nine-step",
        durationMinutes: 30,
        level: "senior",
        mode: "interview",
        model: "anthropic:claude-sonnet-4-6",
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`${APP}/interviews/${id}`);
    await expect(page.locator("canvas.interactive")).toBeVisible({ timeout: 30_000 });

    // A first turn, and a board that autosaves.
    mock.enqueueReply("What peak load should we plan for?");
    expect(await say(page, "How many users do we expect?")).toContain("What peak load should we plan for?");
    await drawBoxes(page, ["API gateway", "Vector DB"]);
    const saved = (await roomState(id)).board!;
    expect(boardLabels(saved.scene)).toEqual(expect.arrayContaining(["API gateway", "Vector DB"]));

    // A second message; its reply streams slowly and is still streaming when the server dies.
    mock.configure({ ttftMs: 100, tokensPerSecond: 4 });
    mock.enqueueReply(LONG_REPLY);
    const box = page.getByLabel("Your message");
    await box.fill("Requests go from the gateway to retrieval, then to the model servers.");
    await box.press("Enter");
    const streaming = page.locator('[data-role="interviewer"][data-status="streaming"]');
    await expect(streaming).toContainText(FIRST_WORDS, { timeout: 30_000 });
    // Acknowledged: the server stored it and said so (a pending bubble carries data-status="sending").
    const acknowledged = page.locator('[data-role="candidate"]:not([data-status])');
    await expect(acknowledged).toHaveCount(2);
    // The server has saved part of the reply as it streams (it writes every ~400 ms).
    let storedBeforeKill = "";
    await expect
      .poll(
        async () => {
          const reply = (await roomState(id)).messages.find((m) => m.status === "streaming");
          storedBeforeKill = reply?.content ?? "";
          return storedBeforeKill.length;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);

    // One more box on the board, not yet autosaved … and the server is killed.
    const boardSaves = { ok: 0, failed: 0 };
    page.on("response", (r) => {
      if (r.request().method() === "PUT" && r.url().endsWith("/board") && r.ok()) boardSaves.ok += 1;
    });
    page.on("requestfailed", (r) => {
      if (r.method() === "PUT" && r.url().endsWith("/board")) boardSaves.failed += 1;
    });
    await drawBoxUnsaved(page, "Cache", { slot: 0, row: 1 });
    await server.kill();
    // The change really was unsaved: no save of it got through, and the autosave that follows finds no server.
    await expect.poll(() => boardSaves.failed, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(boardSaves.ok).toBe(0);

    // Restart on the same data folder (the killed process's lock on it is stale, not in force).
    server = await start();
    expect(server.output()).toMatch(/marked 1 interviewer reply interrupted by the last shutdown/);
    mock.configure({ ttftMs: 50, tokensPerSecond: 0 });

    await page.reload();
    await expect(page.locator("canvas.interactive")).toBeVisible({ timeout: 30_000 });
    const state = await roomState(id);

    // Every acknowledged candidate message is there.
    await expect(acknowledged).toHaveCount(2);
    expect(state.messages.filter((m) => m.role === "candidate").map((m) => m.content)).toEqual([
      "How many users do we expect?",
      "Requests go from the gateway to retrieval, then to the model servers.",
    ]);
    // The interrupted reply is kept, marked, and holds at least what had been stored before the kill.
    const cut = state.messages.filter((m) => m.role === "interviewer" && m.replyToSeq !== null).at(-1)!;
    expect(cut.status).toBe("partial");
    expect(cut.content.startsWith(storedBeforeKill)).toBe(true);
    expect(LONG_REPLY.startsWith(cut.content)).toBe(true);
    expect(cut.content.length).toBeLessThan(LONG_REPLY.length);
    const marked = page.locator('[data-role="interviewer"][data-status="partial"]');
    await expect(marked).toHaveCount(1);
    await expect(marked).toContainText(cut.content.split(" ").slice(0, 3).join(" ").trim());
    await expect(marked).toContainText("This reply was interrupted; what arrived is kept.");
    // The board: everything the last acknowledged autosave had (the unsaved box may or may not have
    // made it, through the page's retry once the server was back).
    expect(state.board!.seq).toBeGreaterThanOrEqual(saved.seq);
    expect(boardLabels(state.board!.scene)).toEqual(expect.arrayContaining(boardLabels(saved.scene)));
    expect(
      boardLabels(state.board!.scene)
        .filter((l) => l !== "Cache")
        .sort(),
    ).toEqual(boardLabels(saved.scene).sort());

    // The interview continues: a new message gets a reply, and the board autosaves again.
    mock.enqueueReply("Welcome back. How would you cache the responses?");
    const before = await interviewerMessages(page).count();
    expect(await say(page, "Sorry, I lost you for a moment. Shall we continue?")).toContain(
      "Welcome back. How would you cache the responses?",
    );
    await expect(interviewerMessages(page)).toHaveCount(before + 1);
    await drawBoxUnsaved(page, "Rate limiter", { slot: 1, row: 1 });
    await expect(page.locator('[data-board-state="saved"]')).toBeVisible({ timeout: 10_000 });
    const after = await roomState(id);
    expect(boardLabels(after.board!.scene)).toEqual(
      expect.arrayContaining(["API gateway", "Vector DB", "Rate limiter"]),
    );
    expect(after.messages.map((m) => m.seq)).toEqual(after.messages.map((_, i) => i + 1));
  });
});
