import { requireUser } from "@/lib/auth";
import { BadRequestError } from "@/lib/errors";
import { handle } from "@/lib/http";
import { listReviewQueue, queueFiltersSchema } from "@/lib/review";
import { noStore } from "@/lib/review/route-helpers";

/** The review queue: GET /api/coach/queue?status=waiting|in-progress|complete|all&prompt=&verdict=&from=&to=&page= */
export const GET = handle(async (request: Request) => {
  const { db, user } = await requireUser(request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const filters = queueFiltersSchema.safeParse(query);
  if (!filters.success) {
    const issue = filters.error.issues[0]!;
    throw new BadRequestError(`${issue.path.join(".")}: ${issue.message}`, "invalid_filters");
  }
  return Response.json(await listReviewQueue(db.prisma, user, filters.data), { headers: noStore });
});
