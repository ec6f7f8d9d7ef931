/** Debian's Chromium (Playwright cannot download its own here) and the flags it needs on these machines. */
import { existsSync } from "node:fs";
import { getEnv } from "@/lib/env";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function chromiumExecutable(): string {
  const candidate = getEnv().CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(candidate)) {
    throw new Error(
      `Chromium not found at ${candidate}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return candidate;
}
