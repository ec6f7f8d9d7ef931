// Diagram text is untrusted user input that ends up inside LLM prompts and UI strings.

// C0/C1 controls, zero-width characters, bidi overrides/isolates, BOM and line/paragraph separators.
const INVISIBLE_OR_CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const WHITESPACE_RUN = /\s+/g;

/** Strips control/invisible characters and collapses every whitespace run to one space. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE_OR_CONTROL, " ").replace(WHITESPACE_RUN, " ").trim();
}

/** Cuts `text` to at most `maxLength` characters, marking the cut with an ellipsis. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 1) return "…".slice(0, maxLength);
  // Avoid splitting a surrogate pair.
  let end = maxLength - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

// `<` that could open a tag (`<system>`, `</diagram>`, `<!--`); a bare `<` as in "p95 < 1s" is left alone.
const TAG_OPENER = /<(?=[A-Za-z/!?])/g;

/**
 * Makes text safe to place inside a double-quoted item of a prompt digest: cleaned, with double
 * quotes and backticks swapped for `'` so it cannot close the quote, and tag-opening `<` swapped
 * for `‹` so it cannot fake a `</diagram>`-style delimiter; then truncated.
 */
export function quoteSafe(text: string, maxLength: number): string {
  const cleaned = cleanText(text).replace(/["`]/g, "'").replace(TAG_OPENER, "‹");
  return truncateText(cleaned, maxLength);
}
