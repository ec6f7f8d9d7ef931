/**
 * The question bank's file format, as zod schemas. Content files are YAML (content/README.md);
 * every file is validated against these schemas before it reaches the database, and the stored
 * `data` column of each version is exactly the parsed, validated file.
 */
import { z } from "zod";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens, e.g. design-chatgpt");
const text = z.string().trim().min(1, "must not be empty");
const longText = z.string().trim().min(20, "must be at least 20 characters: say something specific");
const nonEmptyList = <T extends z.ZodTypeAny>(item: T, min = 1) =>
  z.array(item).min(min, `must have at least ${min} item${min === 1 ? "" : "s"}`);

export const LEVELS = ["mid", "senior", "staff"] as const;
export const levelSchema = z.enum(LEVELS);
export type LevelKey = z.infer<typeof levelSchema>;

const levelBars = z.strictObject({ mid: longText, senior: longText, staff: longText });

// ───────────────────────── frameworks ─────────────────────────

export const frameworkStepSchema = z.strictObject({
  key: slug,
  title: text,
  /** Planned minutes in a `baseMinutes` interview; scaled to the chosen duration. */
  minutes: z.number().positive().max(60),
  goal: longText,
  keyQuestions: nonEmptyList(text, 2),
  commonMistakes: nonEmptyList(text, 1),
});

export const frameworkSchema = z
  .strictObject({
    kind: z.literal("framework"),
    slug,
    title: text,
    summary: longText,
    /** The interview length the step minutes were written for (they are scaled from it). */
    baseMinutes: z.number().int().min(20).max(120),
    steps: nonEmptyList(frameworkStepSchema, 3),
  })
  .superRefine((fw, ctx) => addDuplicateIssues(ctx, fw.steps.map((s) => s.key), ["steps"], "key"))
  // Checked even when another field is invalid, so an author sees every problem at once.
  .superRefine(
    (fw, ctx) => {
      const total = fw.steps.reduce((sum, s) => sum + s.minutes, 0);
      if (Math.abs(total - fw.baseMinutes) > 0.5) {
        ctx.addIssue({
          code: "custom",
          path: ["steps"],
          message: `step minutes add up to ${total}, but baseMinutes is ${fw.baseMinutes}`,
        });
      }
    },
    { when: ({ value }) => numbersAt(value, "steps", "minutes") && typeof (value as { baseMinutes?: unknown }).baseMinutes === "number" },
  );
export type FrameworkContent = z.infer<typeof frameworkSchema>;

// ───────────────────────── rubrics ─────────────────────────

export const rubricLevelSchema = z.strictObject({
  level: z.number().int().min(1).max(4),
  label: text,
  anchor: longText,
});

/** A signal the offline scorer looks for in candidate turns; any of `terms` counts as a hit. */
export const signalSchema = z.strictObject({
  key: slug,
  label: text,
  terms: nonEmptyList(text, 1),
});

export const rubricDimensionSchema = z
  .strictObject({
    key: slug,
    title: text,
    description: longText,
    /** Relative weight in percent; a rubric's weights sum to 100. */
    weight: z.number().positive().max(100),
    levels: z.array(rubricLevelSchema).length(4, "must have exactly four anchored levels (1–4)"),
    expectations: levelBars,
    signals: nonEmptyList(signalSchema, 3),
  })
  .superRefine((dim, ctx) => {
    const seen = dim.levels.map((l) => l.level).sort();
    if (seen.join(",") !== "1,2,3,4") {
      ctx.addIssue({ code: "custom", path: ["levels"], message: `levels must be 1, 2, 3 and 4 once each (got ${seen.join(", ")})` });
    }
    addDuplicateIssues(ctx, dim.signals.map((s) => s.key), ["signals"], "key");
  });
export type RubricDimensionContent = z.infer<typeof rubricDimensionSchema>;

export const redFlagSchema = z.strictObject({
  key: slug,
  title: text,
  description: longText,
  /** The dimension whose score the flag caps or explains. */
  dimension: slug,
});

export const rubricSchema = z
  .strictObject({
    kind: z.literal("rubric"),
    slug,
    title: text,
    summary: longText,
    dimensions: nonEmptyList(rubricDimensionSchema, 3),
    redFlags: z.array(redFlagSchema),
  })
  // Checked even when another field is invalid (a missing anchor, say), so every problem shows at once.
  .superRefine(
    (rubric, ctx) => {
      const total = rubric.dimensions.reduce((sum, d) => sum + d.weight, 0);
      if (Math.abs(total - 100) > 0.01) {
        ctx.addIssue({ code: "custom", path: ["dimensions"], message: `dimension weights add up to ${total}; they must add up to 100` });
      }
    },
    { when: ({ value }) => numbersAt(value, "dimensions", "weight") },
  )
  .superRefine((rubric, ctx) => {
    const keys = rubric.dimensions.map((d) => d.key);
    addDuplicateIssues(ctx, keys, ["dimensions"], "key");
    rubric.redFlags.forEach((flag, i) => {
      if (!keys.includes(flag.dimension)) {
        ctx.addIssue({ code: "custom", path: ["redFlags", i, "dimension"], message: `unknown dimension "${flag.dimension}"; expected one of: ${keys.join(", ")}` });
      }
    });
  });
export type RubricContent = z.infer<typeof rubricSchema>;

// ───────────────────────── practice prompts ─────────────────────────

export const DOMAINS = ["chat", "rag-search", "agents", "code", "multimodal", "training", "safety", "pipelines"] as const;
export const DIFFICULTIES = ["medium", "hard", "expert"] as const;

