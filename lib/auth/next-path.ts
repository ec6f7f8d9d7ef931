/** Where to go after signing in: only a path on this site, so the link cannot redirect elsewhere. */
export function safeNextPath(value: string | string[] | undefined, fallback = "/practice"): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}
