// Runs after `npm install`: generates the Prisma client and copies Excalidraw's fonts into public/.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { childProcessEnv } from "@/lib/env";

const require = createRequire(import.meta.url);

// Generating the client needs no schema engine, but the CLI tries to download one unless
// PRISMA_SCHEMA_ENGINE_BINARY is set, and that download fails offline (DESIGN.md §9); point it at a
// harmless placeholder unless the caller chose one.
const prismaCli = require.resolve("prisma/build/index.js");
const base = childProcessEnv();
const generate = spawnSync(process.execPath, [prismaCli, "generate"], {
  stdio: "inherit",
  env: childProcessEnv({
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_SCHEMA_ENGINE_BINARY: base.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  }),
});
if (generate.status !== 0) process.exit(generate.status ?? 1);

// Excalidraw loads its hand-drawn fonts from a CDN unless they are served locally; self-hosted
// installs may have no internet. The CJK font (13 MB) stays on the CDN fallback.
const fontsSource = path.join("node_modules", "@excalidraw", "excalidraw", "dist", "prod", "fonts");
const fontsTarget = path.join("public", "excalidraw-assets", "fonts");
if (existsSync(fontsSource)) {
  mkdirSync(fontsTarget, { recursive: true });
  for (const family of readdirSync(fontsSource)) {
    if (family !== "Xiaolai")
      cpSync(path.join(fontsSource, family), path.join(fontsTarget, family), { recursive: true });
  }
}
