// npm run content:check [DIR] — validates the question bank and prints every problem at once.
import path from "node:path";
import { DEFAULT_CONTENT_DIR, readContentDir } from "@/lib/content/files";
import { validateContent } from "@/lib/content/validate";

const dir = path.resolve(process.argv[2] ?? DEFAULT_CONTENT_DIR);
const files = await readContentDir(dir);
if (files.length === 0) {
  console.error(
    `content:check: no content files found in ${dir} (expected frameworks/, rubrics/, prompts/ with .yaml files)`,
  );
  process.exit(1);
}
const result = validateContent(files);
if (!result.ok) {
  for (const p of result.problems) {
    const where = [path.join(path.relative(process.cwd(), dir) || ".", p.file) + (p.line ? `:${p.line}` : ""), p.field]
      .filter(Boolean)
      .join(" ");
    console.error(`✗ ${where}: ${p.message}`);
  }
  console.error(`\n${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} in ${dir}`);
  process.exit(1);
}
const { frameworks, rubrics, prompts, followups } = result.bank;
console.log(
  `✓ content OK: ${frameworks.length} frameworks, ${rubrics.length} rubrics, ${prompts.length} prompts, ${followups.length} follow-up banks (${dir})`,
);
