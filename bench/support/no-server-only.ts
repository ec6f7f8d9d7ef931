/**
 * `node --import tsx --import ./bench/support/no-server-only.ts …`: lets a benchmark load server
 * modules outside Next.js without the react-server condition (as the vitest config does): the
 * `server-only` marker package resolves to an empty module instead of throwing.
 */
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
