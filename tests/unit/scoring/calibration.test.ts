import { describe, expect, it } from "vitest";
import {
  agreement,
  agreementByDimension,
  averageRanks,
  quadraticWeightedKappa,
  spearman,
  type LevelPair,
} from "@/lib/scoring/calibration";

/** Pairs from parallel arrays of AI and coach levels. */
function zip(ai: number[], coach: number[]): { ai: number; coach: number }[] {
  return ai.map((a, i) => ({ ai: a, coach: coach[i] ?? Number.NaN }));
}

/**
 * Second, independent kappa formula used as a cross-check (valid for equally spaced levels such as 1..4,
 * where the weight's numerator (i - j)^2 equals (a - c)^2 on the level values themselves):
 *
 *   kappa = 1 - n * sum_k (a_k - c_k)^2 / sum_i sum_j (a_i - c_j)^2
 *
 * The double sum over every AI score against every coach score is n^2 times the mean squared
 * difference if the raters were independent, i.e. n * (k-1)^2 * sum(w * E); the numerator is
 * n * (k-1)^2 * sum(w * O). No matrices, no marginals.
 */
function kappaByPairwiseDifferences(pairs: { ai: number; coach: number }[]): number {
  const n = pairs.length;
  const observed = pairs.reduce((sum, p) => sum + (p.ai - p.coach) ** 2, 0);
  let expected = 0;
  for (const p of pairs) for (const q of pairs) expected += (p.ai - q.coach) ** 2;
  return 1 - (n * observed) / expected;
}

describe("perfect agreement", () => {
  // AI = coach = 1, 2, 3, 4, 2. Every pair is on the diagonal, so sum(w * O) = 0 and kappa = 1 - 0 = 1
  // (expected disagreement is > 0 because the marginals span four levels). Same values -> same ranks ->
  // rho = 1. Every difference is 0 -> bias 0, exact 5/5, within-one 5/5.
  const pairs = zip([1, 2, 3, 4, 2], [1, 2, 3, 4, 2]);

  it("gives kappa 1, spearman 1 and no bias", () => {
    expect(agreement(pairs)).toEqual({
      pairs: 5,
      quadraticWeightedKappa: 1,
      spearman: 1,
      meanBias: 0,
      exactAgreement: 1,
      withinOne: 1,
    });
  });
});

