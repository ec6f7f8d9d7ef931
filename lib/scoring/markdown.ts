/** A report as Markdown, for sharing or keeping notes. Pure. */
import type { ReportBody } from "./types";

export function reportToMarkdown(
  title: string,
  body: ReportBody,
  quoteSource: (messageId: string) => string | undefined = () => undefined,
): string {
  const lines: string[] = [`# ${title}`, ""];
  if (body.verdict)
    lines.push(`**Verdict:** ${body.verdict.verdict} at ${body.verdict.level} — ${body.verdict.summary}`, "");
  lines.push(
    `**Weighted score:** ${body.weightedScore !== null ? `${body.weightedScore.toFixed(1)} / 4` : "not enough could be assessed"} · scored by ${body.scorerRef}`,
    "",
  );
  if (body.findings.injection.detected)
    lines.push(
      "> Instructions aimed at the grader were found in the interview; they were ignored and raised no score.",
      "",
    );
  lines.push("## Dimensions", "");
  for (const d of body.dimensions) {
    lines.push(
      `### ${d.title} — ${d.level ? `${d.level}/4` : "not assessable"} (weight ${d.weight}%)`,
      "",
      d.rationale,
      "",
    );
    for (const e of d.evidence) {
      if (e.kind === "quote")
        lines.push(`- “${e.quote}”${quoteSource(e.messageId) ? ` (${quoteSource(e.messageId)})` : ""}`);
      else if (e.kind === "node") lines.push(`- Board ${e.nodeId}: ${e.label}`);
      else lines.push(`- ${e.detail}`);
    }
    lines.push("");
  }
  if (body.findings.phaseTime.length) {
    lines.push("## Time per phase", "", "| Phase | Planned | Actual (estimated) |", "|---|---|---|");
    for (const p of body.findings.phaseTime)
      lines.push(`| ${p.title} | ${p.plannedMinutes} min | ${p.actualMinutes.toFixed(0)} min |`);
    lines.push("");
  }
  if (body.findings.estimates.length) {
    lines.push("## Estimate checks", "");
    for (const e of body.findings.estimates) lines.push(`- ${e.ok ? "✓" : "✗"} \`${e.statement}\` — ${e.detail}`);
    lines.push("");
  }
  if (body.findings.redFlags.length) {
    lines.push("## Red flags", "");
    for (const f of body.findings.redFlags) lines.push(`- **${f.title}:** ${f.detail}`);
    lines.push("");
  }
  if (body.drills.length) {
    lines.push("## Practise next", "");
    for (const d of body.drills) lines.push(`- **${d.title}** — ${d.why}`);
    lines.push("");
  }
  return lines.join("\n");
}
