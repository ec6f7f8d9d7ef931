import { NextResponse, type NextRequest } from "next/server";
import { csrfProblem } from "@/lib/auth/csrf";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

/**
 * Runs before every request: refuses cross-site state-changing API requests (lib/auth/csrf.ts),
 * and gives pages a Content-Security-Policy with a fresh nonce (Next.js applies it to its scripts).
 */
export function proxy(request: NextRequest) {
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  if (isApi) {
    const problem = csrfProblem(request.method, request.headers);
    const response = problem
      ? NextResponse.json({ error: { code: "csrf", message: problem } }, { status: 403 })
      : NextResponse.next();
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: getEnv().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static files and images need neither check; prefetches get the page's policy when it renders.
  matcher: [{ source: "/((?!_next/static|_next/image|excalidraw-assets|icon.svg|favicon.ico).*)" }],
};
