// npm run content:export -- [--out DIR | --zip FILE.zip] [--archived]
// Writes the latest version of every item in the configured database as content/ files: a folder in the
// content/ layout (default ./content-export) or a .zip. Imported versions come out byte for byte.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { contentZip, exportContentFiles } from "@/lib/content/export";
import { databaseConfigFromEnv, openMigratedDatabase } from "@/lib/db";
import { runCli } from "./cli";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

await runCli(async () => {
  const zipPath = option("--zip");
  const outDir = path.resolve(option("--out") ?? "content-export");
  const includeArchived = args.includes("--archived");
  const db = await openMigratedDatabase(databaseConfigFromEnv());
  try {
    const files = await exportContentFiles(db.prisma, { includeArchived });
    if (files.length === 0)
      throw new Error(`${db.location} has no content to export; run npm run content:import first.`);
    if (zipPath) {
      await writeFile(path.resolve(zipPath), contentZip(files));
      console.log(`${files.length} files → ${path.resolve(zipPath)}`);
      return;
    }
    const existing = await readdir(outDir).catch(() => []);
    if (existing.length > 0) throw new Error(`${outDir} is not empty; choose another --out folder.`);
    for (const file of files) {
      const target = path.join(outDir, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.text);
    }
    console.log(`${files.length} files → ${outDir}`);
  } finally {
    await db.close();
  }
});