describe("hand-worked six-pair example", () => {
  // AI:    1 2 2 3 4 4
  // coach: 1 2 3 3 3 2
  //
  // Observed counts O (rows AI level i, columns coach level j), with marginals:
  //            c=1 c=2 c=3 c=4 | AI total
  //   a=1       1   0   0   0  |   1
  //   a=2       0   1   1   0  |   2
  //   a=3       0   0   1   0  |   1
  //   a=4       0   1   1   0  |   2
  //   coach     1   2   3   0  |   n = 6
  //
  // Weights w_ij = (i - j)^2 / 9 (k = 4 levels, (k-1)^2 = 9).
  // sum(w * O): the off-diagonal cells are (2,3) d=1, (4,3) d=1, (4,2) d=2 -> (1 + 1 + 4) / 9 = 6/9 = 2/3.
  //
  // Expected E_ij = AI_i * coach_j / 6:
  //            c=1   c=2   c=3   c=4
  //   a=1      1/6   2/6   3/6    0
  //   a=2      2/6   4/6   6/6    0
  //   a=3      1/6   2/6   3/6    0
  //   a=4      2/6   4/6   6/6    0
  // sum(w * E) = (1/9) * (1/6) * sum (i-j)^2 * AI_i * coach_j, where that sum is
  //   a=1: 1*(0*1 + 1*2 + 4*3) = 14
  //   a=2: 2*(1*1 + 0*2 + 1*3) =  8
  //   a=3: 1*(4*1 + 1*2 + 0*3) =  6
  //   a=4: 2*(9*1 + 4*2 + 1*3) = 40      total 68
  // so sum(w * E) = 68 / 54 = 34/27.
  // kappa = 1 - (2/3) / (34/27) = 1 - 54/102 = 1 - 9/17 = 8/17 ≈ 0.470588.
  //
  // Spearman (average ranks):
  //   AI 1,2,2,3,4,4     -> ranks 1, 2.5, 2.5, 4, 5.5, 5.5
  //   coach 1,2,3,3,3,2  -> 1 is rank 1; the two 2s share ranks 2,3 -> 2.5; the three 3s share 4,5,6 -> 5
  //                      -> ranks 1, 2.5, 5, 5, 5, 2.5
  //   Both rank means are 3.5. Deviations:
  //   AI:    -2.5, -1,  -1,   0.5, 2,   2
  //   coach: -2.5, -1,   1.5, 1.5, 1.5, -1
  //   sum of products = 6.25 + 1 - 1.5 + 0.75 + 3 - 2 = 7.5
  //   sum of squares  = 16.5 (AI), 15 (coach)
  //   rho = 7.5 / sqrt(16.5 * 15) = sqrt(56.25 / 247.5) = sqrt(5/22) ≈ 0.476731
  //
  // Differences ai - coach: 0, 0, -1, 0, 1, 2 -> bias 2/6 = 1/3; exact 3/6 = 1/2; within one 5/6.
  const pairs = zip([1, 2, 2, 3, 4, 4], [1, 2, 3, 3, 3, 2]);

  it("matches the hand-computed kappa 8/17", () => {
    expect(quadraticWeightedKappa(pairs)).toBeCloseTo(8 / 17, 10);
    expect(quadraticWeightedKappa(pairs)).toBeCloseTo(0.470588, 6);
  });

  it("matches the hand-computed spearman sqrt(5/22), bias and shares", () => {
    const stats = agreement(pairs);
    expect(stats.pairs).toBe(6);
    expect(stats.spearman).toBeCloseTo(Math.sqrt(5 / 22), 10);
    expect(stats.spearman).toBeCloseTo(0.476731, 6);
    expect(stats.meanBias).toBeCloseTo(1 / 3, 10);
    expect(stats.exactAgreement).toBe(0.5);
    expect(stats.withinOne).toBeCloseTo(5 / 6, 10);
  });

  it("agrees with the pairwise-difference form of kappa", () => {
    // 1 - n * sum d^2 / sum_i sum_j (a_i - c_j)^2 = 1 - 6 * 6 / 68 = 1 - 36/68 = 8/17 (the double sum is
    // the 68 above: it counts each AI level against each coach level, weighted by how often they occur).
    expect(kappaByPairwiseDifferences(pairs)).toBeCloseTo(8 / 17, 10);
    expect(quadraticWeightedKappa(pairs)).toBeCloseTo(kappaByPairwiseDifferences(pairs), 10);
  });

  it("agrees with the pairwise-difference form on a larger deterministic sample", () => {
    // 200 pairs from a Park-Miller generator: the coach level is the AI level nudged by -1, 0 or +1,
    // clamped to 1..4 (products stay below 2^47, so the sequence is exact in doubles).
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    const sample = Array.from({ length: 200 }, () => {
      const ai = 1 + (next() % 4);
      const coach = Math.min(4, Math.max(1, ai + (next() % 3) - 1));
      return { ai, coach };
    });
    const kappa = quadraticWeightedKappa(sample);
    expect(kappa).not.toBeNull();
    expect(kappa).toBeGreaterThan(0);
    expect(kappa).toBeLessThan(1);
    expect(kappa).toBeCloseTo(kappaByPairwiseDifferences(sample), 10);
  });

  it("does not change when unused levels are added at the ends of the scale", () => {
    // Weights use positions, and (k-1)^2 cancels; unused levels have zero marginals so add nothing.
    expect(quadraticWeightedKappa(pairs, [0, 1, 2, 3, 4, 5])).toBeCloseTo(8 / 17, 10);
  });
});

