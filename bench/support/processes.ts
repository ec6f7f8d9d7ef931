/**
 * Child processes for benchmarks: free ports in the benchmark range, spawning in a process group of
 * its own (so the whole tree can be stopped by that group's id), and memory from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { childProcessEnv } from "@/lib/env";

/** Ports 4300–4399 are reserved for benchmarks on shared machines (e2e uses 3210/4010, dev 3000). */
export const BENCH_PORTS = { first: 4300, last: 4399 } as const;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const taken = new Set<number>();

/** The first free port of the benchmark range not handed out before by this process. */
export async function freePort(): Promise<number> {
  for (let port = BENCH_PORTS.first; port <= BENCH_PORTS.last; port++) {
    if (taken.has(port)) continue;
    if (await portFree(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${BENCH_PORTS.first}–${BENCH_PORTS.last}`);
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** Output so far (stdout and stderr interleaved), also written to `logFile`. */
  output(): string;
  logFile: string;
  exited: Promise<number | null>;
  /** SIGTERM to the process group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `command` in its own process group with `env` added to this process's environment. */
export function spawnGroup(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  logFile: string,
): Spawned {
  const child = spawn(command, args, { env: childProcessEnv(env), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  const log = createWriteStream(logFile);
  let text = "";
  const take = (chunk: Buffer) => {
    log.write(chunk);
    if (text.length < 1_000_000) text += chunk.toString("utf8");
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stopping: Promise<void> | null = null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    child,
    pid,
    logFile,
    output: () => text,
    exited,
    stop(graceMs = 5_000) {
      stopping ??= (async () => {
        signalGroup("SIGTERM");
        const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
        // The group may outlive its leader (a server's own children): make sure nothing is left.
        await sleep(done ? 200 : 0);
        signalGroup("SIGKILL");
        log.end();
      })();
      return stopping;
    },
  };
}

/** Resident set size of one process in bytes (VmRSS in /proc/<pid>/status), or null when it is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/** Every process below `root` (children, grandchildren, …), from the parent ids in /proc/<pid>/stat. */
export function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 is the parent id; the command name (field 2) may contain spaces, so parse after ")".
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(entry), Number(after[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const [child, parent] of parentOf) {
      if (parent === pid) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** CPU time (user + system) of a process in seconds, from /proc/<pid>/stat; null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after the command.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU time of every process whose command name (/proc/<pid>/comm) is `name`, in seconds. */
export function cpuSecondsByName(name: string): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== name) continue;
    } catch {
      continue;
    }
    total += cpuSeconds(Number(entry)) ?? 0;
  }
  return total;
}

/** CPU time of a process and all its descendants, in seconds. */
export function treeCpuSeconds(root: number): number {
  return [root, ...descendants(root)].reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
}

/** The whole machine's busy CPU time (all cores, everyone's processes) from /proc/stat, in seconds. */
export function machineBusySeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait.
  const busy = fields.reduce((sum, x, i) => (i === 3 || i === 4 ? sum : sum + x), 0);
  return busy / 100;
}
