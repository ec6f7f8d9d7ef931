/**
 * bench:frontend — JavaScript each page loads in the production build, measured in headless Chromium
 * (every script response until the network is idle: initial chunks plus lazy ones), compressed as
 * served (gzip by `next start`) and re-compressed here with gzip -9 and brotli -11; which pages pull in
 * Excalidraw; and the time until the interview room's board is interactive (canvas ready, first
 * stroke registered), from navigation start.
 *
 *   npm run bench:frontend [-- --runs 5 --db auto]
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "@/tests/support/chromium";
import { parseFlags, positiveNumber } from "./support/args";
import { getJson, postJson, startInterview } from "./support/http";
import { check, fmt, printChecks, printTable, type Check } from "./support/report";
import { machine, writeResult } from "./support/results";
import { resolveDb, startStack, stopOnSignal } from "./support/setup";
import { median, round } from "./support/stats";

const KB = 1024;
/** Text only Excalidraw's own modules contain (its core, its locale bundles, its package path). */
const EXCALIDRAW_MARKERS = ["excalidrawContainerRef", "excalidrawplus_", "@excalidraw/excalidraw"];
/** The one page that may load Excalidraw: the interview room. */
const ROOM = /^\/interviews\/\[id\]$/;
/** Interview pages (the room, its report, the coach's review of it): the 180 KB budget is for the others. */
const INTERVIEW_PAGE = /\/interviews\/\[id\]/;

interface ScriptLoad {
  url: string;
  initial: boolean;
  transferBytes: number;
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  encoding: string | null;
  excalidraw: boolean;
}

interface RouteResult {
  route: string;
  url: string;
  finalUrl: string;
  status: number;
  scripts: number;
  initialGzipKB: number;
  transferKB: number;
  rawKB: number;
  gzipKB: number;
  brotliKB: number;
  excalidrawKB: number;
  excalidrawChunks: number;
  /** Content-Encoding of the script responses as served. */
  encodings: string[];
  /** Each script: path, gzip KB, whether it is in the HTML, whether it is Excalidraw's. */
  files: { path: string; gzipKB: number; initial: boolean; excalidraw: boolean }[];
}

function compressed(body: Buffer) {
  return {
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function measureRoute(browser: Browser, base: string, route: string, url: string): Promise<RouteResult> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const pending: Promise<ScriptLoad | null>[] = [];
  let initialScripts = new Set<string>();
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      (async () => {
        try {
          const body = await response.body();
          const sizes = await response.request().sizes();
          const text = body.toString("utf8");
          const { gzip, brotli } = compressed(body);
          return {
            url: response.url(),
            initial: false,
            transferBytes: sizes.responseBodySize,
            rawBytes: body.length,
            gzipBytes: gzip,
            brotliBytes: brotli,
            encoding: (await response.allHeaders())["content-encoding"] ?? null,
            excalidraw: EXCALIDRAW_MARKERS.some((m) => text.includes(m)),
          };
        } catch {
          return null;
        }
      })(),
    );
  });
  const response = await page.goto(`${base}${url}`, { waitUntil: "networkidle", timeout: 120_000 });
  // Scripts named in the server-rendered HTML are the route's initial (first-load) JS.
  const html = (await response?.text()) ?? "";
  initialScripts = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1]!, base).href));
  await page.waitForTimeout(500);
  const scripts = (await Promise.all(pending)).filter((s): s is ScriptLoad => s !== null);
  for (const s of scripts) s.initial = initialScripts.has(s.url);
  const finalUrl = page.url().replace(base, "");
  await context.close();
  const sum = (pick: (s: ScriptLoad) => number, filter: (s: ScriptLoad) => boolean = () => true) =>
    round(scripts.filter(filter).reduce((t, s) => t + pick(s), 0) / KB, 1);
  return {
    route,
    url,
    finalUrl,
    status: response?.status() ?? 0,
    scripts: scripts.length,
    initialGzipKB: sum(
      (s) => s.gzipBytes,
      (s) => s.initial,
    ),
    transferKB: sum((s) => s.transferBytes),
    rawKB: sum((s) => s.rawBytes),
    gzipKB: sum((s) => s.gzipBytes),
    brotliKB: sum((s) => s.brotliBytes),
    excalidrawKB: sum(
      (s) => s.gzipBytes,
      (s) => s.excalidraw,
    ),
    excalidrawChunks: scripts.filter((s) => s.excalidraw).length,
    encodings: [...new Set(scripts.map((s) => s.encoding ?? "identity"))],
    files: scripts
      .map((s) => ({
        path: new URL(s.url).pathname,
        gzipKB: round(s.gzipBytes / KB, 1),
        initial: s.initial,
        excalidraw: s.excalidraw,
      }))
      .sort((a, b) => b.gzipKB - a.gzipKB),
  };
}

