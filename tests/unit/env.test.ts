import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("environment", () => {
  it("defaults to the embedded database, port 3000 and the shipped content", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TRADEOFF_DATA_DIR).toBe(".data");
    expect(env.TRADEOFF_CONTENT_DIR).toBe("content");
    expect(env.PORT).toBe(3000);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/tradeoff" }).DATABASE_URL).toBe(
      "postgresql://u:p@db:5432/tradeoff",
    );
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x" }).DATABASE_URL).toBe("postgres://localhost/x");
  });

  it("names the variable and what is expected when a value is invalid", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "mysql://localhost/db", PORT: "eighty" });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL: must be a Postgres connection URL such as postgresql:\/\//);
      expect(message).toMatch(/PORT: /);
    }
  });

  it("parses boolean flags", () => {
    expect(parseEnv({ TRADEOFF_SKIP_CONTENT_IMPORT: "1" }).TRADEOFF_SKIP_CONTENT_IMPORT).toBe(true);
    expect(parseEnv({ TRADEOFF_SKIP_CONTENT_IMPORT: "false" }).TRADEOFF_SKIP_CONTENT_IMPORT).toBe(false);
    expect(() => parseEnv({ TRADEOFF_SKIP_CONTENT_IMPORT: "yes please" })).toThrow(/TRADEOFF_SKIP_CONTENT_IMPORT/);
  });
});
