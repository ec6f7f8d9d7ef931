/**
 * The one place that reads process.env. Every variable is validated with zod; an invalid value
 * stops start-up with a message naming the variable and what is expected. README.md documents each.
 */
import { z } from "zod";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const flag = z
  .preprocess(emptyAsUndefined, z.enum(["0", "1", "true", "false"]).optional())
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
  message: "must be a Postgres connection URL such as postgresql://user:password@localhost:5432/tradeoff",
});

const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL such as http://localhost:11434/v1" });

export const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "production", "test"]).default("development")),
  /** Postgres connection URL. Unset: the embedded PGlite database under TRADEOFF_DATA_DIR. */
  DATABASE_URL: optional(postgresUrl),
  /** Folder for the embedded database and other local state. */
  TRADEOFF_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  /** Folder of the question bank imported on start. */
  TRADEOFF_CONTENT_DIR: z.preprocess(emptyAsUndefined, z.string().default("content")),
  /** Skip importing the question bank on start (it is idempotent, so this only saves a little time). */
  TRADEOFF_SKIP_CONTENT_IMPORT: flag,
  /**
   * Interview seconds per real second for new interviews. 1 for real use; the end-to-end tests and
   * the simulator compress time (e.g. 60: a 45-minute interview lasts 45 seconds).
   */
  TRADEOFF_CLOCK_SCALE: z.preprocess(emptyAsUndefined, z.coerce.number().min(1).max(3600).default(1)),
  /** Set by Next.js while it builds; nothing touches the database then. */
  NEXT_PHASE: optional(z.string()),
  /** Chromium for the end-to-end tests and screenshots (Playwright cannot download its own here). */
  CHROMIUM_PATH: optional(z.string()),
  /** Port for `npm start`. */
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  /** Anthropic API key. Set: Claude (ANTHROPIC_MODEL) is offered. Unset with no other key: the offline interviewer only. */
  ANTHROPIC_API_KEY: optional(z.string()),
  /** Anthropic API base URL, for a proxy or gateway. Unset: https://api.anthropic.com. */
  ANTHROPIC_BASE_URL: optional(httpUrl),
  /** The Claude model offered when ANTHROPIC_API_KEY is set. */
  ANTHROPIC_MODEL: z.preprocess(emptyAsUndefined, z.string().default("claude-sonnet-4-6")),
  /** OpenAI API key. Set: OPENAI_MODEL is offered. */
  OPENAI_API_KEY: optional(z.string()),
  /** OpenAI API base URL (with /v1), for a proxy or gateway. Unset: https://api.openai.com/v1. */
  OPENAI_BASE_URL: optional(httpUrl),
  /** The OpenAI model offered when OPENAI_API_KEY is set. */
  OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().default("gpt-5-mini")),
  /** Base URL (with /v1) of a self-hosted OpenAI-compatible server: Ollama, vLLM, LM Studio. Needs OPENAI_COMPATIBLE_MODEL. */
  OPENAI_COMPATIBLE_BASE_URL: optional(httpUrl),
  /** The model name that server serves, e.g. llama3.1. */
  OPENAI_COMPATIBLE_MODEL: optional(z.string()),
  /** Key for that server, if it wants one (most local servers do not). */
  OPENAI_COMPATIBLE_API_KEY: optional(z.string()),
  /** Model preselected for new interviews: offline, anthropic:<model>, openai:<model> or openai-compatible:<model>. Unset: the first configured. */
  LLM_DEFAULT_MODEL: optional(
    z.string().regex(/^(offline|(anthropic|openai|openai-compatible):\S+)$/, {
      message: "must be offline, anthropic:<model>, openai:<model> or openai-compatible:<model>",
    }),
  ),
  /** How long to wait for a model's first token before retrying or falling back (default 20000). */
  LLM_FIRST_TOKEN_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(600_000)),
  /** Retries per model after a failed attempt, before falling back to the next model (default 2). */
  LLM_MAX_RETRIES: optional(z.coerce.number().int().min(0).max(10)),
  /** Milliseconds between the offline interviewer's streamed words (default 15, for the UI); tests use 0. */
  LLM_OFFLINE_WORD_DELAY_MS: optional(z.coerce.number().int().min(0).max(1000)),
  /**
   * Single-user local mode: visitors from the loopback address are signed in as the local user.
   * Default: on with the embedded database, off with DATABASE_URL.
   */
  LOCAL_MODE: flag,
  /** Signs session cookies. Default: a random secret generated once and kept in the database. */
  AUTH_SECRET: optional(z.string().min(32, { message: "must be at least 32 characters" })),
  /** The public URL of the app (for links in logs and the auth library); default http://localhost:PORT. */
  APP_URL: optional(httpUrl),
  /** First start creates this admin if no admin exists (both must be set). */
  ADMIN_EMAIL: optional(z.email({ message: "must be an email address" })),
  ADMIN_PASSWORD: optional(z.string().min(10, { message: "must be at least 10 characters" })),
  /** Default monthly model-token quota per user (input + output tokens); 0 means unlimited. */
  DEFAULT_MONTHLY_TOKEN_QUOTA: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(2_000_000)),
  /** Default model-calling requests per minute per user; 0 means unlimited. */
  DEFAULT_REQUESTS_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(30)),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses an environment; exported for tests, which pass their own record. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The raw environment, for handing to child processes unchanged (scripts only). */
export function childProcessEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
