import "server-only";
import { isAPIError } from "better-auth/api";
import { getDb } from "@/lib/db";
import { BadRequestError, ConflictError, NotFoundError } from "@/lib/errors";
import { consumeSetupToken, setupTokenValid } from "./bootstrap";
import { authFor } from "./server";

/** The auth library's errors, as ours: its messages are already written for people. */
export function authError(error: unknown): never {
  if (isAPIError(error)) {
    const message = (error.body as { message?: string } | undefined)?.message ?? error.message;
    if (error.status === "UNPROCESSABLE_ENTITY") throw new ConflictError(message, "account_exists");
    throw new BadRequestError(message, "auth");
  }
  throw error;
}

/** Creates the first admin from the setup link: the account first, then the token is spent, then the role. */
export async function completeSetup(
  requestHeaders: Headers,
  input: { token: string; name: string; email: string; password: string },
): Promise<{ headers: Headers }> {
  const db = await getDb();
  if (!(await setupTokenValid(db, input.token))) {
    throw new NotFoundError("This setup link is invalid, expired or already used. Restart the server for a new one.");
  }
  const auth = await authFor(db);
  const { headers, response } = await auth.api
    .signUpEmail({
      body: { email: input.email.toLowerCase(), password: input.password, name: input.name },
      headers: requestHeaders,
      returnHeaders: true,
    })
    .catch(authError);
  // Two people racing on one link: only the request that spends the token becomes admin.
  if (!(await consumeSetupToken(db, input.token))) {
    throw new ConflictError("This setup link was used a moment ago; your account was created without admin rights.");
  }
  await db.prisma.user.update({ where: { id: response.user.id }, data: { role: "ADMIN" } });
  await db.prisma.auditLog.create({
    data: { actorId: response.user.id, action: "user.setup_admin", target: `user:${response.user.email}` },
  });
  return { headers };
}
