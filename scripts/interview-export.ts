// npm run interview:export -- <interview-id> [--out file.json] — writes an interview in the interchange format.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { databaseConfigFromEnv, openMigratedDatabase } from "@/lib/db";
import { exportInterview } from "@/lib/interchange/store";
import { runCli } from "./cli";

await runCli(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: "string" } } });
  const id = positionals[0];
  if (!id) throw new Error("usage: npm run interview:export -- <interview-id> [--out file.json]");
  const db = await openMigratedDatabase(databaseConfigFromEnv());
  try {
    const text = `${JSON.stringify(await exportInterview(db.prisma, id, null), null, 2)}\n`;
    if (values.out) {
      await writeFile(values.out, text);
      console.error(`Wrote ${values.out}`);
    } else {
      process.stdout.write(text);
    }
  } finally {
    await db.close();
  }
});