describe("systematic +1 bias (AI always one level higher)", () => {
  // coach 1, 2, 3 and AI 2, 3, 4. n = 3.
  // O has one count in each of cells (a=2,c=1), (a=3,c=2), (a=4,c=3), each with d = 1:
  //   sum(w * O) = 3 * 1/9 = 1/3.
  // AI marginals: a=2,3,4 once each; coach marginals: c=1,2,3 once each; E_ij = 1/3 for those 9 cells.
  //   sum (i-j)^2 over a in {2,3,4}, c in {1,2,3}:
  //   a=2: 1 + 0 + 1 = 2;  a=3: 4 + 1 + 0 = 5;  a=4: 9 + 4 + 1 = 14;  total 21
  //   sum(w * E) = 21 / (9 * 3) = 7/9.
  // kappa = 1 - (1/3) / (7/9) = 1 - 3/7 = 4/7 ≈ 0.571429  (< 1: the levels never match)
  // Pairwise form: 1 - 3 * 3 / 21 = 4/7.
  // Ranks are identical (1, 2, 3 on both sides) -> rho = 1. Every difference is +1 -> bias 1,
  // exact 0, within one 1.
  const pairs = zip([2, 3, 4], [1, 2, 3]);

  it("has bias 1 and spearman 1 but kappa 4/7", () => {
    const stats = agreement(pairs);
    expect(stats.meanBias).toBe(1);
    expect(stats.spearman).toBeCloseTo(1, 12);
    expect(stats.quadraticWeightedKappa).toBeCloseTo(4 / 7, 10);
    expect(stats.quadraticWeightedKappa).toBeLessThan(1);
    expect(stats.exactAgreement).toBe(0);
    expect(stats.withinOne).toBe(1);
    expect(kappaByPairwiseDifferences(pairs)).toBeCloseTo(4 / 7, 10);
  });

  it("reports a coach-higher bias as negative", () => {
    // Same pairs with the raters swapped: every difference is -1; kappa is symmetric.
    const swapped = pairs.map(({ ai, coach }) => ({ ai: coach, coach: ai }));
    expect(agreement(swapped).meanBias).toBe(-1);
    expect(agreement(swapped).quadraticWeightedKappa).toBeCloseTo(4 / 7, 10);
  });
});

describe("complete reversal", () => {
  // AI 1, 2, 3, 4 against coach 4, 3, 2, 1. n = 4.
  // Differences -3, -1, 1, 3: sum d^2 = 9 + 1 + 1 + 9 = 20, so sum(w * O) = 20/9.
  // Both marginals are one count per level; E_ij = 1/4 everywhere. sum over the 4x4 grid of (i-j)^2 is
  // 2 * (1+4+9 + 1+4 + 1) = 40, so sum(w * E) = 40 / (9 * 4) = 10/9.
  // kappa = 1 - (20/9) / (10/9) = 1 - 2 = -1.
  // Ranks 1,2,3,4 vs 4,3,2,1 -> rho = -1.
  // Bias: (-3 - 1 + 1 + 3) / 4 = 0 (bias alone hides the disagreement); exact 0; within one 2/4.
  const pairs = zip([1, 2, 3, 4], [4, 3, 2, 1]);

  it("gives kappa -1 and spearman -1", () => {
    const stats = agreement(pairs);
    expect(stats.quadraticWeightedKappa).toBeCloseTo(-1, 12);
    expect(stats.spearman).toBeCloseTo(-1, 12);
    expect(stats.meanBias).toBe(0);
    expect(stats.exactAgreement).toBe(0);
    expect(stats.withinOne).toBe(0.5);
    expect(kappaByPairwiseDifferences(pairs)).toBeCloseTo(-1, 12);
  });
});

describe("spearman with ties", () => {
  // xs = 10, 20, 20, 30 -> ranks 1, 2.5, 2.5, 4   (the two 20s share ranks 2 and 3)
  // ys =  1,  3,  2,  2 -> ranks 1, 4, 2.5, 2.5   (the two 2s share ranks 2 and 3)
  // Rank means 2.5. Deviations: x -1.5, 0, 0, 1.5; y -1.5, 1.5, 0, 0.
  // sum of products = 2.25; sums of squares 4.5 and 4.5 -> rho = 2.25 / 4.5 = 0.5.
  // (The no-ties shortcut 1 - 6 sum d^2 / (n(n^2-1)) would give 1 - 6 * 4.5 / 60 = 0.55: wrong here.)
  it("averages tied ranks", () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([1, 3, 2, 2])).toEqual([1, 4, 2.5, 2.5]);
    // Three-way tie at the top: ranks 2, 3, 4 -> 3 each.
    expect(averageRanks([4, 4, 1, 4])).toEqual([3, 3, 1, 3]);
  });

  it("is Pearson on average ranks", () => {
    expect(spearman([10, 20, 20, 30], [1, 3, 2, 2])).toBeCloseTo(0.5, 12);
    expect(spearman([1, 3, 2, 2], [10, 20, 20, 30])).toBeCloseTo(0.5, 12);
  });

  it("only depends on order, not on the values", () => {
    expect(spearman([1, 2, 3], [1, 10, 100])).toBeCloseTo(1, 12);
  });
});

