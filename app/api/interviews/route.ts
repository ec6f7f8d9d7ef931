import { requireUser } from "@/lib/auth";
import { handle, parseJsonBody } from "@/lib/http";
import { interviewDeps } from "@/lib/interview/deps";
import { startInterview, startInterviewSchema } from "@/lib/interview/service";

/** Starts an interview: pins the prompt, framework and rubric versions and writes the opening message. */
export const POST = handle(async (request: Request) => {
  const { user } = await requireUser(request);
  const input = await parseJsonBody(request, startInterviewSchema);
  const deps = await interviewDeps();
  const { id } = await startInterview(deps, user.id, input);
  return Response.json({ id, url: `/interviews/${id}` }, { status: 201 });
});
