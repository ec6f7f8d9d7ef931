// The offline scorer must rank a strong interview above a weak one for the same prompt: at least as
// high on every dimension, strictly higher wherever the two differ in substance (here: all of them —
// the weak one asks nothing, gets its arithmetic wrong, has no evaluation, safety, failure or cost
// story and ignores the curveball), with a higher weighted score and a better verdict.
import { describe, expect, it } from "vitest";
import { buildReportBody, verdictRank } from "@/lib/scoring/aggregate";
import { computeFindings } from "@/lib/scoring/findings";
import { scoreOffline } from "@/lib/scoring/offline-scorer";
import { strongChatgpt } from "../../fixtures/transcripts/design-chatgpt-strong";
import { weakChatgpt } from "../../fixtures/transcripts/design-chatgpt-weak";
import { fromFixture } from "./helpers";

function report(fixture: typeof strongChatgpt) {
  const input = fromFixture(fixture);
  const findings = computeFindings(input);
  return buildReportBody(input, scoreOffline(input, findings), findings, "offline", "offline-scorer@1");
}

describe("strong vs weak design-chatgpt interview", () => {
  const strong = report(strongChatgpt);
  const weak = report(weakChatgpt);

  it("scores the same dimensions for both", () => {
    expect(strong.dimensions.map((d) => d.key)).toEqual(weak.dimensions.map((d) => d.key));
    expect([...strong.dimensions, ...weak.dimensions].every((d) => d.level !== null)).toBe(true);
  });

  it("is strictly higher on every dimension", () => {
    strong.dimensions.forEach((d, i) => {
      const other = weak.dimensions[i]!;
      expect(d.level!, `${d.key}: strong ${d.level} vs weak ${other.level}`).toBeGreaterThan(other.level!);
    });
  });

  it("has a higher weighted score and a better verdict", () => {
    expect(strong.weightedScore!).toBeGreaterThan(weak.weightedScore!);
    expect(verdictRank(strong.verdict!.verdict)).toBeGreaterThan(verdictRank(weak.verdict!.verdict));
    expect(strong.verdict?.verdict).toBe("strong hire");
    expect(weak.verdict?.verdict).toBe("no hire");
  });

  it("explains the difference in findings: arithmetic, board, curveball, red flags", () => {
    expect(strong.findings.estimates.length).toBeGreaterThan(5);
    expect(strong.findings.estimates.every((e) => e.ok)).toBe(true);
    expect(weak.findings.estimates.map((e) => e.ok)).toEqual([false]);
    const passed = (r: typeof strong) => r.findings.diagram.checks.filter((c) => c.passed).map((c) => c.key);
    expect(passed(strong)).toEqual([
      "components",
      "request-path",
      "guardrails",
      "cache",
      "observability",
      "retrieval",
      "arrows-connected",
    ]);
    expect(passed(weak)).not.toContain("guardrails");
    expect(strong.findings.curveballs[0]).toMatchObject({ boardChanged: true });
    expect(weak.findings.curveballs[0]).toMatchObject({ boardChanged: false, responseMessageIds: ["m10", "m12"] });
    expect(strong.findings.redFlags).toEqual([]);
    // Discussing prompt injection as a threat is design, not an attempt on the scorer.
    expect(strong.findings.injection.detected).toBe(false);
    expect(weak.findings.redFlags.map((f) => f.key)).toEqual([
      "llm-as-source-of-truth",
      "no-evaluation-plan",
      "ignores-safety",
      "no-failure-modes",
      "jumps-to-solution",
      "no-trade-offs",
      "rigid-under-change",
    ]);
  });

  it("suggests drills for the weak interview only where there is room to grow", () => {
    expect(weak.drills).toHaveLength(3);
    expect(strong.drills).toEqual([]);
  });

  it("produces a report that survives a JSON round trip (it is stored as jsonb)", () => {
    expect(JSON.parse(JSON.stringify(strong))).toEqual(strong);
  });
});
