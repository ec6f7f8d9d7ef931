/**
 * The interchange format (DESIGN.md §8): one interview as a JSON file, for export/import and the
 * scoring CLI. Version 1 as designed, plus optional fields (message kind, pinned versions, rubric);
 * every v1 file stays valid.
 */
import { z } from "zod";
import { formatPath } from "@/lib/content/validate";

const seconds = z
  .number()
  .min(0, "must be 0 or more seconds")
  .max(6 * 3600, "must be within 6 hours");
const scene = z.looseObject({ elements: z.array(z.unknown()) });

export const interchangeMessageSchema = z.strictObject({
  id: z.string().min(1).max(100),
  role: z.enum(["candidate", "interviewer", "system"]),
  content: z.string().max(20_000),
  atSeconds: seconds,
  /** Extension: chat (default), curveball, nudge or hint. */
  kind: z.enum(["chat", "curveball", "nudge", "hint"]).optional(),
});

export const interchangeSchema = z
  .strictObject({
    format: z.literal("tradeoff-interview", { error: 'must be "tradeoff-interview"' }),
    version: z.literal(1, { error: "must be 1 (the only version this build reads)" }),
    prompt: z.string().min(1),
    /** Extension: the prompt version the interview ran with (default: latest). */
    promptVersion: z.number().int().positive().optional(),
    framework: z.string().min(1),
    frameworkVersion: z.number().int().positive().optional(),
    /** Extension: the rubric slug (default: genai-default). */
    rubric: z.string().min(1).optional(),
    level: z.enum(["mid", "senior", "staff"]),
    mode: z.enum(["interview", "coach"]),
    durationMinutes: z.number().int().min(5).max(180),
    startedAt: z.iso.datetime({ offset: true, error: "must be an ISO date-time such as 2026-11-22T10:00:00Z" }),
    messages: z.array(interchangeMessageSchema).min(1, "must have at least one message"),
    curveballs: z
      .array(z.strictObject({ id: z.string().min(1), atSeconds: seconds, messageId: z.string().optional() }))
      .optional(),
    diagram: scene.optional(),
    diagramSnapshots: z.array(z.strictObject({ atSeconds: seconds, scene })).optional(),
  })
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    doc.messages.forEach((m, i) => {
      if (ids.has(m.id))
        ctx.addIssue({ code: "custom", path: ["messages", i, "id"], message: `duplicate message id "${m.id}"` });
      ids.add(m.id);
    });
    doc.curveballs?.forEach((c, i) => {
      if (c.messageId && !ids.has(c.messageId))
        ctx.addIssue({
          code: "custom",
          path: ["curveballs", i, "messageId"],
          message: `no message has id "${c.messageId}"`,
        });
    });
  });

export type InterchangeDoc = z.infer<typeof interchangeSchema>;

export type InterchangeParse = { ok: true; doc: InterchangeDoc } | { ok: false; error: string };

/** Parses a file's text; an error names the JSON path of the first problem ("messages[3].atSeconds: …"). */
export function parseInterchange(text: string): InterchangeParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = interchangeSchema.safeParse(json);
  if (result.success) return { ok: true, doc: result.data };
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? formatPath(issue.path) : "(root)";
  const more =
    result.error.issues.length > 1
      ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? "s" : ""})`
      : "";
  return { ok: false, error: `${where}: ${issue.message}${more}` };
}
