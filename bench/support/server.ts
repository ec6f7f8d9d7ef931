/**
 * The production server for HTTP benchmarks, started the way Playwright starts it: `scripts/start.ts`
 * (which builds first when the sources are newer than .next), on a port of the benchmark range, with
 * its own database and the model settings given. The timed part of a benchmark starts after
 * /api/health answers, so a build never counts.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { commandOf, descendants, freePort, rssBytes, spawnGroup, type Spawned } from "./processes";

export interface ServerOptions {
  /** Postgres URL of a database for this server alone; unset: a fresh embedded PGlite in a temp folder. */
  databaseUrl?: string;
  /** Extra environment (model keys and base URLs, LLM_DEFAULT_MODEL, …). */
  env?: Record<string, string>;
  /** How long to wait for /api/health, build included (default 20 minutes). */
  readyTimeoutMs?: number;
}

export interface BenchServer {
  url: string;
  port: number;
  /** The database the server uses, for the report. */
  database: string;
  /** Whether scripts/start.ts had to build first. */
  built: boolean;
  /** The Next.js server process (the largest process of the tree), for memory samples. */
  serverPid(): number | null;
  /** RSS of the Next.js server process, bytes. */
  serverRss(): number | null;
  process: Spawned;
  stop(): Promise<void>;
}

/**
 * Settings that make a benchmark measure the app, not its guards: one local user (local mode, on
 * loopback) runs every interview, so the per-user request rate limit and monthly token quota are
 * lifted (0 = unlimited); interview time runs at real speed.
 */
const BENCH_ENV: Record<string, string> = {
  NEXT_TELEMETRY_DISABLED: "1",
  LOCAL_MODE: "1",
  DEFAULT_REQUESTS_PER_MINUTE: "0",
  DEFAULT_MONTHLY_TOKEN_QUOTA: "0",
  TRADEOFF_CLOCK_SCALE: "1",
  TRADEOFF_SKIP_CONTENT_IMPORT: "",
  ANTHROPIC_API_KEY: "",
  ANTHROPIC_BASE_URL: "",
  OPENAI_API_KEY: "",
  OPENAI_BASE_URL: "",
  OPENAI_COMPATIBLE_BASE_URL: "",
  OPENAI_COMPATIBLE_MODEL: "",
  LLM_DEFAULT_MODEL: "",
};

/** Another `next build` in this tree (someone else's) rewrites .next: wait for it rather than race it. */
async function waitForOtherBuilds(timeoutMs: number): Promise<void> {
  const building = () =>
    readdirSync("/proc").some((entry) => /^\d+$/.test(entry) && /next(\.js)? build\b/.test(commandOf(Number(entry))));
  if (!building()) return;
  console.log("(another `next build` is running in this tree; waiting for it to finish)");
  const deadline = Date.now() + timeoutMs;
  while (building() && Date.now() < deadline) await sleep(2_000);
  await sleep(2_000);
}

export async function startServer(options: ServerOptions = {}): Promise<BenchServer> {
  await waitForOtherBuilds(options.readyTimeoutMs ?? 20 * 60_000);
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "tradeoff-bench-"));
  const env = {
    ...BENCH_ENV,
    PORT: String(port),
    TRADEOFF_DATA_DIR: path.join(dir, "data"),
    DATABASE_URL: options.databaseUrl ?? "",
    ...options.env,
  };
  const spawned = spawnGroup(
    path.join("node_modules", ".bin", "tsx"),
    ["--conditions=react-server", "scripts/start.ts"],
    env,
    path.join(dir, "server.log"),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 20 * 60_000);
  let announcedBuild = false;
  for (;;) {
    if (!announcedBuild && spawned.output().includes("building the app")) {
      announcedBuild = true;
      console.log("(scripts/start.ts is building the app first; this takes a few minutes and is not timed)");
    }
    const exit = await Promise.race([spawned.exited, sleep(500).then(() => "running" as const)]);
    if (exit !== "running") {
      throw new Error(
        `the server exited (code ${exit}) before it was ready; log ${spawned.logFile}:\n${tail(spawned)}`,
      );
    }
    try {
      const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await spawned.stop();
      throw new Error(`the server was not ready in time; log ${spawned.logFile}:\n${tail(spawned)}`);
    }
  }

  let pid: number | null = null;
  const findServer = () => {
    const tree = descendants(spawned.pid);
    const withRss = tree.map((p) => ({ p, rss: rssBytes(p) ?? 0, cmd: commandOf(p) }));
    const next = withRss.filter((x) => /next/.test(x.cmd)).sort((a, b) => b.rss - a.rss)[0];
    pid = next?.p ?? null;
    return pid;
  };
  findServer();
  const serverPid = () => (pid !== null && rssBytes(pid) !== null ? pid : findServer());
  return {
    url,
    port,
    database: options.databaseUrl ? "Postgres" : "embedded PGlite",
    built: announcedBuild,
    serverPid,
    serverRss() {
      const p = serverPid();
      return p === null ? null : rssBytes(p);
    },
    process: spawned,
    stop: () => spawned.stop(10_000),
  };
}

function tail(spawned: Spawned): string {
  return spawned.output().split("\n").slice(-40).join("\n");
}
