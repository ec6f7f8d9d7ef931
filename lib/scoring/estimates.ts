/**
 * Finds the candidate's back-of-the-envelope arithmetic in a turn and checks it.
 *
 * Only statements with an explicit result are reported ("=", "≈", "~", "is about", "so", "that's", …):
 * a bare "20M users and 12 messages each" claims nothing, so nothing is checked. A statement is an
 * expression, a result marker and a second expression:
 *
 *   100K users × 10 requests × 2K tokens = 2B tokens/day        → 100K·10·2K vs 2B
 *   2B / 86,400 ≈ 23K tokens/s                                   → 2B÷86,400 vs 23K
 *   18M × 9 + 2M × 40 = 162M + 80M ≈ 240M                        → two checks, × before +
 *   100K × 10 = 1M requests × 2K tokens = 2B                     → chained: 1M, then 1M·2K vs 2B
 *   535M tokens/day is ~6,200 tokens/s                           → implicit per-day → per-second
 *
 * Candidates round, so a result within 15% of the arithmetic counts as right; the relative error is
 * always stated in `detail`. Units attached to numbers are not type-checked (tokens × users is fine);
 * only rates are converted, and only when the candidate did not convert explicitly (no division, no
 * "× 86,400"/"× 30 days" in the expression), so an explicit conversion is never applied twice.
 */
import type { EstimateCheck } from "./types";

/** A result within this relative error of the arithmetic counts as right (candidates round). */
export const ESTIMATE_TOLERANCE = 0.15;

type Period = "second" | "minute" | "hour" | "day" | "month" | "year";

const SECONDS: Record<Period, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  month: 30 * 86_400,
  year: 365 * 86_400,
};

const PERIOD_PATTERNS: [Period, RegExp][] = [
  ["second", /(?:\/\s?|\bper\s+|\ba\s+|\beach\s+)(?:s|secs?|seconds?)\b|\b(?:qps|rps|tps)\b/],
  ["minute", /(?:\/\s?|\bper\s+|\ba\s+|\beach\s+)(?:mins?|minutes?)\b|\b(?:rpm|tpm)\b/],
  ["hour", /(?:\/\s?|\bper\s+|\ban?\s+|\beach\s+)(?:h|hrs?|hours?)\b|\bhourly\b/],
  ["day", /(?:\/\s?|\bper\s+|\ba\s+|\beach\s+)(?:d|days?)\b|\bdaily\b/],
  ["month", /(?:\/\s?|\bper\s+|\ba\s+|\beach\s+)(?:mo|months?)\b|\bmonthly\b/],
  ["year", /(?:\/\s?|\bper\s+|\ba\s+|\beach\s+)(?:yr|years?)\b|\b(?:yearly|annually|annual)\b/],
];

/** Operands that signal the candidate converted time units explicitly (× 30 days, ÷ 86,400 s). */
const TIME_CONSTANTS = new Set([24, 30, 31, 60, 365, 720, 730, 1440, 3600, 86_400]);
const TIME_WORD = /^\s*(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?|years?)\b/i;

// ───────────────────────── tokens ─────────────────────────

type Op = "*" | "/" | "+" | "-";

interface NumToken {
  t: "num";
  value: number;
  start: number;
  end: number;
  percent: boolean;
  /** Had a magnitude suffix, currency, percent or byte unit (a "quantity", not a bare digit). */
  quantity: boolean;
  /** A time unit was glued on ("24h", "500ms"). */
  timeUnit: boolean;
}
interface OpToken {
  t: "op";
  op: Op;
  start: number;
  end: number;
  /** "/", "per" and "over" only divide when a number follows ("tokens/day" is a unit). */
  needsNumber: boolean;
}
interface MarkToken {
  t: "mark";
  start: number;
  end: number;
  /** Words like "about" are result markers after a number and hedges elsewhere. */
  soft: boolean;
}
interface WordToken {
  t: "word";
  text: string;
  start: number;
  end: number;
}
interface BreakToken {
  t: "break";
  start: number;
  end: number;
}
type Token = NumToken | OpToken | MarkToken | WordToken | BreakToken;

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  trillion: 1e12,
};
const BYTES: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };

