import { requireUser } from "@/lib/auth";
import { BadRequestError } from "@/lib/errors";
import { handle } from "@/lib/http";
import { listReviewQueue, queueFiltersSchema } from "@/lib/review";
import { noStore } from "@/lib/review/route-helpers";

/** A YYYY-MM-DD that names a real day (the schema checks only the shape: 2026-13-45 passes it). */
const isRealDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

/** The review queue: GET /api/coach/queue?status=waiting|in-progress|complete|all&prompt=&verdict=&from=&to=&page= */
export const GET = handle(async (request: Request) => {
  const { db, user } = await requireUser(request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const filters = queueFiltersSchema.safeParse(query);
  if (!filters.success) {
    const issue = filters.error.issues[0]!;
    throw new BadRequestError(`${issue.path.join(".")}: ${issue.message}`, "invalid_filters");
  }
  for (const key of ["from", "to"] as const) {
    const day = filters.data[key];
    if (day && !isRealDay(day)) throw new BadRequestError(`${key}: ${day} is not a date`, "invalid_filters");
  }
  return Response.json(await listReviewQueue(db.prisma, user, filters.data), { headers: noStore });
});
