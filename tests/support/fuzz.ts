/**
 * Generators for fuzzing the HTTP edge: a seeded PRNG (so a failure reproduces), route discovery
 * under app/api, malformed and oversize request bodies, wrong-typed fields, unicode edge cases,
 * garbage query strings and path segments, and a fingerprint of every table of the database.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { SqlClient } from "@/lib/db/connection";

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items (or all of them), in a random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A string of `length` code points drawn from ASCII, Latin, CJK, emoji and control characters. */
  text(length: number): string;
}

/** mulberry32: tiny, fast, and good enough to vary fuzz inputs reproducibly. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const ranges: Array<[number, number]> = [
    [0x20, 0x7e],
    [0x00, 0x1f],
    [0xa0, 0x24f],
    [0x300, 0x36f],
    [0x590, 0x6ff],
    [0x4e00, 0x9fff],
    [0x1f300, 0x1faff],
    [0xfff0, 0xffff],
  ];
  return {
    next,
    int,
    pick,
    sample: (items, count) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, count);
    },
    text: (length) => {
      let out = "";
      for (let i = 0; i < length; i++) {
        const [lo, hi] = pick(ranges);
        out += String.fromCodePoint(lo + int(hi - lo + 1));
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Route discovery

export interface Segment {
  name: string;
  /** `[...name]` (or `[[...name]]`): the param is an array of strings. */
  catchAll: boolean;
}

export interface RouteFile {
  /** Absolute path of the route.ts. */
  file: string;
  /** The URL pattern, e.g. `/api/interviews/[id]/board`. */
  pattern: string;
  /** The dynamic segments, in URL order. */
  segments: Segment[];
}

/** Every `route.ts` under `apiDir` (e.g. `<root>/app/api`), sorted by URL pattern. */
export function discoverRoutes(apiDir: string): RouteFile[] {
  const files = readdirSync(apiDir, { recursive: true, encoding: "utf8" }).filter(
    (entry) => path.basename(entry) === "route.ts",
  );
  return files
    .map((relative) => {
      const parts = path
        .dirname(relative)
        .split(path.sep)
        .filter((p) => p !== ".");
      const segments: Segment[] = [];
      for (const part of parts) {
        const match = /^\[{1,2}(\.\.\.)?([^\]]+)\]{1,2}$/.exec(part);
        if (match) segments.push({ name: match[2]!, catchAll: Boolean(match[1]) });
      }
      return { file: path.join(apiDir, relative), pattern: `/api/${parts.join("/")}`.replace(/\/$/, ""), segments };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export type ParamValue = string | string[];

/** Lone surrogates cannot be percent-encoded: a browser would send U+FFFD in their place. */
const wellFormed = (text: string) =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

/** The concrete URL of `pattern` with its dynamic segments filled (percent-encoded, as a browser would send them). */
export function fillPattern(pattern: string, params: Record<string, ParamValue>): string {
  return pattern.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, (_, name: string) => {
    const value = params[name] ?? "";
    return (Array.isArray(value) ? value : [value]).map((v) => encodeURIComponent(wellFormed(v))).join("/");
  });
}

// ---------------------------------------------------------------------------------------------
// Strings and values

/** Strings that break naive code: NUL, lone surrogates, bidi overrides, joiners, combining marks. */
export const UNICODE_EDGE_CASES: Record<string, string> = {
  nul: "a\u0000b",
  onlyNul: "\u0000",
  loneHighSurrogate: "x\ud800y",
  loneLowSurrogate: "\udc00",
  rtlOverride: "\u202etxt.exe",
  zeroWidth: "a\u200b\u200c\u200d\ufeffb",
  emojiZwj: "👩‍👩‍👧‍👦🏳️‍🌈🧑🏽‍💻",
  combining: `e${"\u0301".repeat(1000)}`,
  controls: "\u0001\u0007\u001b[31m\r\n\t\u007f",
  nonCharacters: "\ufffe\uffff\ufdd0",
  astral: "𝕳𝖊𝖑𝖑𝖔 𠜎𠜱",
};

/** `[[[…]]]` nested `depth` levels deep, as JSON text (too deep for any recursive walker with a small stack). */
export function deepArrayText(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

/** `{"a":{"a":…{}}}` nested `depth` levels deep, as JSON text. */
export function deepObjectText(depth: number): string {
  return `${'{"a":'.repeat(depth)}{}${"}".repeat(depth)}`;
}

/** A JSON value spliced in as raw text (for values JSON.stringify cannot produce: 1e999, deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Like JSON.stringify, but RawJson values are written as their text. */
export function toJsonText(value: unknown): string {
  const marks: string[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      marks.push(v.text);
      return `\u0000raw${marks.length - 1}\u0000`;
    }
    return v;
  });
  return json.replace(/"\\u0000raw(\d+)\\u0000"/g, (_, i: string) => marks[Number(i)]!);
}

