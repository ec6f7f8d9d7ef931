import { requireUser } from "@/lib/auth";
import { handle, parseJsonBody } from "@/lib/http";
import { interviewDeps } from "@/lib/interview/deps";
import { startInterview, startInterviewSchema } from "@/lib/interview/service";
import { admitModelRequest } from "@/lib/usage/limits";

/** Starts an interview: pins the prompt, framework and rubric versions and writes the opening message. */
export const POST = handle(async (request: Request) => {
  const { user } = await requireUser(request);
  const input = await parseJsonBody(request, startInterviewSchema);
  const deps = await interviewDeps();
  const admission = await admitModelRequest({ prisma: deps.prisma }, user, { tokenFree: input.model === "offline" });
  const { id } = await startInterview(deps, user.id, input).finally(() => admission.release());
  return Response.json({ id, url: `/interviews/${id}` }, { status: 201 });
});