// One alternative per token kind, tried left to right at each position.
const NUMBER = String.raw`(?<cur>[$€£])?(?<![\p{L}\p{N}_.]|\p{L}-)(?<digits>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:(?<pct>\s?%)|\s?(?<bytes>[KMGTPkmgtp])i?[Bb](?![\p{L}\p{N}])|(?<ms>\s?ms)(?![\p{L}\p{N}])|\s?(?<wordmul>thousand|million|billion|trillion|bn|mil)(?![\p{L}\p{N}])|(?<mul>[kKmMbB]|MM|T)(?![\p{L}\p{N}])|\s(?<spacedmul>[KMBT])(?![\p{L}\p{N}])|(?<time>h|hrs?|s|secs?|d|mins?)(?![\p{L}\p{N}]))?(?<x>[x×])?(?![\p{L}\p{N}])`;
const NUMBER_WORD = String.raw`(?<![\p{L}\p{N}])(?<numword>thousand|million|billion|trillion)(?![\p{L}\p{N}])`;
const SYMBOL_OP = String.raw`(?<symop>[×✕*÷+−]|\s-\s)`;
const SLASH = String.raw`(?<slash>/)`;
const SYMBOL_MARK = String.raw`(?<symmark>~=|≈|≃|=>|->|→|==|=|~)`;
const BREAK = String.raw`(?<brk>[.!?](?=\s|$)|[\n;:])`;
const DASH = String.raw`(?<dash>[-–—])`;
const WORD = String.raw`(?<word>\p{L}[\p{L}\p{N}'’]*(?:[/@]\p{L}[\p{L}\p{N}]*)*)`;
const SCANNER = new RegExp([NUMBER, NUMBER_WORD, SYMBOL_OP, SLASH, SYMBOL_MARK, BREAK, DASH, WORD].join("|"), "gu");

const MARK_WORDS = new Set([
  "is",
  "are",
  "equals",
  "equal",
  "gives",
  "so",
  "that's",
  "thats",
  "means",
  "comes",
  "works",
  "totals",
]);
/** Hedges: result markers right after a number ("100K × 10 roughly 1M"), filler elsewhere. */
const SOFT_MARK_WORDS = new Set([
  "about",
  "around",
  "roughly",
  "approximately",
  "approx",
  "nearly",
  "almost",
  "basically",
]);
/** Words allowed between an operator and its operand ("× about 10", "× an average of 2K"). */
const OPERAND_FILLER = new Set([
  "a",
  "an",
  "the",
  "about",
  "around",
  "roughly",
  "approximately",
  "approx",
  "say",
  "maybe",
  "another",
  "average",
  "avg",
  "of",
  "like",
  "some",
  "only",
  "just",
]);
/** Words allowed between a result marker and the result ("is about", "so we need ~", "that's roughly"). */
const RESULT_FILLER = new Set([
  "about",
  "around",
  "roughly",
  "approximately",
  "approx",
  "like",
  "call",
  "it",
  "basically",
  "just",
  "nearly",
  "almost",
  "under",
  "over",
  "we",
  "need",
  "get",
  "have",
  "that's",
  "thats",
  "it's",
  "a",
  "total",
  "of",
  "us",
  "gives",
  "so",
  "is",
  "are",
  "which",
  "means",
  "say",
  "maybe",
  "on",
  "the",
  "order",
  "then",
  "still",
  "only",
  "some",
  "out",
  "to",
  "at",
  "around",
  "you",
  "comes",
  "works",
  "in",
  "ish",
]);
const MAX_UNIT_WORDS = 6;
const MAX_OPERAND_FILLER = 3;
const MAX_RESULT_FILLER = 4;