export interface NamedValue {
  name: string;
  value: unknown;
}

/**
 * The wrong values every field of a valid body is tried with: each other JSON type, an oversize
 * string, and the unicode edge cases.
 */
export function coreWrongValues(): NamedValue[] {
  const u = UNICODE_EDGE_CASES;
  return [
    { name: "null", value: null },
    { name: "number", value: 123 },
    { name: "array", value: [1, "two", null] },
    { name: "object", value: { nested: { deeper: [] } } },
    { name: "100 000-char string", value: "x".repeat(100_000) },
    { name: "string with NUL", value: u.nul },
    { name: "NUL", value: u.onlyNul },
    { name: "lone surrogate", value: u.loneHighSurrogate },
    { name: "RTL override", value: u.rtlOverride },
    { name: "zero-width joiners", value: u.zeroWidth },
    { name: "emoji ZWJ sequence", value: u.emojiZwj },
    { name: "combining marks ×1000", value: u.combining },
  ];
}

/** Further wrong values, a few of which (chosen by the PRNG) each field also gets. */
export function extraWrongValues(rng: Rng): NamedValue[] {
  const u = UNICODE_EDGE_CASES;
  return [
    { name: "negative", value: -1 },
    { name: "zero", value: 0 },
    { name: "float", value: 0.5 },
    { name: "1e999 (Infinity)", value: new RawJson("1e999") },
    { name: "-1e999", value: new RawJson("-1e999") },
    { name: "huge integer", value: new RawJson("123456789012345678901234567890") },
    { name: "boolean", value: true },
    { name: "empty string", value: "" },
    { name: "whitespace", value: " \t\n " },
    { name: "10 000-deep array", value: new RawJson(deepArrayText(10_000)) },
    { name: "empty array", value: [] },
    { name: "empty object", value: {} },
    { name: "lone low surrogate", value: u.loneLowSurrogate },
    { name: "control characters", value: u.controls },
    { name: "non-characters", value: u.nonCharacters },
    { name: "astral plane", value: u.astral },
    { name: "random unicode", value: rng.text(64) },
    { name: "SQL", value: "'; DROP TABLE users; --" },
    { name: "HTML", value: "<script>alert(1)</script>" },
  ];
}

/** Every path to a leaf (or empty container) of a JSON value. */
export function leafPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) {
    if (value.length === 0) return [prefix];
    return value.flatMap((item, i) => leafPaths(item, [...prefix, i]));
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([key, item]) => leafPaths(item, [...prefix, key]));
  }
  return [prefix];
}

/** A deep copy of `value` with the thing at `where` replaced. */
export function replaceAt(value: unknown, where: Array<string | number>, replacement: unknown): unknown {
  if (where.length === 0) return replacement;
  const [head, ...rest] = where;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? replaceAt(item, rest, replacement) : item));
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [head!]: replaceAt(record[head!], rest, replacement) };
}

// ---------------------------------------------------------------------------------------------
// Request bodies

export interface BodyCase {
  name: string;
  /** The raw body; undefined sends none. */
  body?: string | Uint8Array;
  /** Extra or overriding request headers (content-type, content-length). */
  headers?: Record<string, string>;
  /** Never acceptable to a handler that reads a JSON body (so it must be a 4xx there, never a 2xx). */
  malformed?: boolean;
}

const MB = 1024 * 1024;
let bigBodies: { threeMb: string; twentyMb: string } | undefined;

/** Oversize but well-formed JSON bodies (built once: they are large). */
function oversize() {
  bigBodies ??= {
    threeMb: JSON.stringify({ text: "x".repeat(3 * MB) }),
    twentyMb: JSON.stringify({ text: "x".repeat(20 * MB) }),
  };
  return bigBodies;
}

