/**
 * For fault tests that kill the app: a production server of our own (`next start` on the build in
 * .next), in its own process group so SIGKILL takes the whole server down at once, as a crash or an
 * OOM kill would, with no chance to clean up. Restart it on the same data folder to see what survived.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { childProcessEnv } from "@/lib/env";

export interface AppServerOptions {
  port: number;
  /** The embedded database's folder (TRADEOFF_DATA_DIR); reuse it to restart on the same data. */
  dataDir: string;
  /** Extra environment (model keys and base URLs, clock scale). */
  env?: Record<string, string>;
  /** How long to wait for /api/health (default 120 s: the first start migrates and imports the question bank). */
  startTimeoutMs?: number;
}

export interface AppServer {
  readonly url: string;
  readonly pid: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL to the whole process group; resolves once the server process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
}

/** Starts `next start` on the existing production build and waits until /api/health says ok. */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    path.join("node_modules", ".bin", "next"),
    ["start", "-p", String(options.port), "-H", "127.0.0.1"],
    {
      detached: true, // its own process group: kill(-pid) reaches every process it started
      stdio: ["ignore", "pipe", "pipe"],
      env: childProcessEnv({
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(options.port),
        TRADEOFF_DATA_DIR: options.dataDir,
        DATABASE_URL: "", // the embedded database: the one a crash could corrupt
        OPENAI_API_KEY: "",
        LLM_DEFAULT_MODEL: "",
        ...options.env,
      }),
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, "exit");

  const server: AppServer = {
    url,
    pid: child.pid!,
    output: () => output,
    kill: () => signalGroup(child, "SIGKILL", exited),
    stop: async () => {
      const timer = setTimeout(() => void signalGroup(child, "SIGKILL", exited), 5_000);
      await signalGroup(child, "SIGTERM", exited);
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server on ${url} exited during start-up:\n${output}`);
    const health = await fetch(`${url}/api/health`)
      .then(async (r) => (r.ok ? ((await r.json()) as { status: string }) : null))
      .catch(() => null);
    if (health?.status === "ok") return server;
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(
        `the server on ${url} was not healthy within ${options.startTimeoutMs ?? 120_000} ms:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function signalGroup(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid!, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
  await exited;
}

/**
 * Draws one labelled box with Excalidraw's tools and returns as soon as the board reports unsaved
 * changes — before the autosave (debounced ~1.2 s) sends it. `slot` and `row` place it on the grid
 * drawBoxes (support/room.ts) uses for row 0.
 */
export async function drawBoxUnsaved(page: Page, label: string, { slot, row }: { slot: number; row: number }) {
  const canvas = page.locator("canvas.interactive");
  const area = (await canvas.boundingBox())!;
  const x = area.x + 300 + slot * 320;
  const y = area.y + 260 + row * 200;
  await page.getByTestId("toolbar-rectangle").click({ force: true });
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 170, y + 80, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press("Enter");
  await page.keyboard.type(label);
  await page.keyboard.press("Escape");
  await expect(page.locator('[data-board-state="dirty"]')).toBeVisible();
}

/** Labels of the text elements on a saved board (what a person wrote in the boxes). */
export function boardLabels(scene: unknown): string[] {
  const elements =
    (scene as { elements?: { type?: string; text?: string; isDeleted?: boolean }[] } | null)?.elements ?? [];
  return elements.filter((e) => e.type === "text" && !e.isDeleted).map((e) => e.text ?? "");
}
