// Validation of untrusted Excalidraw scenes. The schema whitelists and type-checks the fields the
// diagram module reads, caps sizes, and lets every other field through untouched so a saved scene
// still round-trips into Excalidraw.
import { z } from "zod";

/** Largest accepted scene, in UTF-8 bytes of its JSON. */
export const MAX_SCENE_BYTES = 2 * 1024 * 1024;
/** Most elements accepted in one scene (deleted ones included: they still cost parsing time). */
export const MAX_SCENE_ELEMENTS = 5_000;
/** Longest `text` / `originalText` accepted on one element, in characters. */
export const MAX_TEXT_LENGTH = 2_000;

export interface SceneLimits {
  maxBytes: number;
  maxElements: number;
  maxTextLength: number;
}

export const DEFAULT_SCENE_LIMITS: SceneLimits = {
  maxBytes: MAX_SCENE_BYTES,
  maxElements: MAX_SCENE_ELEMENTS,
  maxTextLength: MAX_TEXT_LENGTH,
};

// Far beyond any real canvas; rejects 1e308-style values that would break area and distance maths.
const MAX_COORDINATE = 1e7;
const MAX_ID_LENGTH = 256;
const MAX_LINK_LENGTH = 2_000;
const MAX_GROUP_DEPTH = 64;

const coordinate = z.number().min(-MAX_COORDINATE).max(MAX_COORDINATE);
const elementId = z.string().min(1).max(MAX_ID_LENGTH);
const pointTuple = z.tuple([coordinate, coordinate], coordinate);

/**
 * Arrow binding. Three shapes exist in the wild and all are accepted:
 * `{elementId, focus, gap}` (≤0.17), `{elementId, fixedPoint, focus, gap}` (0.18, fixedPoint may be
 * null), `{elementId, fixedPoint, mode}` (2025+). Only `elementId` is used by the graph.
 */
export const bindingSchema = z.looseObject({
  elementId,
  focus: z.number().optional(),
  gap: z.number().optional(),
  fixedPoint: z.tuple([z.number(), z.number()]).nullish(),
  mode: z.string().max(32).optional(),
});

function buildElementSchema(limits: SceneLimits) {
  const text = z.string().max(limits.maxTextLength, { error: `text longer than ${limits.maxTextLength} characters` });
  return z.looseObject({
    id: elementId,
    type: z.string().min(1).max(64),
    x: coordinate,
    y: coordinate,
    width: coordinate,
    height: coordinate,
    angle: z.number().optional(),
    isDeleted: z.boolean().optional(),
    groupIds: z.array(elementId).max(MAX_GROUP_DEPTH).nullish(),
    boundElements: z.array(z.looseObject({ id: elementId, type: z.string().max(64) })).nullish(),
    containerId: elementId.nullish(),
    text: text.optional(),
    originalText: text.nullish(),
    points: z.array(pointTuple).nullish(),
    startBinding: bindingSchema.nullish(),
    endBinding: bindingSchema.nullish(),
    startArrowhead: z.string().max(64).nullish(),
    endArrowhead: z.string().max(64).nullish(),
    strokeStyle: z.string().max(32).optional(),
    frameId: elementId.nullish(),
    name: text.nullish(),
    link: z.string().max(MAX_LINK_LENGTH).nullish(),
    customData: z.record(z.string(), z.unknown()).nullish(),
  });
}

function buildSceneSchema(limits: SceneLimits) {
  return z.looseObject({
    // Clipboard payloads carry the same element list, so accept them too.
    type: z.enum(["excalidraw", "excalidraw/clipboard"]).optional(),
    version: z.number().int().positive().optional(),
    source: z.string().max(MAX_LINK_LENGTH).optional(),
    elements: z.array(buildElementSchema(limits)),
    appState: z.record(z.string(), z.unknown()).nullish(),
    files: z.record(z.string(), z.unknown()).nullish(),
  });
}

const defaultSceneSchema = buildSceneSchema(DEFAULT_SCENE_LIMITS);

/** One validated element; unknown fields are kept as `unknown`. */
export type SceneElement = z.infer<ReturnType<typeof buildElementSchema>>;
export type SceneBinding = z.infer<typeof bindingSchema>;

/** A validated scene holding only live (non-deleted) elements. */
export interface Scene {
  type: "excalidraw";
  version: number;
  source?: string;
  elements: SceneElement[];
  appState: Record<string, unknown>;
  files: Record<string, unknown>;
}

export type SceneErrorCode = "too_large" | "too_many_elements" | "invalid";

export interface SceneError {
  code: SceneErrorCode;
  /** Human-readable; names the first offending JSON path when there is one. */
  message: string;
}

export type ParseSceneResult = { ok: true; scene: Scene } | { ok: false; error: SceneError };

export interface ParseSceneOptions {
  /** Size of the raw request body if the caller already knows it (skips re-serialising). */
  byteLength?: number;
  limits?: Partial<SceneLimits>;
}

/** UTF-8 byte length of a string without TextEncoder or Buffer (works everywhere, allocates nothing). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Size in UTF-8 bytes of `value` serialised as JSON; throws on circular structures. */
export function measureSceneBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : utf8ByteLength(json);
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "scene" : out;
}

function fail(code: SceneErrorCode, message: string): ParseSceneResult {
  return { ok: false, error: { code, message } };
}

/**
 * Validates an untrusted scene: either the raw JSON string or an already-parsed value, as a full
 * `{type:"excalidraw", version:2, elements, appState, files}` envelope or a bare `{elements}`.
 * Checks size first, then element count, then the schema; deleted elements are dropped.
 */
export function parseScene(input: unknown, options: ParseSceneOptions = {}): ParseSceneResult {
  const limits: SceneLimits = { ...DEFAULT_SCENE_LIMITS, ...options.limits };

  let value: unknown = input;
  let bytes = options.byteLength;
  if (typeof input === "string") {
    bytes ??= utf8ByteLength(input);
    if (bytes > limits.maxBytes) return tooLarge(bytes, limits);
    try {
      value = JSON.parse(input);
    } catch (error) {
      return fail("invalid", `scene is not valid JSON (${error instanceof Error ? error.message : "parse error"})`);
    }
  } else if (bytes === undefined) {
    try {
      bytes = measureSceneBytes(input);
    } catch {
      return fail("invalid", "scene cannot be serialised as JSON");
    }
  }
  if (bytes > limits.maxBytes) return tooLarge(bytes, limits);

  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail("invalid", "scene: expected an object with an `elements` array");
  }
  const elements = (value as { elements?: unknown }).elements;
  if (Array.isArray(elements) && elements.length > limits.maxElements) {
    return fail("too_many_elements", `scene has ${elements.length} elements; the limit is ${limits.maxElements}`);
  }

  const isDefault = limits.maxTextLength === DEFAULT_SCENE_LIMITS.maxTextLength;
  const schema = isDefault ? defaultSceneSchema : buildSceneSchema(limits);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? formatPath(issue.path) : "scene";
    return fail("invalid", `${where}: ${issue?.message ?? "invalid scene"}`);
  }

  const data = parsed.data;
  const scene: Scene = {
    type: "excalidraw",
    version: data.version ?? 2,
    elements: data.elements.filter((element) => element.isDeleted !== true),
    appState: data.appState ?? {},
    files: data.files ?? {},
  };
  if (data.source !== undefined) scene.source = data.source;
  return { ok: true, scene };
}

function tooLarge(bytes: number, limits: SceneLimits): ParseSceneResult {
  return fail("too_large", `scene is ${bytes} bytes; the limit is ${limits.maxBytes} bytes`);
}
