import { requireUser } from "@/lib/auth";
import { handle } from "@/lib/http";
import { acceptInvite, inspectInvite } from "@/lib/review";
import { noStore } from "@/lib/review/route-helpers";

type Context = { params: Promise<{ token: string }> };

/** What an invite is for and whether the signed-in user can accept it (state: valid|expired|used|accepted|own|invalid). */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { db, user } = await requireUser(request);
  const { token } = await params;
  return Response.json(await inspectInvite(db.prisma, user, token), { headers: noStore });
});

/** Accepts the invite for the signed-in coach or admin: {interviewId}. 404 unknown/revoked, 409 used, 410 expired. */
export const POST = handle(async (request: Request, { params }: Context) => {
  const { db, user } = await requireUser(request);
  const { token } = await params;
  return Response.json(await acceptInvite(db.prisma, user, token));
});
