/**
 * Structured output: one JSON object that matches a schema, validated in code. The providers do the
 * wire part (types.ts StructuredOutputSpec); this file adds validation and one repair retry on top of
 * streamWithFallback, which keeps doing retries, timeouts, fallback and recording for every attempt.
 */
import "server-only";
import { z } from "zod";
import { streamWithFallback, type CallDeps, type CallOptions } from "./call";
import { LlmError } from "./errors";
import type { ChatRequest, ChatResult, LlmProvider } from "./types";

/** What to produce and how to check it. `parse` throws on invalid input (a zod schema's `.parse` does). */
export interface StructuredSchema<T> {
  /** Tool / schema name: letters, digits, `_` and `-`, at most 64 characters. */
  name: string;
  description?: string;
  /** JSON schema sent to the provider; keep it strict-mode friendly (every property required). */
  jsonSchema: Record<string, unknown>;
  parse(value: unknown): T;
}

export interface StructuredRequest<T> extends Omit<ChatRequest, "offlineText" | "structuredOutput"> {
  schema: StructuredSchema<T>;
}

export interface StructuredResult<T> {
  value: T;
  /** The call that produced the valid output (the repair call when one was needed). */
  result: ChatResult;
  /** True when the first output was invalid and the repair retry fixed it. */
  repaired: boolean;
}

/** The model answered, twice, with something that is not valid output. Kind "malformed", not retryable. */
export class StructuredOutputError extends LlmError {
  /** What was wrong with the last output (JSON syntax or schema issues). */
  readonly issues: string;
  /** The raw outputs, first and repair. */
  readonly outputs: readonly string[];

  constructor(init: { issues: string; outputs: readonly string[]; result: ChatResult; schemaName: string }) {
    super({
      kind: "malformed",
      provider: init.result.provider,
      retryable: false,
      message: `${init.result.provider}:${init.result.model} returned invalid ${init.schemaName} output twice (${init.issues})`,
    });
    this.name = "StructuredOutputError";
    this.issues = init.issues;
    this.outputs = init.outputs;
  }
}

/**
 * Asks the first provider in `chain` that answers for a JSON object matching `req.schema`, and
 * validates it. An invalid answer gets ONE repair retry (the validation error is sent back, to the
 * provider that answered); a second invalid answer throws StructuredOutputError. Transport failures
 * throw the LlmError of streamWithFallback. The offline provider cannot do this and is skipped.
 */
export async function completeStructured<T>(
  chain: readonly LlmProvider[],
  req: StructuredRequest<T>,
  deps: CallDeps,
  options: CallOptions = {},
): Promise<StructuredResult<T>> {
  const { schema, ...rest } = req;
  const models = chain.filter((provider) => provider.id !== "offline");
  if (models.length === 0) {
    throw new LlmError({
      kind: "bad_request",
      provider: null,
      retryable: false,
      message: "no model in the chain can produce structured output (the offline provider cannot)",
    });
  }
  const chatRequest: ChatRequest = {
    ...rest,
    structuredOutput: { name: schema.name, description: schema.description, jsonSchema: schema.jsonSchema },
  };
  const ignoreText = { onText: () => {} };

  const first = await streamWithFallback(models, chatRequest, ignoreText, deps, options);
  const firstCheck = validateOutput(first, schema);
  if (firstCheck.ok) return { value: firstCheck.value, result: first, repaired: false };

  // The repair goes to the model that answered (and its fallbacks), with its own answer and what is wrong.
  const answered = models.findIndex((p) => p.id === first.provider && p.model === first.model);
  const repairRequest: ChatRequest = {
    ...chatRequest,
    messages: [
      ...chatRequest.messages,
      { role: "assistant", content: first.text.trim() === "" ? "(empty reply)" : first.text.trim() },
      { role: "user", content: repairInstruction(schema.name, firstCheck.issues) },
    ],
  };
  const second = await streamWithFallback(
    models.slice(Math.max(0, answered)),
    repairRequest,
    ignoreText,
    deps,
    options,
  );
  const secondCheck = validateOutput(second, schema);
  if (secondCheck.ok) return { value: secondCheck.value, result: second, repaired: true };
  throw new StructuredOutputError({
    issues: secondCheck.issues,
    outputs: [first.text, second.text],
    result: second,
    schemaName: schema.name,
  });
}

type Check<T> = { ok: true; value: T } | { ok: false; issues: string };

/** JSON.parse, then the schema. Tolerates a Markdown code fence around the JSON (self-hosted models add one). */
export function validateOutput<T>(
  result: Pick<ChatResult, "text" | "finishReason">,
  schema: StructuredSchema<T>,
): Check<T> {
  const cutOff = result.finishReason === "max_tokens" || result.finishReason === "length";
  const suffix = cutOff ? " (the reply was cut off at the token limit)" : "";
  const text = stripCodeFence(result.text);
  if (text === "") return { ok: false, issues: `empty reply${suffix}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: `not valid JSON: ${error instanceof Error ? error.message : String(error)}${suffix}` };
  }
  try {
    return { ok: true, value: schema.parse(value) };
  } catch (error) {
    return { ok: false, issues: `${describeIssues(error)}${suffix}` };
  }
}

function stripCodeFence(text: string): string {
  const trimmed = text.trim().replace(/^\uFEFF/, "");
  const fenced = /^```[\w-]*\s*\n([\s\S]*?)\n?```$/.exec(trimmed);
  return (fenced?.[1] ?? trimmed).trim();
}

const MAX_ISSUES = 8;

function describeIssues(error: unknown): string {
  if (error instanceof z.ZodError) {
    const lines = error.issues.slice(0, MAX_ISSUES).map((issue) => {
      const path = issue.path.map(String).join(".");
      return `${path === "" ? "(top level)" : path}: ${issue.message}`;
    });
    const more = error.issues.length > MAX_ISSUES ? `; and ${error.issues.length - MAX_ISSUES} more` : "";
    return `does not match the schema: ${lines.join("; ")}${more}`;
  }
  return `does not match the schema: ${error instanceof Error ? error.message : String(error)}`;
}

function repairInstruction(schemaName: string, issues: string): string {
  return [
    `Your reply was not a valid "${schemaName}" object: ${issues}.`,
    "Reply again with the complete, corrected JSON object only, following the schema exactly.",
  ].join("\n");
}
