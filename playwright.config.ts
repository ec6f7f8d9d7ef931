import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./tests/support/chromium";
import { childProcessEnv } from "./lib/env";

const PORT = 3210;
const MOCK_LLM_PORT = 4010;
/** Interview time runs 30x faster in the e2e server: a 30-minute interview lasts a minute. */
export const E2E_CLOCK_SCALE = 30;
/** Created on the server's first start from ADMIN_EMAIL / ADMIN_PASSWORD (lib/auth/bootstrap.ts). */
export const E2E_ADMIN = { email: "admin@e2e.test", password: "harbor-lantern-e2e-7" };
const baseURL = `http://127.0.0.1:${PORT}`;
// Each run gets its own embedded database, so tests never see an earlier run's data.
const dataDir = path.join(os.tmpdir(), `tradeoff-e2e-${Date.now()}`);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      // A stand-in for Anthropic's API that follows the interviewer prompt's per-turn directive.
      command: `npx tsx scripts/mock-llm.ts --port ${MOCK_LLM_PORT} --follow-directive`,
      url: `http://127.0.0.1:${MOCK_LLM_PORT}/v1/models`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // The production server: builds first if the sources changed (scripts/start.ts).
      command: "npx tsx --conditions=react-server scripts/start.ts",
      url: `${baseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: childProcessEnv({
        PORT: String(PORT),
        TRADEOFF_DATA_DIR: dataDir,
        DATABASE_URL: "",
        TRADEOFF_CLOCK_SCALE: String(E2E_CLOCK_SCALE),
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        ANTHROPIC_API_KEY: "e2e-test-key",
        ANTHROPIC_BASE_URL: `http://127.0.0.1:${MOCK_LLM_PORT}`,
        OPENAI_API_KEY: "",
        LLM_DEFAULT_MODEL: "",
      }) as Record<string, string>,
    },
  ],
});
