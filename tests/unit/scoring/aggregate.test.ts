import { describe, expect, it } from "vitest";
import { buildReportBody, suggestDrills, verdictFor, verdictRank, weightedScore } from "@/lib/scoring/aggregate";
import { computeFindings } from "@/lib/scoring/findings";
import type { DimensionResult, ScoreLevel } from "@/lib/scoring/types";
import { candidateSays, content, makeInput } from "./helpers";

function dim(key: string, weight: number, level: ScoreLevel | null, droppedEvidence = 0): DimensionResult {
  return {
    key,
    title: key.replace(/-/g, " "),
    weight,
    level,
    rationale: "",
    evidence: [],
    droppedEvidence,
    source: "ai",
  };
}

describe("weightedScore", () => {
  it("averages assessed levels by weight, renormalising over what was assessed", () => {
    expect(weightedScore([dim("a", 50, 4), dim("b", 30, 2), dim("c", 20, null)])).toBe(3.25);
    expect(weightedScore([dim("a", 1, 1), dim("b", 2, 2)])).toBe(1.67);
  });

  it("is null when less than half of the weight could be assessed", () => {
    expect(weightedScore([dim("a", 40, 4), dim("b", 60, null)])).toBeNull();
    expect(weightedScore([dim("a", 50, 3), dim("b", 50, null)])).toBe(3);
    expect(weightedScore([])).toBeNull();
  });
});

describe("verdictFor", () => {
  const even = (level: ScoreLevel) => [dim("architecture", 60, level), dim("estimation", 40, level)];

  it.each([
    [3.3, "senior", "strong hire"],
    [3.29, "senior", "hire"],
    [2.9, "senior", "hire"],
    [2.6, "senior", "lean hire"],
    [2.2, "senior", "lean no hire"],
    [2.19, "senior", "no hire"],
    [3.0, "mid", "strong hire"],
    [2.3, "mid", "lean hire"],
    [3.0, "staff", "lean hire"],
    [3.6, "staff", "strong hire"],
    [2.4, "staff", "no hire"],
  ] as const)("%s at %s → %s", (score, level, verdict) => {
    expect(verdictFor(score, level, even(3))?.verdict).toBe(verdict);
  });

  it("is null without a score", () => {
    expect(verdictFor(null, "senior", [])).toBeNull();
  });

  it("holds a strong hire at hire when a dimension is below the bar", () => {
    const dims = [dim("architecture", 90, 4), dim("estimation", 10, 1)];
    const verdict = verdictFor(3.7, "senior", dims);
    expect(verdict?.verdict).toBe("hire");
    expect(verdict?.summary).toContain("Held at hire because estimation (1) is below the bar.");
  });

  it("summarises the strongest and weakest dimensions", () => {
    const dims = [
      dim("architecture", 13, 4),
      dim("estimation", 7, 2),
      dim("evaluation", 11, 2),
      dim("adaptation", 6, null),
    ];
    expect(verdictFor(2.7, "senior", dims)?.summary).toBe(
      "Lean hire at senior (2.70 of 4): strongest in architecture (4), weakest in evaluation (2) and estimation (2). 1 dimension was not assessable.",
    );
    expect(verdictFor(3, "senior", even(3))?.summary).toBe(
      "Hire at senior (3.00 of 4): level 3 across all 2 assessed dimensions.",
    );
  });

  it("ranks verdicts", () => {
    expect(verdictRank("strong hire")).toBeGreaterThan(verdictRank("hire"));
    expect(verdictRank("lean no hire")).toBeGreaterThan(verdictRank("no hire"));
  });
});

describe("suggestDrills", () => {
  const { rubric, prompt } = content();
  const results = rubric.dimensions.map((d) => dim(d.key, d.weight, 3));
  const set = (key: string, level: ScoreLevel | null) => {
    const found = results.find((r) => r.key === key)!;
    found.level = level;
  };
  set("evaluation", 1);
  set("safety-privacy", 1);
  set("estimation", 2);
  set("reliability", 2);
  set("adaptation", null);
  set("architecture", 4);

  it("picks the three weakest assessed dimensions: lowest level, then highest weight, then rubric order", () => {
    // evaluation (1, weight 11), safety (1, weight 8), then estimation and reliability tie at 2 and 7.
    expect(suggestDrills(results, rubric, prompt).map((d) => d.dimension)).toEqual([
      "evaluation",
      "safety-privacy",
      "estimation",
    ]);
  });

  it("explains with the rubric's next-level anchor, the missed signals and a prompt reference point", () => {
    const findings = computeFindings(makeInput(candidateSays("a", "b", "c")));
    const [first] = suggestDrills(results, rubric, prompt, findings);
    const anchor = rubric.dimensions.find((d) => d.key === "evaluation")!.levels.find((l) => l.level === 3)!.anchor;
    expect(first!.title).toBe(`Design the evaluation plan before launch (${prompt.title})`);
    expect(first!.why).toContain("You were at level 1 (Below the bar).");
    expect(first!.why).toContain(`Level 3 looks like this: ${anchor}`);
    expect(first!.why).toContain("Not heard this time: golden or evaluation set;");
    expect(first!.why).toContain(`For "${prompt.title}", a reference point:`);
  });

  it("aims at level 4 for a dimension already at the bar, and skips level 4 and unassessed ones", () => {
    const allGood = rubric.dimensions.map((d) => dim(d.key, d.weight, d.key === "cost-latency" ? 3 : 4));
    const drills = suggestDrills(allGood, rubric, prompt);
    expect(drills.map((d) => d.dimension)).toEqual(["cost-latency"]);
    expect(drills[0]!.why).toContain("Level 4 looks like this:");
    expect(
      suggestDrills(
        rubric.dimensions.map((d) => dim(d.key, d.weight, null)),
        rubric,
        prompt,
      ),
    ).toEqual([]);
  });
});

describe("buildReportBody", () => {
  it("assembles the versioned report with totals, verdict, drills and dropped evidence in code", () => {
    const input = makeInput(candidateSays("a", "b", "c"));
    const findings = computeFindings(input);
    const dims = input.rubric.dimensions.map((d, i) =>
      dim(d.key, d.weight, ((i % 4) + 1) as ScoreLevel, i === 0 ? 2 : 0),
    );
    const body = buildReportBody(input, dims, findings, "ai", "judge@1");
    expect(body).toMatchObject({
      version: 1,
      source: "ai",
      scorerRef: "judge@1",
      findings,
      dimensions: dims,
      evidenceDropped: 2,
    });
    expect(body.weightedScore).toBe(weightedScore(dims));
    expect(body.verdict).toEqual(verdictFor(body.weightedScore, "senior", dims));
    expect(body.drills).toHaveLength(3);
  });

  it("has no verdict when too little was assessable", () => {
    const input = makeInput(candidateSays("a"));
    const dims = input.rubric.dimensions.map((d) => dim(d.key, d.weight, null));
    const body = buildReportBody(input, dims, computeFindings(input), "offline", "offline-scorer@1");
    expect(body.weightedScore).toBeNull();
    expect(body.verdict).toBeNull();
    expect(body.drills).toEqual([]);
  });
});
