import { z } from "zod";
import { requireRole, requireUser } from "@/lib/auth";
import { BadRequestError } from "@/lib/errors";
import { handle } from "@/lib/http";
import { loadUsageStats, rangeForDays } from "@/lib/usage/stats";

const MAX_RANGE_DAYS = 366;
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** `?days=7|30|90` (default 30), or `?from=…&to=…` (ISO dates or times; `to` is exclusive). */
const querySchema = z
  .object({
    days: z.enum(["7", "30", "90"], { message: "days must be 7, 30 or 90" }).optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: "Give both from and to, or neither." })
  .refine((q) => !(q.days && q.from), { message: "Give either days or from and to, not both." });

/** Admin only: token and cost totals by day, model, user and purpose; latency percentiles per provider. */
export const GET = handle(async (request: Request) => {
  const { db, user } = await requireUser(request);
  requireRole(user, "ADMIN");
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new BadRequestError(query.error.issues[0]!.message, "invalid_request");
  const { days, from, to } = query.data;
  const range = from && to ? { from: new Date(from), to: new Date(to) } : rangeForDays(Number(days ?? 30), new Date());
  if (!(range.from < range.to)) throw new BadRequestError("`to` must be after `from`.", "invalid_request");
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new BadRequestError(`The range may span at most ${MAX_RANGE_DAYS} days.`, "invalid_request");
  }
  return Response.json(await loadUsageStats(db.sql, range), { headers: { "cache-control": "no-store" } });
});
