/**
 * Cross-site request forgery guard for state-changing API requests (pure; proxy.ts applies it).
 * Session cookies are SameSite=Lax, which already stops most cross-site POSTs; this adds the
 * same-origin check browsers make reliable: a browser always sends Origin (or Sec-Fetch-Site) on a
 * POST/PUT/PATCH/DELETE, and a page on another origin cannot forge either. Requests with neither
 * header are not from a browser and carry no ambient cookies an attacker could ride on.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function csrfProblem(method: string, headers: Headers): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    return "Cross-site request refused: this action must come from a Tradeoff page.";
  }
  const origin = headers.get("origin");
  if (origin === null) return null;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "Cross-site request refused: the Origin header is not a URL.";
  }
  if (!host || originHost.toLowerCase() !== host.toLowerCase()) {
    return "Cross-site request refused: this action must come from a Tradeoff page.";
  }
  return null;
}
