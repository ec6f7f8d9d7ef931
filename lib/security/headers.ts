/**
 * Security headers (pure, so tests can read the policy). The Content-Security-Policy allows what
 * the app and Excalidraw need and nothing else: scripts only from this origin with the per-request
 * nonce (Next.js puts it on its own scripts), inline styles (Excalidraw and React set style
 * attributes), images from data:/blob: (board exports, pasted images), fonts from this origin (the
 * self-hosted Excalidraw fonts) and esm.sh (Excalidraw's fallback for CJK glyphs), no framing.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:", "https://esm.sh"],
    "connect-src": ["'self'", ...(options.dev ? ["ws:"] : [])],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Headers every response gets (pages and API). */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
  "cross-origin-opener-policy": "same-origin",
};
