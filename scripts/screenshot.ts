// Screenshots of pages in light and dark mode, for looking at what we build:
//   npx tsx scripts/screenshot.ts http://localhost:3000/practice [/other/path …] [--out DIR] [--width 1440] [--wait MS] [--viewport]
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "@/tests/support/chromium";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1]! : fallback;
};
const outDir = flag("--out", "screenshots");
const width = Number(flag("--width", "1440"));
const waitMs = Number(flag("--wait", "2500"));
const fullPage = !args.includes("--viewport");
if (!fullPage) args.splice(args.indexOf("--viewport"), 1);
const [base, ...paths] = args;
if (!base) {
  console.error("usage: tsx scripts/screenshot.ts <base-url> [path …] [--out DIR] [--width PX]");
  process.exit(2);
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
for (const scheme of ["light", "dark"] as const) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  for (const p of paths.length ? paths : ["/"]) {
    // Not "networkidle": the interview room polls the server every few seconds.
    await page.goto(new URL(p, base).toString(), { waitUntil: "load" });
    await page.waitForTimeout(waitMs);
    const name = `${p.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"}-${width}-${scheme}.png`;
    await page.screenshot({ path: path.join(outDir, name), fullPage });
    console.log(path.join(outDir, name));
  }
  await page.close();
}
await browser.close();