/** Bodies that are wrong whatever the route expects: not JSON, the wrong kind of JSON, too big, lying headers. */
export function genericBodyCases(rng: Rng): BodyCase[] {
  const big = oversize();
  return [
    { name: "no body", malformed: true },
    { name: "empty body", body: "", malformed: true },
    { name: "truncated JSON `{`", body: "{", malformed: true },
    { name: "trailing garbage", body: '{"a":1}}}', malformed: true },
    { name: "single quotes", body: "{'a': 1}", malformed: true },
    { name: "NaN literal", body: '{"a": NaN}', malformed: true },
    { name: "JSON null", body: "null", malformed: true },
    { name: "JSON array", body: "[]", malformed: true },
    { name: "JSON string", body: '"string"', malformed: true },
    { name: "JSON number", body: "123", malformed: true },
    { name: "JSON true", body: "true", malformed: true },
    { name: "empty object", body: "{}" },
    { name: "10 000-deep array", body: deepArrayText(10_000), malformed: true },
    { name: "10 000-deep object", body: deepObjectText(10_000) },
    { name: "invalid UTF-8 bytes", body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]) },
    { name: "UTF-8 BOM then JSON", body: "\ufeff{}" },
    { name: "NUL bytes", body: "\u0000\u0000\u0000", malformed: true },
    { name: "random unicode text", body: rng.text(200), malformed: true },
    { name: "__proto__ pollution", body: '{"__proto__": {"admin": true, "role": "ADMIN"}}' },
    { name: "constructor.prototype pollution", body: '{"constructor": {"prototype": {"admin": true}}}' },
    { name: "3 MB body", body: big.threeMb },
    { name: "20 MB body", body: big.twentyMb },
    { name: "content-length smaller than body", body: big.threeMb, headers: { "content-length": "10" } },
    { name: "content-length larger than body", body: "{}", headers: { "content-length": String(50 * MB) } },
    { name: "content-length not a number", body: "{}", headers: { "content-length": "abc" } },
    { name: "content-length negative", body: "{}", headers: { "content-length": "-1" } },
    { name: "text/plain content-type", body: "{}", headers: { "content-type": "text/plain" } },
    {
      name: "form-urlencoded body",
      body: "a=1&b=2",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      malformed: true,
    },
    {
      name: "multipart body",
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
      headers: { "content-type": "multipart/form-data; boundary=x" },
      malformed: true,
    },
  ];
}

/**
 * The few generic cases for a handler that ignores its body (it answered 2xx to malformed JSON):
 * their only job there is to show that size, headers and junk do not upset it.
 */
export function bodyIgnoredCases(rng: Rng): BodyCase[] {
  const keep = new Set([
    "no body",
    "truncated JSON `{`",
    "10 000-deep array",
    "invalid UTF-8 bytes",
    "__proto__ pollution",
    "20 MB body",
    "content-length larger than body",
    "multipart body",
  ]);
  return genericBodyCases(rng).filter((c) => keep.has(c.name));
}

/**
 * Variations of a valid body: the body itself; each top-level field missing, set to every core wrong
 * value and to `extrasPerKey` random extra ones; unknown and prototype-pollution keys beside the
 * valid fields; and `randomCount` random (leaf path, wrong value) replacements anywhere in it,
 * nested fields included.
 */
