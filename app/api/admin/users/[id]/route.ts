import { requireRole, requireUser } from "@/lib/auth";
import { handle, parseJsonBody } from "@/lib/http";
import { updateUser, updateUserSchema } from "@/lib/usage/users";

/**
 * Admin only: change a user's role, monthly token quota or requests per minute (`null` = the server
 * default, 0 = unlimited). The user is named by the URL; the actor is the session's user.
 */
export const PATCH = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const input = await parseJsonBody(request, updateUserSchema, 4 * 1024);
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");
  const { id } = await params;
  return Response.json(await updateUser(db, user, id, input));
});