function parseNumber(groups: Record<string, string | undefined>, start: number, end: number): NumToken | null {
  const digits = groups.digits;
  if (digits === undefined) return null;
  let value = Number(digits.replace(/,/g, ""));
  if (!Number.isFinite(value)) return null;
  let quantity = groups.cur !== undefined;
  let percent = false;
  let timeUnit = false;
  if (groups.pct) {
    value /= 100;
    percent = true;
    quantity = true;
  } else if (groups.bytes) {
    value *= BYTES[groups.bytes.toLowerCase()] ?? 1;
    quantity = true;
  } else if (groups.ms) {
    value /= 1000; // milliseconds → seconds, so "500ms × 2 = 1s" checks out
    timeUnit = true;
  } else if (groups.wordmul) {
    value *= MULTIPLIERS[groups.wordmul.toLowerCase()] ?? 1;
    quantity = true;
  } else if (groups.mul) {
    value *= MULTIPLIERS[groups.mul === "T" ? "t" : groups.mul.toLowerCase()] ?? 1;
    quantity = true;
  } else if (groups.spacedmul) {
    value *= MULTIPLIERS[groups.spacedmul.toLowerCase()] ?? 1;
    quantity = true;
  } else if (groups.time) {
    timeUnit = true;
  }
  return { t: "num", value, start, end, percent, quantity, timeUnit };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  SCANNER.lastIndex = 0;
  for (let m = SCANNER.exec(text); m !== null; m = SCANNER.exec(text)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length === 0) {
      SCANNER.lastIndex++;
      continue;
    }
    if (g.digits !== undefined) {
      const x = g.x;
      const numEnd = x ? end - x.length : end;
      const num = parseNumber(g, start, numEnd);
      if (num) tokens.push(num);
      // "2.5x" is a multiplier: the number, then a multiplication.
      if (x) tokens.push({ t: "op", op: "*", start: numEnd, end, needsNumber: false });
    } else if (g.numword) {
      // "per million tokens": a bare magnitude word is the number itself.
      tokens.push({
        t: "num",
        value: MULTIPLIERS[g.numword.toLowerCase()] ?? 1,
        start,
        end,
        percent: false,
        quantity: true,
        timeUnit: false,
      });
    } else if (g.symop) {
      const symbol = g.symop.trim();
      const op: Op = symbol === "+" ? "+" : symbol === "-" || symbol === "−" ? "-" : symbol === "÷" ? "/" : "*";
      tokens.push({ t: "op", op, start, end, needsNumber: false });
    } else if (g.slash) {
      tokens.push({ t: "op", op: "/", start, end, needsNumber: true });
    } else if (g.symmark) {
      tokens.push({ t: "mark", start, end, soft: g.symmark === "~" });
    } else if (g.brk) {
      tokens.push({ t: "break", start, end });
    } else if (g.dash) {
      // A glued dash is a range ("1-2K") or a name ("GPT-4"), never a subtraction.
      tokens.push({ t: "break", start, end });
    } else if (g.word) {
      tokens.push(classifyWord(g.word, start, end));
    }
  }
  return mergeWordOperators(tokens, text);
}

function classifyWord(word: string, start: number, end: number): Token {
  const w = word.toLowerCase().replace(/’/g, "'");
  if (w === "x" || w === "times") return { t: "op", op: "*", start, end, needsNumber: false };
  if (w === "plus") return { t: "op", op: "+", start, end, needsNumber: false };
  if (w === "minus") return { t: "op", op: "-", start, end, needsNumber: false };
  if (w === "per" || w === "over") return { t: "op", op: "/", start, end, needsNumber: true };
  if (MARK_WORDS.has(w)) return { t: "mark", start, end, soft: false };
  if (SOFT_MARK_WORDS.has(w)) return { t: "mark", start, end, soft: true };
  return { t: "word", text: w, start, end };
}

/** "multiplied by" / "divided by" → one operator; "to" in "240M to 600M" → a range (break). */
function mergeWordOperators(tokens: Token[], text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (
      token.t === "word" &&
      (token.text === "multiplied" || token.text === "divided") &&
      next?.t === "word" &&
      next.text === "by"
    ) {
      out.push({
        t: "op",
        op: token.text === "divided" ? "/" : "*",
        start: token.start,
        end: next.end,
        needsNumber: false,
      });
      i++;
      continue;
    }
    const prev = out[out.length - 1];
    if (
      token.t === "word" &&
      token.text === "to" &&
      prev?.t === "num" &&
      next?.t === "num" &&
      text.slice(prev.end, next.start).trim() === "to"
    ) {
      out.push({ t: "break", start: token.start, end: token.end });
      continue;
    }
    out.push(token);
  }
  return out;
}

// ───────────────────────── expressions ─────────────────────────

interface Operand {
  value: number;
  start: number;
  end: number;
  percent: boolean;
  timeUnit: boolean;
  /** Raw text of the unit words that follow (for periods), and where the first three end (for quoting). */
  unitText: string;
  unitWords: number;
  quoteEnd: number;
}

interface Segment {
  operands: Operand[];
  ops: Op[];
}

function evaluate(segment: Segment): number {
  // × and ÷ bind tighter than + and −.
  const terms: number[] = [];
  const signs: Op[] = [];
  let current = segment.operands[0]?.value ?? 0;
  segment.ops.forEach((op, i) => {
    const value = segment.operands[i + 1]?.value ?? 0;
    if (op === "*") current *= value;
    else if (op === "/") current = value === 0 ? NaN : current / value;
    else {
      terms.push(current);
      signs.push(op);
      current = value;
    }
  });
  terms.push(current);
  return terms.reduce((sum, term, i) => (i === 0 ? term : signs[i - 1] === "-" ? sum - term : sum + term), 0);
}