export function fieldBodyCases(
  valid: Record<string, unknown>,
  rng: Rng,
  { extrasPerKey = 2, randomCount = 8 }: { extrasPerKey?: number; randomCount?: number } = {},
): BodyCase[] {
  const cases: BodyCase[] = [{ name: "the valid body", body: JSON.stringify(valid) }];
  const core = coreWrongValues();
  const extra = extraWrongValues(rng);
  for (const key of Object.keys(valid)) {
    const rest = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));
    cases.push({ name: `without ${key}`, body: JSON.stringify(rest) });
    for (const { name, value } of [...core, ...rng.sample(extra, extrasPerKey)]) {
      cases.push({ name: `${key} = ${name}`, body: toJsonText({ ...valid, [key]: value }) });
    }
  }
  const inner = JSON.stringify(valid).slice(1, -1);
  const join = (...parts: string[]) => `{${parts.filter(Boolean).join(",")}}`;
  cases.push(
    { name: "extra unknown keys", body: JSON.stringify({ ...valid, extra: 1, ownerId: "x", role: "ADMIN" }) },
    { name: "valid body + __proto__", body: join('"__proto__":{"admin":true}', inner) },
    { name: "valid body + constructor.prototype", body: join('"constructor":{"prototype":{"admin":true}}', inner) },
    { name: "valid body twice (duplicate keys)", body: join(inner, inner) },
    { name: "valid body as an array", body: JSON.stringify([valid]), malformed: true },
    { name: "valid body as a JSON string", body: JSON.stringify(JSON.stringify(valid)), malformed: true },
  );
  const paths = leafPaths(valid);
  const all = [...core, ...extra];
  for (let i = 0; i < randomCount; i++) {
    const where = rng.pick(paths);
    const { name, value } = rng.pick(all);
    cases.push({
      name: `random #${i}: ${where.join(".")} = ${name}`,
      body: toJsonText(replaceAt(valid, where, value)),
    });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Query strings

/**
 * Garbage query strings: unknown, repeated and oversize keys, broken escapes; and for each key the
 * route reads, an oversize value, NUL, an impossible date, a few random other bad values, a repeat
 * of the key and random values for every key at once.
 */
export function queryCases(knownKeys: readonly string[], rng: Rng): string[] {
  const values = [
    "",
    "garbage",
    "-1",
    "0",
    "1e999",
    "NaN",
    "[]",
    "null",
    "9".repeat(400),
    "2026-02-30T25:61:00Z",
    ...Object.values(UNICODE_EDGE_CASES),
    rng.text(40),
  ];
  const q = (pairs: Array<[string, string]>) => `?${new URLSearchParams(pairs).toString()}`;
  const cases = [
    q([["unknown", "1"]]),
    q([["x".repeat(10_000), "y"]]),
    "?%zz=%E0%A4%A&%=%%",
    "?a&b&&c==d",
    `?${"k=v&".repeat(2_000)}`,
    q([
      ["__proto__", "x"],
      ["constructor", "y"],
    ]),
  ];
  for (const key of knownKeys) {
    for (const value of ["x".repeat(100_000), UNICODE_EDGE_CASES.nul!, "2026-13-45", ...rng.sample(values, 4)]) {
      cases.push(q([[key, value]]));
    }
    cases.push(
      q([
        [key, "1"],
        [key, "2"],
      ]),
    );
    cases.push(q(knownKeys.map((k) => [k, rng.text(8)])));
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Database fingerprint

/**
 * Creates `fuzz_fingerprint()` in the current schema of this test's database: for every table, its
 * row count, its newest row version (max xmin: any insert or update of a row changes it) and its
 * newest updated_at. A plpgsql function keeps its query plans, so a fingerprint costs well under a
 * millisecond, which is what lets every single fuzz request be checked.
 */
export async function installFingerprint(sql: Pick<SqlClient, "query" | "exec">): Promise<void> {
  const tables = await sql.query<{ table_name: string; has_updated_at: boolean }>(
    `SELECT t.table_name,
            EXISTS (SELECT 1 FROM information_schema.columns c
                     WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
                       AND c.column_name = 'updated_at') AS has_updated_at
       FROM information_schema.tables t
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY t.table_name`,
  );
  if (tables.length === 0) throw new Error("the database has no tables to fingerprint");
  const perTable = tables
    .map(
      ({ table_name: name, has_updated_at: updated }) =>
        `SELECT '${name}' AS t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text || ':' || ${
          updated ? "coalesce(max(updated_at)::text, '')" : "''"
        } AS f FROM "${name}"`,
    )
    .join(" UNION ALL ");
  await sql.exec(
    `CREATE OR REPLACE FUNCTION fuzz_fingerprint() RETURNS text LANGUAGE plpgsql AS $fp$
       DECLARE result text;
       BEGIN
         SELECT string_agg(t || '=' || f, ';' ORDER BY t) INTO result FROM (${perTable}) per_table;
         RETURN result;
       END
     $fp$`,
  );
}

/** Every table's `count:max xmin:max updated_at`, by table name (see installFingerprint). */
export async function databaseFingerprint(sql: Pick<SqlClient, "query">): Promise<Record<string, string>> {
  const [row] = await sql.query<{ fp: string }>("SELECT fuzz_fingerprint() AS fp");
  return Object.fromEntries(row!.fp.split(";").map((entry) => entry.split("=") as [string, string]));
}
