// Runs `prisma generate` after install. Generating the client needs no schema engine, but the CLI
// tries to download one unless PRISMA_SCHEMA_ENGINE_BINARY is set, and that download fails offline
// (DESIGN.md §9); point it at a harmless placeholder unless the caller chose one.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { childProcessEnv } from "@/lib/env";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
const base = childProcessEnv();
const env = childProcessEnv({
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_SCHEMA_ENGINE_BINARY: base.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
});

const result = spawnSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
