// npm run interview:import -- <file.json> — stores an interchange file as an ended interview of the local user.
import { readFile } from "node:fs/promises";
import { localUser } from "@/lib/auth/session";
import { databaseConfigFromEnv, openMigratedDatabase } from "@/lib/db";
import { parseInterchange } from "@/lib/interchange/schema";
import { importInterview } from "@/lib/interchange/store";
import { runCli } from "./cli";

await runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npm run interview:import -- <file.json>");
  const parsed = parseInterchange(await readFile(file, "utf8"));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  const db = await openMigratedDatabase(databaseConfigFromEnv());
  try {
    const user = await localUser(db);
    const { id } = await importInterview(db.prisma, user.id, parsed.doc);
    console.log(`Imported ${file} as interview ${id} (/interviews/${id}).`);
  } finally {
    await db.close();
  }
});
