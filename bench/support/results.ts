/** Writes a benchmark's result as JSON to bench/results/<name>.json, with the command, date and machine. */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { format } from "prettier";
import type { Check } from "./report";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the benchmark started: the machine is shared, so say how busy it was. */
  loadAverage1m: number;
}

export function machine(): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export const RESULTS_DIR = path.resolve("bench", "results");

/** The command that reproduces this run, e.g. `npm run bench:load -- --seconds 10`. */
export function commandLine(name: string, argv: readonly string[] = process.argv.slice(2)): string {
  return `npm run bench:${name}${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
}

/**
 * Saves `data` with the checks and the run's context; returns the file written. JSON is formatted
 * with the repository's Prettier settings, so `prettier --check bench` stays clean.
 */
export async function writeResult(
  name: string,
  data: Record<string, unknown>,
  checks: readonly Check[],
  startedAt: Date,
  startMachine: Machine = machine(),
  /** File name without .json when a run with other settings should not replace the default run's result. */
  fileName: string = name,
): Promise<string> {
  const result = {
    benchmark: name,
    command: commandLine(name),
    date: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
    machine: startMachine,
    loadAverage1mAtEnd: Math.round(os.loadavg()[0]! * 100) / 100,
    checks,
    ...data,
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${fileName}.json`);
  const json = JSON.stringify(result, (_key, value: unknown) =>
    typeof value === "number" && !Number.isFinite(value) ? null : value,
  );
  await writeFile(file, await format(json, { parser: "json", printWidth: 120 }));
  console.log(`\nresult written to ${path.relative(process.cwd(), file)}`);
  return file;
}
