/**
 * Zod schemas for everything that crosses a boundary in coach review: request bodies, query strings
 * and the versioned comment anchors stored in review_comments.anchor. Client-safe (no server imports),
 * so forms validate with the same rules the server enforces.
 */
import { z } from "zod";

const uuid = z.uuid({ error: "must be an id" });

export const VERDICTS = ["strong hire", "hire", "lean hire", "lean no hire", "no hire"] as const;
export type VerdictFilter = (typeof VERDICTS)[number];

export const QUEUE_STATUSES = ["waiting", "in-progress", "complete", "all"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const QUEUE_PAGE_SIZE = 25;

/** An empty query-string value means "not set", not "empty string". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date such as 2026-11-22" });

/** Queue filters, as they appear in the URL (`/coach?status=waiting&prompt=design-chatgpt&page=2`). */
export const queueFiltersSchema = z
  .object({
    status: optional(z.enum(QUEUE_STATUSES, { error: `must be one of ${QUEUE_STATUSES.join(", ")}` })).transform(
      (value) => value ?? "waiting",
    ),
    prompt: optional(z.string().max(120)),
    verdict: optional(z.enum(VERDICTS, { error: `must be one of ${VERDICTS.join(", ")}` })),
    from: optional(isoDay),
    to: optional(isoDay),
    page: optional(z.coerce.number().int().min(1).max(10_000)).transform((value) => value ?? 1),
    pageSize: optional(z.coerce.number().int().min(1).max(100)).transform((value) => value ?? QUEUE_PAGE_SIZE),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { error: "the start date is after the end date", path: ["from"] });
export type QueueFilters = z.output<typeof queueFiltersSchema>;
export type QueueFiltersInput = z.input<typeof queueFiltersSchema>;

export const calibrationFiltersSchema = z.object({
  rubric: optional(uuid),
  model: optional(z.string().min(1).max(200)),
});
export type CalibrationFilters = z.output<typeof calibrationFiltersSchema>;

export const MIN_REASON_LENGTH = 10;
export const MAX_REASON_LENGTH = 2_000;
export const MAX_COMMENT_LENGTH = 4_000;
export const MAX_SUMMARY_LENGTH = 4_000;

export const overrideInputSchema = z.object({
  dimension: z.string().min(1).max(120),
  level: z
    .number({ error: "must be a level from 1 to 4" })
    .int()
    .min(1)
    .max(4, { error: "must be a level from 1 to 4" }),
  reason: z
    .string({ error: "is required" })
    .trim()
    .min(MIN_REASON_LENGTH, {
      error: `must say why in at least ${MIN_REASON_LENGTH} characters (the candidate reads it beside the AI's level)`,
    })
    .max(MAX_REASON_LENGTH, { error: `must be at most ${MAX_REASON_LENGTH} characters` }),
});
export type OverrideInput = z.input<typeof overrideInputSchema>;

export const completeInputSchema = z.object({
  summary: z
    .string()
    .trim()
    .max(MAX_SUMMARY_LENGTH, { error: `must be at most ${MAX_SUMMARY_LENGTH} characters` })
    .optional(),
});

/** A span of one message: `quote` must equal the message's content from `start` to `end`. */
export const messageAnchorSchema = z
  .strictObject({
    v: z.literal(1),
    kind: z.literal("message"),
    messageId: uuid,
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    quote: z.string().min(1).max(8_000),
  })
  .refine((a) => a.end > a.start, { error: "end must be after start", path: ["end"] });

/** One board element (its Excalidraw id) as drawn in snapshot `snapshotSeq`. */
export const elementAnchorSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal("element"),
  elementId: z.string().min(1).max(200),
  label: z.string().max(200),
  snapshotSeq: z.number().int().min(1),
});

export const anchorSchema = z.discriminatedUnion("kind", [messageAnchorSchema, elementAnchorSchema], {
  error: 'must be a message span or a board element (kind "message" or "element")',
});
export type CommentAnchor = z.infer<typeof anchorSchema>;
export type MessageAnchor = z.infer<typeof messageAnchorSchema>;
export type ElementAnchor = z.infer<typeof elementAnchorSchema>;

export const commentInputSchema = z.object({
  body: z
    .string({ error: "is required" })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(MAX_COMMENT_LENGTH, { error: `must be at most ${MAX_COMMENT_LENGTH} characters` }),
  anchor: anchorSchema,
});
export type CommentInput = z.input<typeof commentInputSchema>;

export const assignmentInputSchema = z.object({ coachId: uuid, candidateId: uuid });

export const shareRevokeSchema = z.object({ shareId: uuid });
