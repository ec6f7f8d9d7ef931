import { z } from "zod";
import { completeSetup } from "@/lib/auth/setup";
import { handle, parseJsonBody } from "@/lib/http";

const setupSchema = z.object({
  token: z.string().min(1).max(200),
  name: z.string().trim().min(1, "Enter your name.").max(100),
  email: z.email("Enter a valid email address."),
  password: z.string().max(128),
});

/** The one-time setup link: creates the first admin account and signs it in. */
export const POST = handle(async (request: Request) => {
  const input = await parseJsonBody(request, setupSchema, 4 * 1024);
  const { headers } = await completeSetup(request.headers, input);
  return new Response(JSON.stringify({ ok: true, url: "/admin" }), {
    status: 201,
    headers: { "content-type": "application/json", "set-cookie": headers.get("set-cookie") ?? "" },
  });
});
