/**
 * Single-user local mode: so that `npm start` needs no sign-up, a visitor on this machine is the
 * local user. Pure, so the rules are unit-tested: on by default only with the embedded database,
 * never for a request that did not come from the loopback address.
 */
import type { Env } from "@/lib/env";

export const LOCAL_USER = { email: "local@tradeoff.local", name: "Local user" } as const;

export function localModeEnabled(env: Pick<Env, "LOCAL_MODE" | "DATABASE_URL">): boolean {
  return env.LOCAL_MODE ?? !env.DATABASE_URL;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function hostName(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.split(":")[0] ?? "";
}

/**
 * Whether a request came from this machine. In local mode the server listens on 127.0.0.1 only
 * (scripts/start.ts), so the socket is loopback; Next copies the socket address into
 * x-forwarded-for unless a proxy set it. We also require a loopback Host, which stops a web page
 * elsewhere from reaching the server through DNS rebinding.
 */
export function isLoopbackRequest(headers: Headers): boolean {
  const host = headers.get("host");
  if (!host || !LOOPBACK_HOSTS.has(hostName(host.toLowerCase()))) return false;
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded === null) return true;
  return forwarded.split(",").every((hop) => LOOPBACK_ADDRESS.test(hop.trim()));
}