interface BoardRun {
  cache: "cold" | "warm";
  domContentLoadedMs: number;
  canvasReadyMs: number;
  strokeRegisteredMs: number;
}

/** From navigation start: the Excalidraw canvas is on screen, then a drawn rectangle reaches the board saver. */
async function boardTimes(page: Page, base: string, id: string, cache: BoardRun["cache"]): Promise<BoardRun> {
  await page.goto(`${base}/interviews/${id}`, { waitUntil: "commit" });
  const canvasReadyMs = (await (
    await page.waitForFunction(
      () => {
        const canvas = document.querySelector("canvas.interactive");
        return canvas && canvas.getBoundingClientRect().width > 0 ? performance.now() : 0;
      },
      null,
      { timeout: 60_000, polling: 10 },
    )
  ).jsonValue()) as number;
  const canvas = page.locator("canvas.interactive");
  const box = (await canvas.boundingBox())!;
  await page.getByTestId("toolbar-rectangle").click({ force: true });
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 120, y + 60, { steps: 3 });
  await page.mouse.up();
  const strokeRegisteredMs = (await (
    await page.waitForFunction(
      () => {
        const state = document.querySelector("[data-board-state]")?.getAttribute("data-board-state");
        return state && state !== "saved" ? performance.now() : 0;
      },
      null,
      { timeout: 30_000, polling: 10 },
    )
  ).jsonValue()) as number;
  const domContentLoadedMs = (await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return nav?.domContentLoadedEventEnd ?? 0;
  })) as number;
  return { cache, domContentLoadedMs, canvasReadyMs, strokeRegisteredMs };
}

