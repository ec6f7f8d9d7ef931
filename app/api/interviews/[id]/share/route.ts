import { ForbiddenError } from "@/lib/errors";
import { handle, parseJsonBody } from "@/lib/http";
import { createShare, listShares, revokeShare, shareRevokeSchema } from "@/lib/review";
import { interviewRoute, noStore } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ id: string }> };

/** Only the candidate manages invites to their interview (others who may see it get a 403, the rest a 404). */
async function ownerRoute(request: Request, params: Context["params"]) {
  const route = await interviewRoute(request, params, "view");
  if (route.relation !== "owner") throw new ForbiddenError("Only the candidate can share their interview.");
  return route;
}

/** The interview's invites (never their tokens). */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await ownerRoute(request, params);
  return Response.json({ shares: await listShares(prisma, user, id) }, { headers: noStore });
});

/** Creates an invite link for a coach, valid 14 days: 201 {id, token, path: "/invites/<token>", expiresAt, …}. No body. */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await ownerRoute(request, params);
  return Response.json(await createShare(prisma, user, id), { status: 201, headers: noStore });
});

/** Revokes an invite (and the access of a coach who accepted it): body {shareId}. 204. */
export const DELETE = handle(async (request: Request, { params }: Context) => {
  const { id, prisma, user } = await ownerRoute(request, params);
  const { shareId } = await parseJsonBody(request, shareRevokeSchema, 4 * 1024);
  await revokeShare(prisma, user, id, shareId);
  return new Response(null, { status: 204 });
});
