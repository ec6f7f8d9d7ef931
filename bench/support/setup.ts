/** Shared set-up of the HTTP benchmarks: a mock model server, a database and a production server. */
import { startMock, type MockProcess } from "./mock";
import { createScratchDatabase, postgresAvailable, type ScratchDatabase } from "./postgres";
import { startServer, type BenchServer } from "./server";

/** The model id the app offers for the mock (Anthropic wire protocol). */
export const MOCK_MODEL_ID = "anthropic:claude-sonnet-4-6";

export type DbChoice = "postgres" | "pglite";

export async function resolveDb(flag: string): Promise<DbChoice> {
  if (flag === "pglite") return "pglite";
  if (flag === "postgres") return "postgres";
  if (flag !== "auto") throw new Error(`--db must be postgres, pglite or auto, got "${flag}"`);
  return (await postgresAvailable()) ? "postgres" : "pglite";
}

export interface Stack {
  mock: MockProcess | null;
  server: BenchServer;
  db: DbChoice;
  stop(): Promise<void>;
}

/** Starts the mock (when timing is given), a fresh database and the server wired to both. */
export async function startStack(options: {
  label: string;
  db: DbChoice;
  mock?: { ttftMs: number; tokensPerSecond: number };
}): Promise<Stack> {
  const mock = options.mock ? await startMock(options.mock) : null;
  let scratch: ScratchDatabase | null = null;
  try {
    scratch = options.db === "postgres" ? await createScratchDatabase(options.label) : null;
    console.log(
      `starting the production server (${options.db}${mock ? `, mock model at ${mock.url}` : ", offline only"})…`,
    );
    const server = await startServer({
      databaseUrl: scratch?.url,
      env: mock
        ? { ANTHROPIC_API_KEY: "bench-key", ANTHROPIC_BASE_URL: mock.url, LLM_DEFAULT_MODEL: MOCK_MODEL_ID }
        : { LLM_DEFAULT_MODEL: "offline" },
    });
    console.log(
      `server ready at ${server.url} (pid ${server.serverPid() ?? "?"}${server.built ? ", built first" : ""})`,
    );
    return {
      mock,
      server,
      db: options.db,
      async stop() {
        await server.stop();
        await mock?.stop();
        await scratch?.drop().catch((error: unknown) => console.error(`could not drop ${scratch?.name}:`, error));
      },
    };
  } catch (error) {
    await mock?.stop();
    await scratch?.drop().catch(() => {});
    throw error;
  }
}

/** Stops the stack on Ctrl-C too, so no server or database is left behind. */
export function stopOnSignal(stop: () => Promise<void>): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping…`);
      void stop().finally(() => process.exit(130));
    });
  }
}