describe("undefined statistics are null", () => {
  it("has only nulls for no pairs", () => {
    expect(agreement([])).toEqual({
      pairs: 0,
      quadraticWeightedKappa: null,
      spearman: null,
      meanBias: null,
      exactAgreement: null,
      withinOne: null,
    });
    expect(quadraticWeightedKappa([])).toBeNull();
    expect(spearman([], [])).toBeNull();
  });

  it("has no kappa or spearman for a single pair, but has bias and shares", () => {
    // One pair (3, 2): difference +1 -> bias 1, exact 0, within one 1.
    expect(agreement([{ ai: 3, coach: 2 }])).toEqual({
      pairs: 1,
      quadraticWeightedKappa: null,
      spearman: null,
      meanBias: 1,
      exactAgreement: 0,
      withinOne: 1,
    });
    expect(spearman([1], [2])).toBeNull();
  });

  it("has no spearman when one side is constant", () => {
    expect(spearman([2, 2, 2], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [2, 2, 2])).toBeNull();
  });

  it("gives kappa 0, not null, when only the coach is constant", () => {
    // AI 2, 3, 4 against coach 3, 3, 3. Differences -1, 0, 1: sum d^2 = 2.
    // Coach marginal: 3 at level 3. sum_i sum_j (a_i - c_j)^2 = 3 * ((2-3)^2 + 0 + (4-3)^2) = 6.
    // kappa = 1 - 3 * 2 / 6 = 0: no better than chance. Spearman is null (zero coach variance).
    const stats = agreement(zip([2, 3, 4], [3, 3, 3]));
    expect(stats.quadraticWeightedKappa).toBeCloseTo(0, 12);
    expect(stats.spearman).toBeNull();
    expect(stats.meanBias).toBe(0);
    expect(stats.exactAgreement).toBeCloseTo(1 / 3, 12);
    expect(stats.withinOne).toBe(1);
  });

  it("has no kappa when every pair is in one category (expected disagreement 0)", () => {
    // All (3, 3): the only non-zero cell of E is (3, 3), whose weight is 0 -> sum(w * E) = 0 -> 0/0.
    const stats = agreement(zip([3, 3, 3], [3, 3, 3]));
    expect(stats.quadraticWeightedKappa).toBeNull();
    expect(stats.spearman).toBeNull();
    expect(stats.meanBias).toBe(0);
    expect(stats.exactAgreement).toBe(1);
    expect(stats.withinOne).toBe(1);
  });
});

