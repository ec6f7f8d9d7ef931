import { handle, parseJsonBody } from "@/lib/http";
import { interviewRequest } from "@/lib/interview/route-helpers";
import { admitModelRequest } from "@/lib/usage/limits";
import {
  candidateMessageSchema,
  replyTo,
  submitCandidateMessage,
  toRoomMessage,
  type ReplyEvent,
} from "@/lib/interview/service";

/**
 * A candidate turn. The message is stored first (idempotent on clientId); the response is then a
 * stream of server-sent events with the interviewer's reply. If the browser goes away, the reply is
 * still finished and stored, so a reload shows it.
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const input = await parseJsonBody(request, candidateMessageSchema, 64 * 1024);
  const { id, deps, user, model } = await interviewRequest(request, params, "act");
  // Limits are checked before anything is stored, so a refused turn leaves nothing behind.
  const admission = await admitModelRequest({ prisma: deps.prisma }, user, { tokenFree: model === "offline" });
  let submitted;
  try {
    submitted = await submitCandidateMessage(deps, user.id, id, input);
  } catch (error) {
    admission.release();
    throw error;
  }
  const { record, message, duplicate } = submitted;

  const encoder = new TextEncoder();
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (
        event:
          | ReplyEvent
          | { type: "candidate"; message: ReturnType<typeof toRoomMessage>; duplicate: boolean }
          | { type: "error"; message: string },
      ) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
        } catch {
          open = false;
        }
      };
      send({ type: "candidate", message: toRoomMessage(record, message), duplicate });
      replyTo(deps, record, message.seq, send)
        .catch(() =>
          send({
            type: "error",
            message: "The interviewer could not reply. Your message is saved; retry to get a reply.",
          }),
        )
        .finally(() => {
          admission.release(); // after the reply and its usage rows are stored
          if (open) controller.close();
          open = false;
        });
    },
    cancel() {
      open = false;
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
});
