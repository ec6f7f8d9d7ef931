// npm run security:bundle — after `npm run build`: proves no secret reached the browser bundles.
// Scans every file under .next/static (what the browser can download) for the values of the
// server's secrets in this environment (CI builds with canary values) and for text that only
// lib/env.ts contains (a sign the module that reads the secrets was bundled for the client). Names of
// settings alone are not a finding: the auth library's client code mentions AUTH_SECRET by name.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { runCli } from "./cli";

const SECRET_SETTINGS = [
  "ANTHROPIC_API_KEY",
  "OPENAI_API_KEY",
  "OPENAI_COMPATIBLE_API_KEY",
  "AUTH_SECRET",
  "ADMIN_PASSWORD",
  "DATABASE_URL",
] as const;

/** Strings only lib/env.ts has (its validation messages). */
const SERVER_ONLY_MARKERS = ["must be a Postgres connection URL such as", "must be offline, anthropic:<model>"];

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

await runCli(async () => {
  const env = getEnv();
  const values = SECRET_SETTINGS.flatMap((name) => {
    const value = env[name];
    return typeof value === "string" && value.length >= 8 ? [{ name, value }] : [];
  });
  const root = path.join(".next", "static");
  const problems: string[] = [];
  let scanned = 0;
  for await (const file of files(root)) {
    const text = await readFile(file, "utf8");
    scanned += 1;
    for (const { name, value } of values)
      if (text.includes(value)) problems.push(`${file}: contains the value of ${name}`);
    for (const marker of SERVER_ONLY_MARKERS)
      if (text.includes(marker)) problems.push(`${file}: contains "${marker}" (lib/env.ts)`);
  }
  if (scanned === 0) throw new Error(`No files under ${root}: run npm run build first.`);
  if (problems.length > 0) throw new Error(`Secrets in the client bundle:\n${problems.join("\n")}`);
  console.log(
    `No secrets in ${scanned} client files (checked the values of ${values.map((v) => v.name).join(", ") || "no set secrets"}, and that lib/env.ts is not bundled).`,
  );
});
