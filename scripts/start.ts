// npm start: build when the sources are newer than the last build, then serve the production app.
// The server migrates the database and imports the question bank itself before it takes requests
// (instrumentation.ts), so `next start` alone does the same.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { localModeEnabled } from "@/lib/auth/local-mode";
import { childProcessEnv, EnvError, getEnv } from "@/lib/env";

const SOURCES = [
  "app",
  "components",
  "lib",
  "prompts",
  "public",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
];
const IGNORED = new Set(["node_modules", ".next", "generated"]);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) {
    if (!IGNORED.has(name)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  return Math.max(...SOURCES.map(newestMtime)) > statSync(buildId).mtimeMs;
}

let env;
try {
  env = getEnv();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}

const next = path.join("node_modules", ".bin", "next");
if (needsBuild()) {
  console.log("[tradeoff] building the app (first start, or the sources changed)…");
  const build = spawnSync(next, ["build"], {
    stdio: "inherit",
    env: childProcessEnv({ NEXT_TELEMETRY_DISABLED: "1" }),
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Local mode signs in whoever is on this machine, so the server then listens on loopback only.
const local = localModeEnabled(env);
const host = local ? ["-H", "127.0.0.1"] : [];
console.log(
  `[tradeoff] starting on http://localhost:${env.PORT}` +
    (local ? " (local mode: this machine only; set DATABASE_URL or LOCAL_MODE=0 for accounts)" : ""),
);
const server = spawn(next, ["start", "-p", String(env.PORT), ...host], {
  stdio: "inherit",
  env: childProcessEnv({ NEXT_TELEMETRY_DISABLED: "1" }),
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