describe("input validation", () => {
  it.each([
    ["above the scale", { ai: 5, coach: 3 }],
    ["below the scale", { ai: 2, coach: 0 }],
    ["not an integer", { ai: 2.5, coach: 3 }],
    ["not a number", { ai: 2, coach: Number.NaN }],
  ])("rejects a level %s", (_label, bad) => {
    const pairs = [{ ai: 1, coach: 1 }, bad];
    expect(() => quadraticWeightedKappa(pairs)).toThrow(RangeError);
    expect(() => quadraticWeightedKappa(pairs)).toThrow(/pair 1 has (ai|coach) level .*\{1, 2, 3, 4\}/);
    expect(() => agreement(pairs)).toThrow(RangeError);
  });

  it("validates even a single pair, where kappa is not computed", () => {
    expect(() => agreement([{ ai: 7, coach: 1 }])).toThrow(/pair 0 has ai level 7/);
  });

  it("accepts levels from a custom scale and rejects the rest", () => {
    // 0/1 scale: (0,0), (1,1), (1,0). sum d^2 = 1; AI marginals {0:1, 1:2}, coach {0:2, 1:1}.
    // sum_i sum_j (a_i - c_j)^2 = AI 0 vs coach 1 (1*1) + AI 1 vs coach 0 (2*2) = 5 -> kappa = 1 - 3/5 = 0.4.
    expect(quadraticWeightedKappa(zip([0, 1, 1], [0, 1, 0]), [0, 1])).toBeCloseTo(0.4, 12);
    expect(() => quadraticWeightedKappa(zip([0, 1], [0, 2]), [0, 1])).toThrow(RangeError);
  });

  it("rejects a malformed levels list", () => {
    const pairs = zip([1, 2], [1, 2]);
    expect(() => quadraticWeightedKappa(pairs, [1])).toThrow(/at least two/);
    expect(() => quadraticWeightedKappa(pairs, [1, 2, 2])).toThrow(/distinct/);
    expect(() => quadraticWeightedKappa(pairs, [1, 1.5, 2])).toThrow(/integers/);
  });

  it("rejects spearman inputs of different lengths or non-finite values", () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(/equally long/);
    expect(() => spearman([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(RangeError);
  });
});

describe("agreementByDimension", () => {
  const pairs: LevelPair[] = [
    // "tradeoffs": the +1 bias example above -> kappa 4/7, bias 1.
    { dimensionKey: "tradeoffs", ai: 2, coach: 1 },
    { dimensionKey: "tradeoffs", ai: 3, coach: 2 },
    { dimensionKey: "tradeoffs", ai: 4, coach: 3 },
    // "api": the reversal example above -> kappa -1, spearman -1, bias 0.
    { dimensionKey: "api", ai: 1, coach: 4 },
    { dimensionKey: "api", ai: 2, coach: 3 },
    { dimensionKey: "api", ai: 3, coach: 2 },
    { dimensionKey: "api", ai: 4, coach: 1 },
    // "scaling": one pair (2, 2) -> no kappa/spearman; bias 0, exact 1.
    { dimensionKey: "scaling", ai: 2, coach: 2 },
    // "cost": two pairs (1, 2), (3, 3): differences -1, 0 -> bias -1/2.
    { dimensionKey: "cost", ai: 1, coach: 2 },
    { dimensionKey: "cost", ai: 3, coach: 3 },
  ];

  it("sorts dimensions by key when no order is given", () => {
    expect(agreementByDimension(pairs).map((row) => row.dimensionKey)).toEqual(["api", "cost", "scaling", "tradeoffs"]);
  });

  it("puts listed dimensions first, including ones without pairs, then the others sorted", () => {
    const rows = agreementByDimension(pairs, ["scaling", "evaluation", "api", "scaling"]);
    expect(rows.map((row) => row.dimensionKey)).toEqual(["scaling", "evaluation", "api", "cost", "tradeoffs"]);
    expect(rows[1]).toEqual({
      dimensionKey: "evaluation",
      pairs: 0,
      quadraticWeightedKappa: null,
      spearman: null,
      meanBias: null,
      exactAgreement: null,
      withinOne: null,
    });
  });

  it("computes each dimension from its own pairs only", () => {
    const rows = new Map(agreementByDimension(pairs).map((row) => [row.dimensionKey, row]));
    const tradeoffs = rows.get("tradeoffs");
    expect(tradeoffs?.pairs).toBe(3);
    expect(tradeoffs?.quadraticWeightedKappa).toBeCloseTo(4 / 7, 10);
    expect(tradeoffs?.meanBias).toBe(1);
    const api = rows.get("api");
    expect(api?.pairs).toBe(4);
    expect(api?.quadraticWeightedKappa).toBeCloseTo(-1, 12);
    expect(api?.spearman).toBeCloseTo(-1, 12);
    expect(rows.get("scaling")).toMatchObject({
      pairs: 1,
      quadraticWeightedKappa: null,
      spearman: null,
      meanBias: 0,
      exactAgreement: 1,
    });
    expect(rows.get("cost")?.meanBias).toBe(-0.5);
  });

  it("omits unlisted dimensions without pairs and returns nothing for no input", () => {
    expect(agreementByDimension([])).toEqual([]);
    expect(agreementByDimension([], ["api"])).toEqual([
      {
        dimensionKey: "api",
        pairs: 0,
        quadraticWeightedKappa: null,
        spearman: null,
        meanBias: null,
        exactAgreement: null,
        withinOne: null,
      },
    ]);
  });

  it("names the dimension of an invalid level", () => {
    expect(() => agreementByDimension([...pairs, { dimensionKey: "cost", ai: 4, coach: 9 }])).toThrow(
      /pair 10 \(dimension "cost"\) has coach level 9/,
    );
  });
});
