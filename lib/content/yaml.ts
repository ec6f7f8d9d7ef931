/**
 * The canonical YAML form of a content item: what the editor shows in its YAML tab and what the
 * export writes for a version that has no imported file text. Keys follow the schema's order (the
 * database's JSONB does not keep key order), long prose is a folded block, short lists are written
 * inline, as in the hand-written files. Pure, so the browser and the server produce the same text.
 */
import { Document, isScalar, parseDocument, Scalar, visit } from "yaml";
import { z } from "zod";
import { CONTENT_KINDS, type ContentFolder } from "./validate";

const FOLD_ABOVE = 80;
const INLINE_LIST_MAX = 90;

export function canonicalYaml(folder: ContentFolder, value: unknown): string {
  const doc = new Document(orderLike(value, CONTENT_KINDS[folder].schema));
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== "string") return;
      if (node.value.includes("\n")) node.type = Scalar.BLOCK_LITERAL;
      else if (node.value.length > FOLD_ABOVE) node.type = Scalar.BLOCK_FOLDED;
    },
    Seq(_, node) {
      const short = node.items.every(
        (item) => isScalar(item) && (typeof item.value !== "string" || !item.value.includes("\n")),
      );
      const width = node.items.reduce<number>((sum, item) => sum + String(isScalar(item) ? item.value : "").length + 2, 0);
      if (node.items.length > 0 && short && width <= INLINE_LIST_MAX) node.flow = true;
    },
  });
  // Scalars inside inline lists stay plain (a folded block cannot sit in a flow sequence).
  visit(doc, {
    Seq(_, node) {
      if (!node.flow) return;
      for (const item of node.items) if (isScalar(item)) item.type = undefined;
    },
  });
  return doc.toString({ lineWidth: 100, minContentWidth: 0, flowCollectionPadding: false });
}

/** Parses YAML text to plain data for the form editor; null with the first error when it is not valid YAML. */
export function parseYamlText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = error.linePos?.[0]?.line;
    return { ok: false, message: `${line ? `line ${line}: ` : ""}${error.message.split("\n")[0]}` };
  }
  return { ok: true, value: doc.toJS() };
}

/** Copies `value` with object keys in the order the schema declares them; unknown keys keep their place after. */
function orderLike(value: unknown, schema: z.ZodType | undefined): unknown {
  const inner = unwrap(schema);
  if (Array.isArray(value)) {
    const element = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
    return value.map((item) => orderLike(item, element));
  }
  if (value && typeof value === "object") {
    const shape = inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : {};
    const record = value as Record<string, unknown>;
    const keys = [
      ...Object.keys(shape).filter((k) => Object.hasOwn(record, k)),
      ...Object.keys(record).filter((k) => !Object.hasOwn(shape, k)),
    ];
    return Object.fromEntries(
      keys.filter((k) => record[k] !== undefined).map((k) => [k, orderLike(record[k], shape[k])]),
    );
  }
  return value;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
    current = current.def.innerType as z.ZodType;
  }
  return current;
}