async function waitForReport(base: string, id: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const report = await getJson<{ status?: string; report?: { status?: string } | null }>(
      base,
      `/api/interviews/${id}/report`,
    ).catch(() => null);
    const status = report?.report?.status ?? report?.status;
    if (status === "complete" || status === "incomplete") return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the report of ${id} was not ready in 2 minutes`);
}

/** Every page route of the build (read right after the server started, in case someone rebuilds meanwhile). */
function pageRoutes(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(".next", "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  return [
    ...new Set(
      Object.entries(manifest)
        .filter(([k]) => k.endsWith("/page"))
        .map(([, v]) => v),
    ),
  ]
    .filter((r) => !r.startsWith("/_"))
    .sort();
}

async function main() {
  const flags = parseFlags("frontend", {
    runs: { default: "5", help: "board-interactive runs per cache state (cold, warm)" },
    db: { default: "auto", help: "postgres (a scratch database on DATABASE_URL's server), pglite, or auto" },
  });
  const runs = Math.round(positiveNumber("runs", flags.runs));
  const startedAt = new Date();
  const startMachine = machine();
  const db = await resolveDb(flags.db);
  const stack = await startStack({ label: "frontend", db });
  stopOnSignal(stack.stop);
  const routes: RouteResult[] = [];
  const skipped: string[] = [];
  const board: BoardRun[] = [];
  let browser: Browser | null = null;
  try {
    const base = stack.server.url;
    const pages = pageRoutes();
    const options = {
      promptSlug: "design-chatgpt",
      frameworkSlug: "nine-step",
      durationMinutes: 45 as const,
      level: "senior" as const,
      mode: "interview" as const,
      model: "offline",
    };
    const room = await startInterview(base, options);
    const ended = await startInterview(base, options);
    const end = await postJson(base, `/api/interviews/${ended}/end`, {});
    if (!end.ok) throw new Error(`could not end an interview: HTTP ${end.status}`);
    await waitForReport(base, ended);

    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
    for (const route of pages) {
      const url = route
        .replace(/^\/interviews\/\[id\]$/, `/interviews/${room}`)
        .replace(/\[id\]/g, ended)
        .replace(/\[slug\]/g, "design-chatgpt");
      if (/\[/.test(url)) {
        skipped.push(route);
        continue;
      }
      console.log(`loading ${route}…`);
      routes.push(await measureRoute(browser, base, route, url));
    }

    console.log("timing the board…");
    const ids = await Promise.all(Array.from({ length: runs * 2 }, () => startInterview(base, options)));
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      board.push(await boardTimes(page, base, ids[i]!, "cold"));
      board.push(await boardTimes(page, base, ids[runs + i]!, "warm"));
      await context.close();
    }
  } finally {
    await browser?.close();
    await stack.stop();
  }

  const encodings = [...new Set(routes.flatMap((r) => r.encodings))].join(", ");
  printTable(
    "JavaScript per page (KB; all scripts until network idle; initial = scripts in the HTML)",
    ["route", "status", "scripts", "initial gz", "served", "raw", "gzip -9", "brotli -11", "Excalidraw gz"],
    routes.map((r) => [
      r.route,
      String(r.status),
      String(r.scripts),
      fmt(r.initialGzipKB),
      fmt(r.transferKB),
      fmt(r.rawKB),
      fmt(r.gzipKB),
      fmt(r.brotliKB),
      r.excalidrawChunks > 0 ? `${fmt(r.excalidrawKB)} (${r.excalidrawChunks} chunks)` : "none",
    ]),
  );
  if (skipped.length > 0) console.log(`skipped (no value for a dynamic segment): ${skipped.join(", ")}`);
  const cold = board.filter((b) => b.cache === "cold");
  const warm = board.filter((b) => b.cache === "warm");
  printTable(
    `Interview room, time from navigation start (ms, median of ${runs})`,
    ["cache", "DOMContentLoaded", "canvas ready", "first stroke registered"],
    [cold, warm].map((list) => [
      list[0]?.cache ?? "",
      fmt(median(list.map((b) => b.domContentLoadedMs)), 0),
      fmt(median(list.map((b) => b.canvasReadyMs)), 0),
      fmt(median(list.map((b) => b.strokeRegisteredMs)), 0),
    ]),
  );

  const nonRoom = routes.filter((r) => !ROOM.test(r.route));
  const nonInterview = routes.filter((r) => !INTERVIEW_PAGE.test(r.route));
  const heaviest = (list: RouteResult[], pick: (r: RouteResult) => number) =>
    list.reduce<RouteResult | null>((a, r) => (a === null || pick(r) > pick(a) ? r : a), null);
  const heaviestGzip = heaviest(nonInterview, (r) => r.gzipKB);
  const heaviestBrotli = heaviest(nonInterview, (r) => r.brotliKB);
  const leaking = nonRoom.filter((r) => r.excalidrawChunks > 0);
  const roomRoute = routes.find((r) => ROOM.test(r.route));
  const checks: Check[] = [
    check(
      `heaviest non-interview page, gzip (${heaviestGzip?.route ?? "—"})`,
      heaviestGzip?.gzipKB ?? null,
      "<=",
      180,
      "KB",
    ),
    check(
      `heaviest non-interview page, brotli (${heaviestBrotli?.route ?? "—"})`,
      heaviestBrotli?.brotliKB ?? null,
      "<=",
      180,
      "KB",
    ),
    check("pages other than the room that load Excalidraw", leaking.length, "<=", 0, "", 0),
    check(
      "the room loads Excalidraw (1 = yes)",
      roomRoute ? Number(roomRoute.excalidrawChunks > 0) : null,
      ">=",
      1,
      "",
      0,
    ),
  ];
  if (leaking.length > 0) console.log(`Excalidraw loaded by: ${leaking.map((r) => r.route).join(", ")}`);
  console.log(
    `\ninterview pages (outside the 180 KB budget): ${routes
      .filter((r) => INTERVIEW_PAGE.test(r.route))
      .map((r) => `${r.route} ${fmt(r.gzipKB)} KB gz`)
      .join(", ")}`,
  );
  printChecks(checks);
  await writeResult(
    "frontend",
    {
      database: db,
      compression: { served: encodings, local: "gzip level 9, brotli quality 11 of the same bytes" },
      excalidrawMarkers: EXCALIDRAW_MARKERS,
      routes,
      skippedRoutes: skipped,
      board: {
        runs,
        cold: summarizeBoard(cold),
        warm: summarizeBoard(warm),
        samples: board.map((b) => ({
          ...b,
          domContentLoadedMs: round(b.domContentLoadedMs, 1),
          canvasReadyMs: round(b.canvasReadyMs, 1),
          strokeRegisteredMs: round(b.strokeRegisteredMs, 1),
        })),
      },
    },
    checks,
    startedAt,
    startMachine,
  );
}

function summarizeBoard(list: BoardRun[]) {
  return {
    domContentLoadedMs: round(median(list.map((b) => b.domContentLoadedMs)), 1),
    canvasReadyMs: round(median(list.map((b) => b.canvasReadyMs)), 1),
    strokeRegisteredMs: round(median(list.map((b) => b.strokeRegisteredMs)), 1),
  };
}

await main();
