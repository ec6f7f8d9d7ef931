/** Command-line flags for benchmarks (`npm run bench:load -- --seconds 10`), validated with a clear message. */
import { parseArgs } from "node:util";

export type FlagSpec = Record<string, { default: string; help: string }>;

/** Parses `--name value` flags; unknown flags and non-numeric numbers stop the run with the usage. */
export function parseFlags<S extends FlagSpec>(name: string, spec: S): Record<keyof S, string> {
  const usage = `usage: npm run bench:${name} -- ${Object.entries(spec)
    .map(([flag, s]) => `[--${flag} ${s.default}]`)
    .join(" ")}\n${Object.entries(spec)
    .map(([flag, s]) => `  --${flag}  ${s.help}`)
    .join("\n")}`;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        ...Object.fromEntries(Object.entries(spec).map(([flag, s]) => [flag, { type: "string", default: s.default }])),
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    return values as Record<keyof S, string>;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}

export function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    console.error(`--${flag} must be a positive number, got "${text}"`);
    process.exit(2);
  }
  return value;
}
