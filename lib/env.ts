/**
 * The one place that reads process.env. Every variable is validated with zod; an invalid value
 * stops start-up with a message naming the variable and what is expected. README.md documents each.
 */
import { z } from "zod";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const flag = z.preprocess(emptyAsUndefined, z.enum(["0", "1", "true", "false"]).optional()).transform((v) =>
  v === undefined ? undefined : v === "1" || v === "true",
);

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
    message: "must be a Postgres connection URL such as postgresql://user:password@localhost:5432/tradeoff",
  });

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
  /** Set by Next.js while it builds; nothing touches the database then. */
  NEXT_PHASE: optional(z.string()),
  /** Chromium for the end-to-end tests and screenshots (Playwright cannot download its own here). */
  CHROMIUM_PATH: optional(z.string()),
  /** Port for `npm start`. */
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
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
