import "server-only";
import { readContentDir } from "./files";
import { validateContent, type ContentBank, type ContentProblem } from "./validate";

export class ContentInvalidError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: ContentProblem[],
  ) {
    const lines = problems.slice(0, 20).map((p) => `  ${p.file}${p.line ? `:${p.line}` : ""} ${p.field}: ${p.message}`);
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : "";
    super(`The question bank in ${dir} has ${problems.length} problem(s); run \`npm run content:check\` for the full list.\n${lines.join("\n")}${more}`);
    this.name = "ContentInvalidError";
  }
}

/** Reads and validates a content folder; throws with every problem when it is invalid. */
export async function loadContentBank(dir: string): Promise<ContentBank> {
  const result = validateContent(await readContentDir(dir));
  if (!result.ok) throw new ContentInvalidError(dir, result.problems);
  return result.bank;
}
