import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Two projects: unit tests are pure and fast; integration tests talk to a real database
// (embedded PGlite by default, Postgres when TEST_DATABASE_URL is set) and run one file at a time.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside a React server bundle; tests run server modules directly.
      { find: /^server-only$/, replacement: `${root}/tests/support/empty-module.ts` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "prompts/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 60_000,
          // The offline interviewer streams without pausing between words (15 ms a word is for people).
          env: { LLM_OFFLINE_WORD_DELAY_MS: "0" },
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
