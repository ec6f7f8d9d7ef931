import { NextResponse, type NextRequest } from "next/server";
import { csrfProblem } from "@/lib/auth/csrf";

/** Refuses cross-site state-changing API requests before any handler runs (see lib/auth/csrf.ts). */
export function proxy(request: NextRequest) {
  const problem = csrfProblem(request.method, request.headers);
  if (problem) {
    return NextResponse.json({ error: { code: "csrf", message: problem } }, { status: 403 });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/api/:path*"] };
