// npm run content:import [DIR] — import a question bank into the configured database (idempotent).
import path from "node:path";
import { importContent } from "@/lib/content/import";
import { loadContentBank } from "@/lib/content/load";
import { databaseConfigFromEnv, openMigratedDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { runCli } from "./cli";

await runCli(async () => {
  const dir = path.resolve(process.argv[2] ?? getEnv().TRADEOFF_CONTENT_DIR);
  const bank = await loadContentBank(dir);
  const db = await openMigratedDatabase(databaseConfigFromEnv());
  try {
    const result = await importContent(db.prisma, bank);
    for (const c of result.created) console.log(`+ ${c.kind} ${c.slug}@${c.version}`);
    console.log(`${db.location}: ${result.created.length} new version(s), ${result.unchanged} unchanged.`);
  } finally {
    await db.close();
  }
});