/**
 * The clarifying questions every candidate should be able to get a number for. Each prompt's
 * fact sheet answers all of them (checked by content:check).
 */
export const CORE_FACT_TOPICS = [
  "users",
  "requests-per-user",
  "tokens-per-request",
  "latency",
  "context",
  "data-sensitivity",
  "budget",
] as const;

export const factSchema = z.strictObject({
  /** A core topic (CORE_FACT_TOPICS) or any other slug. */
  topic: slug,
  /** What the interviewer says when asked, with concrete numbers. */
  answer: text,
  /** Words and phrases that show the candidate is asking about this; used by the offline interviewer. */
  askedAs: nonEmptyList(text, 2),
});

export const probeSchema = z.strictObject({
  key: slug,
  topic: text,
  /** How the interviewer raises it, if the candidate has not. */
  question: text,
  /** What a strong candidate says here. */
  lookFor: longText,
  /** Rubric dimension (by key) this probe gathers evidence for. */
  dimension: slug,
  /** Words that show the candidate already covered it (so the interviewer does not ask again). */
  coveredBy: nonEmptyList(text, 2),
});

export const curveballSchema = z.strictObject({
  key: slug,
  title: text,
  /** The constraint change, as the interviewer would announce it. */
  announcement: longText,
  /** What a good adaptation looks like: the changes a strong candidate makes. */
  goodAdaptation: longText,
  dimension: slug,
  /** Scheduling hints: earliest point as a fraction of the interview, and whether a board is needed. */
  earliestFraction: z.number().min(0).max(0.9).default(0.25),
  needsDiagram: z.boolean().default(true),
});

export const referenceOutlineSchema = z.strictObject({
  requirements: nonEmptyList(text, 3),
  estimates: nonEmptyList(z.strictObject({ quantity: text, arithmetic: text }), 2),
  architecture: nonEmptyList(text, 4),
  deepDives: nonEmptyList(text, 2),
  tradeoffs: nonEmptyList(text, 2),
  failureModes: nonEmptyList(text, 2),
});

export const promptSchema = z
  .strictObject({
    kind: z.literal("prompt"),
    slug,
    title: text,
    /** One line for the catalogue card. */
    summary: text.max(200, "must be at most 200 characters (it is a catalogue card line)"),
    domain: z.enum(DOMAINS),
    difficulty: z.enum(DIFFICULTIES),
    companies: z.array(text).default([]),
    tags: z.array(slug).default([]),
    /** The candidate-facing brief (Markdown): deliberately open, as in a real interview. */
    brief: longText,
    factSheet: nonEmptyList(factSchema, CORE_FACT_TOPICS.length),
    probes: nonEmptyList(probeSchema, 8),
    curveballs: nonEmptyList(curveballSchema, 4),
    levelBars,
    /** Used after the interview and by the judge; never shown to the live interviewer. */
    referenceOutline: referenceOutlineSchema,
  })
  .superRefine((prompt, ctx) => {
    const topics = prompt.factSheet.map((f) => f.topic);
    for (const core of CORE_FACT_TOPICS) {
      if (!topics.includes(core)) {
        ctx.addIssue({ code: "custom", path: ["factSheet"], message: `has no fact for the core topic "${core}"` });
      }
    }
    // Candidates ask for numbers; every core fact except data sensitivity must give one.
    prompt.factSheet.forEach((fact, i) => {
      if (fact.topic !== "data-sensitivity" && (CORE_FACT_TOPICS as readonly string[]).includes(fact.topic) && !/\d/.test(fact.answer)) {
        ctx.addIssue({ code: "custom", path: ["factSheet", i, "answer"], message: `the answer for "${fact.topic}" has no number; give the interviewer a figure to say` });
      }
    });
    addDuplicateIssues(ctx, topics, ["factSheet"], "topic");
    addDuplicateIssues(ctx, prompt.probes.map((p) => p.key), ["probes"], "key");
    addDuplicateIssues(ctx, prompt.curveballs.map((c) => c.key), ["curveballs"], "key");
  });
export type PromptContent = z.infer<typeof promptSchema>;
export type PromptContentInput = z.input<typeof promptSchema>;

// ───────────────────────── helpers ─────────────────────────

/** Whether `value[list]` is a non-empty list whose items all have a finite number at `field` (for checks that run on invalid input). */
function numbersAt(value: unknown, list: string, field: string): boolean {
  const items = (value as Record<string, unknown> | null)?.[list];
  return (
    Array.isArray(items) &&
    items.length > 0 &&
    items.every((item) => Number.isFinite((item as Record<string, unknown> | null)?.[field]))
  );
}

function addDuplicateIssues(ctx: z.RefinementCtx, values: string[], path: (string | number)[], field: string) {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) ctx.addIssue({ code: "custom", path: [...path, i, field], message: `duplicate ${field} "${value}"` });
    seen.add(value);
  });
}

// ───────────────────────── generic follow-ups ─────────────────────────

/** A bank of discussion topics any prompt can draw on (latency vs quality, privacy, safety, scale). */
export const followUpBankSchema = z
  .strictObject({
    kind: z.literal("followups"),
    slug,
    title: text,
    questions: nonEmptyList(
      z.strictObject({ key: slug, question: text, lookFor: longText, dimension: slug }),
      3,
    ),
  })
  .superRefine((bank, ctx) => addDuplicateIssues(ctx, bank.questions.map((q) => q.key), ["questions"], "key"));
export type FollowUpBankContent = z.infer<typeof followUpBankSchema>;
