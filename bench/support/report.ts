/** Console tables with targets, and the PASS/MISS verdict every benchmark prints next to its numbers. */

export type Comparison = "<=" | ">=";

/** One number compared with its target. `pass` is null when the number could not be measured. */
export interface Check {
  name: string;
  value: number | null;
  unit: string;
  comparison: Comparison;
  target: number;
  pass: boolean | null;
  /** Decimals shown. */
  digits: number;
}

export function check(
  name: string,
  value: number | null,
  comparison: Comparison,
  target: number,
  unit = "",
  digits = 1,
): Check {
  const measured = value !== null && Number.isFinite(value);
  const pass = !measured ? null : comparison === "<=" ? value <= target : value >= target;
  return { name, value: measured ? value : null, unit, comparison, target, pass, digits };
}

export function verdict(pass: boolean | null): string {
  return pass === null ? "n/a" : pass ? "PASS" : "MISS";
}

/** A number for a table cell: thousands separators, `digits` decimals (fewer for big numbers). */
export function fmt(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const d = Math.abs(value) >= 1000 ? 0 : digits;
  return value.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}

function withUnit(text: string, unit: string): string {
  if (text === "—" || unit === "") return text;
  return unit === "%" || unit === "×" ? `${text}${unit}` : `${text} ${unit}`;
}

/** Prints a left-aligned table with a title; numeric-looking cells are right-aligned. */
export function printTable(title: string, headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = /^[-+]?[\d,.]+(\s?\S{0,4})?$|^—$/;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric.test(cell) && i > 0 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

/** The closing table of a benchmark: each headline number, its target and PASS/MISS. */
export function printChecks(checks: readonly Check[]): void {
  printTable(
    "Targets",
    ["metric", "value", "target", "result"],
    checks.map((c) => [
      c.name,
      withUnit(fmt(c.value, c.digits), c.unit),
      `${c.comparison} ${withUnit(fmt(c.target, c.digits), c.unit)}`,
      verdict(c.pass),
    ]),
  );
}