function periodOf(segment: Segment): Period | null {
  const text = segment.operands
    .map((o) => o.unitText)
    .join(" ")
    .toLowerCase();
  const found = new Set<Period>();
  for (const [period, re] of PERIOD_PATTERNS) if (re.test(text)) found.add(period);
  // "20M DAU × 12 messages" is a daily volume; a bare "20M DAU" is not a rate claim.
  if (found.size === 0 && segment.ops.length > 0 && /\bdau\b/.test(text)) found.add("day");
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

function convertsTimeExplicitly(segment: Segment): boolean {
  if (segment.ops.includes("/")) return true;
  return segment.operands.some(
    (o, i) => o.timeUnit || TIME_WORD.test(o.unitText) || (i > 0 && TIME_CONSTANTS.has(o.value)),
  );
}

// ───────────────────────── the scanner ─────────────────────────

export interface FoundEstimate {
  statement: string;
  stated: number;
  computed: number;
  ok: boolean;
  relativeError: number;
  detail: string;
  start: number;
  end: number;
}

/** Every checkable arithmetic statement in one text, in order. */
export function findEstimates(text: string): FoundEstimate[] {
  const tokens = tokenize(text);
  const results: FoundEstimate[] = [];
  // Parser state in one object: the chain of expressions joined by result markers, the expression being
  // read, where we are in it, and how many loose words we have skipped since the last token that mattered.
  const s: {
    chain: Segment[];
    current: Segment | null;
    state: "idle" | "afterOperand" | "expectOperand" | "afterMarker";
    words: number;
  } = { chain: [], current: null, state: "idle", words: 0 };

  const closeChain = () => {
    if (s.current && s.state === "expectOperand") s.current.ops.pop();
    if (s.current && s.current.operands.length > 0) s.chain.push(s.current);
    results.push(...checkChain(s.chain, text));
    s.chain = [];
    s.current = null;
    s.state = "idle";
    s.words = 0;
  };
  const startOperand = (num: NumToken) => {
    const segment: Segment = s.current ?? { operands: [], ops: [] };
    segment.operands.push({
      value: num.value,
      start: num.start,
      end: num.end,
      percent: num.percent,
      timeUnit: num.timeUnit,
      unitText: "",
      unitWords: 0,
      quoteEnd: num.end,
    });
    s.current = segment;
    s.state = "afterOperand";
    s.words = 0;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    // "/", "per" and "over" only divide when a number follows; otherwise they belong to a unit.
    const effective: Token =
      token.t === "op" && token.needsNumber && next?.t !== "num"
        ? { t: "word", text: text.slice(token.start, token.end), start: token.start, end: token.end }
        : token;
    const segment = s.current;

    if (s.state === "idle") {
      if (effective.t === "num") startOperand(effective);
    } else if (s.state === "afterOperand" && segment) {
      const operand = segment.operands[segment.operands.length - 1]!;
      if (effective.t === "num") {
        closeChain();
        startOperand(effective);
      } else if (effective.t === "op") {
        segment.ops.push(effective.op);
        s.state = "expectOperand";
        s.words = 0;
      } else if (effective.t === "mark") {
        s.chain.push(segment);
        s.current = null;
        s.state = "afterMarker";
        s.words = 0;
      } else if (effective.t === "break") {
        closeChain();
      } else if (effective.text === "of" && operand.percent && operand.unitWords === 0 && next?.t === "num") {
        // "30% of 2B": "of" after a percentage multiplies.
        segment.ops.push("*");
        s.state = "expectOperand";
        s.words = 0;
      } else if (++s.words > MAX_UNIT_WORDS) {
        closeChain();
      } else {
        // The quoted statement keeps the unit ("2B tokens/day") but stops at a comma ("…/s, and").
        if (s.words <= 3 && !/[,;()]/.test(text.slice(operand.quoteEnd, effective.start)))
          operand.quoteEnd = effective.end;
        operand.unitText = text.slice(operand.end, effective.end);
        operand.unitWords = s.words;
      }
    } else if (s.state === "expectOperand") {
      if (effective.t === "num") startOperand(effective);
      else if (
        (effective.t === "mark" && effective.soft) ||
        (effective.t === "word" && OPERAND_FILLER.has(effective.text))
      ) {
        if (++s.words > MAX_OPERAND_FILLER) closeChain();
      } else closeChain();
    } else if (s.state === "afterMarker") {
      if (effective.t === "num") startOperand(effective);
      else if (effective.t === "mark" || (effective.t === "word" && RESULT_FILLER.has(effective.text))) {
        if (++s.words > MAX_RESULT_FILLER) closeChain();
      } else closeChain();
    }
  }
  closeChain();
  return results;
}

function checkChain(chain: Segment[], text: string): FoundEstimate[] {
  const found: FoundEstimate[] = [];
  for (let i = 0; i + 1 < chain.length; i++) {
    const left = chain[i]!;
    const right = chain[i + 1]!;
    const leftPeriod = periodOf(left);
    const rightPeriod = periodOf(right);
    const convert =
      leftPeriod !== null && rightPeriod !== null && leftPeriod !== rightPeriod && !convertsTimeExplicitly(left);
    // A claim needs arithmetic on the left ("20M users, so 240M messages" claims nothing we can check).
    if (left.ops.length === 0 && !convert) continue;
    const factor = convert ? SECONDS[rightPeriod] / SECONDS[leftPeriod] : 1;
    const computed = evaluate(left) * factor;
    if (!Number.isFinite(computed)) continue;

    // "= 1M requests × 2K tokens = 2B" continues the chain: the first operand is the result. "= 162M + 80M"
    // restates it as a sum. Take whichever reading the candidate's numbers support.
    const firstOperand = right.operands[0]!;
    const readings = [{ stated: evaluate(right), end: right.operands[right.operands.length - 1]!.quoteEnd }];
    if (right.ops.length > 0) readings.push({ stated: firstOperand.value, end: firstOperand.quoteEnd });
    const best = readings
      .map((r) => ({ ...r, error: relativeError(r.stated, computed) }))
      .sort((a, b) => a.error - b.error)[0]!;

    const start = left.operands[0]!.start;
    const statement = text.slice(start, best.end).replace(/\s+/g, " ").trim();
    const ok = best.error <= ESTIMATE_TOLERANCE;
    const conversion = convert ? ` (converting per ${leftPeriod} to per ${rightPeriod})` : "";
    found.push({
      statement,
      stated: best.stated,
      computed,
      ok,
      relativeError: best.error,
      detail: describeCheck(computed, best.stated, best.error, ok, conversion),
      start,
      end: best.end,
    });
  }
  return found;
}

function relativeError(stated: number, computed: number): number {
  if (computed === 0) return stated === 0 ? 0 : Infinity;
  return Math.abs(stated - computed) / Math.abs(computed);
}

function describeCheck(computed: number, stated: number, error: number, ok: boolean, conversion: string): string {
  const percent = Number.isFinite(error) ? `${(error * 100).toFixed(error < 0.1 ? 1 : 0)}%` : "100%";
  if (ok)
    return `The arithmetic gives ${formatQuantity(computed)}${conversion}; stated ${formatQuantity(stated)}, ${percent} off (within the ${ESTIMATE_TOLERANCE * 100}% rounding tolerance).`;
  const ratio = computed !== 0 && stated !== 0 ? Math.max(stated / computed, computed / stated) : Infinity;
  const direction = stated > computed ? "too high" : "too low";
  const size =
    ratio >= 3 && Number.isFinite(ratio) ? ` — about ${formatQuantity(ratio)}× ${direction}` : ` — ${direction}`;
  return `The arithmetic gives ${formatQuantity(computed)}${conversion}, but ${formatQuantity(stated)} was stated: ${percent} off${size}.`;
}

/** 2_000_000_000 → "2B", 23_148 → "23.1K", 0.3 → "0.3". Three significant figures. */
export function formatQuantity(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const sig = (x: number) => String(Number(x.toPrecision(3)));
  for (const [size, suffix] of [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ] as const) {
    if (abs >= size) return `${sig(n / size)}${suffix}`;
  }
  return sig(n);
}

/**
 * Whether a text gives any quantity at all: a number with a magnitude, currency, percent or byte
 * unit, or a bare number of 10 or more ("Llama 3" and "step 2" do not count).
 */
export function hasQuantity(text: string): boolean {
  return tokenize(text).some((t) => t.t === "num" && (t.quantity || t.value >= 10));
}

/** Checks every candidate turn. Reports statements in the order they were said. */
export function checkEstimates(messages: readonly { id: string; role: string; content: string }[]): EstimateCheck[] {
  return messages
    .filter((m) => m.role === "candidate")
    .flatMap((m) =>
      findEstimates(m.content).map((e) => ({
        messageId: m.id,
        statement: e.statement,
        stated: e.stated,
        computed: e.computed,
        ok: e.ok,
        detail: e.detail,
      })),
    );
}
