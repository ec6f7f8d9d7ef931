// Runs `prisma generate` after install. Generating the client needs no schema engine, but the CLI
// tries to download one unless PRISMA_SCHEMA_ENGINE_BINARY is set; that download fails offline
// (DESIGN.md §9), so point it at a harmless placeholder when it is not set.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

const result = spawnSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
