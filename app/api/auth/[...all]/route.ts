import { authFor } from "@/lib/auth/server";
import { getDb } from "@/lib/db";

/** The auth library's endpoints: sign-up, sign-in, sign-out, sessions, password change. */
async function handler(request: Request): Promise<Response> {
  const auth = await authFor(await getDb());
  return auth.handler(request);
}

export const GET = handler;
export const POST = handler;
