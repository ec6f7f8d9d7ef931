// npm run db:migrate [-- --rolled-back <migration>] — apply pending migrations to the configured database.
import { databaseConfigFromEnv } from "@/lib/db";
import { openDatabase } from "@/lib/db/connection";
import { applyMigrations, markRolledBack, readMigrations } from "@/lib/db/migrate";
import { runCli } from "./cli";

await runCli(async () => {
  const db = await openDatabase(databaseConfigFromEnv());
  try {
    const rolledBack = process.argv.indexOf("--rolled-back");
    if (rolledBack >= 0) {
      const name = process.argv[rolledBack + 1];
      if (!name) throw new Error("--rolled-back needs the migration's name");
      const marked = await markRolledBack(db.sql, name);
      console.log(marked ? `Marked ${name} as rolled back.` : `No failed migration named ${name}; nothing to do.`);
      return;
    }
    const result = await applyMigrations(db.sql, await readMigrations(), (line) => console.log(line));
    console.log(`${db.location}: ${result.applied.length} applied, ${result.alreadyApplied} already applied.`);
  } finally {
    await db.close();
  }
});
