// Configuration for the Prisma CLI (generate; migrate/status where the schema engine is available).
// The app itself never reads this file: lib/db builds its client from lib/env.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
