import { requireUser } from "@/lib/auth";
import { BadRequestError } from "@/lib/errors";
import { handle } from "@/lib/http";
import { calibrationFiltersSchema, loadCalibration } from "@/lib/review";
import { noStore } from "@/lib/review/route-helpers";

/** AI-vs-coach agreement per rubric dimension: GET /api/coach/calibration?rubric=<rubric id>&model=<model id> */
export const GET = handle(async (request: Request) => {
  const { db, user } = await requireUser(request);
  const filters = calibrationFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filters.success) {
    const issue = filters.error.issues[0]!;
    throw new BadRequestError(`${issue.path.join(".")}: ${issue.message}`, "invalid_filters");
  }
  return Response.json(await loadCalibration(db.prisma, user, filters.data), { headers: noStore });
});
