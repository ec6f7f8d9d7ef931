import { handle } from "@/lib/http";
import { exportInterview } from "@/lib/interchange/store";
import { interviewRequest } from "@/lib/interview/route-helpers";

/** The interview as an interchange file (DESIGN.md §8), for `npm run score` or another Tradeoff. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id, deps, ownerId } = await interviewRequest(request, params, "view");
  const doc = await exportInterview(deps.prisma, id, ownerId);
  return new Response(`${JSON.stringify(doc, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="tradeoff-${doc.prompt}-${id.slice(0, 8)}.json"`,
    },
  });
});
