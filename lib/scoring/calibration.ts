/**
 * How well the AI judge agrees with coaches. Pure functions over (AI level, coach level) pairs, where a
 * coach has overridden (or confirmed) an AI score on one rubric dimension. No I/O: callers load the pairs.
 *
 * Statistics:
 * - quadratic weighted kappa: chance-corrected agreement on ordinal levels (1 = perfect, 0 = no better
 *   than chance given each rater's own level distribution, < 0 = worse than chance);
 * - Spearman's rho: do the two raters order answers the same way, whatever their offsets;
 * - mean bias: mean(ai - coach), so a positive value means the AI is more generous than coaches;
 * - exact agreement and within-one: plain shares, easy to explain to a coach.
 */

/** One AI/coach pair of levels on one rubric dimension. Levels are integers 1..4. */
export interface LevelPair {
  dimensionKey: string;
  ai: number;
  coach: number;
}

export interface AgreementStats {
  pairs: number;
  /** Null when undefined: fewer than 2 pairs, or the expected disagreement is 0. */
  quadraticWeightedKappa: number | null;
  /** Null when fewer than 2 pairs or either side has zero variance. */
  spearman: number | null;
  /** mean(ai - coach); positive = AI scores higher than the coach. Null when there are no pairs. */
  meanBias: number | null;
  /** Share of pairs with ai === coach. Null when there are no pairs. */
  exactAgreement: number | null;
  /** Share of pairs with |ai - coach| <= 1. Null when there are no pairs. */
  withinOne: number | null;
}

/** The rubric's levels: every dimension is scored 1..4. */
export const RUBRIC_LEVELS: readonly number[] = [1, 2, 3, 4];

type AiCoach = { readonly ai: number; readonly coach: number; readonly dimensionKey?: string };

/** Sorted copy of `levels`, after checking they are at least two distinct integers. */
function checkLevels(levels: readonly number[]): number[] {
  for (const level of levels) {
    if (!Number.isInteger(level)) throw new RangeError(`levels must be integers (got ${String(level)})`);
  }
  const sorted = [...levels].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new RangeError(`levels must be distinct (${sorted[i]} is repeated)`);
  }
  if (sorted.length < 2) throw new RangeError(`levels must list at least two levels (got ${sorted.length})`);
  return sorted;
}

/** Throws a RangeError naming the first pair whose AI or coach level is not one of `levels`. */
function checkPairs(pairs: ReadonlyArray<AiCoach>, levels: readonly number[]): void {
  const allowed = new Set(levels);
  pairs.forEach((pair, index) => {
    for (const side of ["ai", "coach"] as const) {
      const level = pair[side];
      if (Number.isInteger(level) && allowed.has(level)) continue;
      const where = pair.dimensionKey === undefined ? "" : ` (dimension "${pair.dimensionKey}")`;
      throw new RangeError(
        `pair ${index}${where} has ${side} level ${String(level)}; levels must be integers in {${levels.join(", ")}}`,
      );
    }
  });
}

/**
 * Quadratic weighted kappa (Cohen, 1968) of AI levels against coach levels.
 *
 * With k levels, category positions i, j (0..k-1 in sorted `levels`), observed counts O[i][j] (AI at i,
 * coach at j), and expected counts under independence E[i][j] = aiCount[i] * coachCount[j] / n:
 *
 *   w[i][j] = (i - j)^2 / (k - 1)^2,   kappa = 1 - sum(w * O) / sum(w * E).
 *
 * Why quadratic: levels are ordinal, so disagreeing by two levels is worse than disagreeing by one, and
 * the square penalises a 1-vs-3 disagreement four times as much as a 1-vs-2 one (linear weights: only
 * twice; unweighted kappa: the same). It is also the kappa that matches an intraclass correlation.
 *
 * Computed in integers: the (k - 1)^2 cancels and multiplying through by n gives
 * kappa = 1 - n * sum(d^2 * O) / sum(d^2 * aiCount[i] * coachCount[j]) with d = i - j, so "expected
 * disagreement is 0" is an exact test. Weights use positions in `levels`, so only their order matters.
 *
 * Returns null when undefined: fewer than 2 pairs, or zero expected disagreement (both raters put every
 * pair in the same single level). Throws a RangeError when a level is not one of `levels`.
 */
export function quadraticWeightedKappa(
  pairs: ReadonlyArray<{ ai: number; coach: number }>,
  levels: readonly number[] = RUBRIC_LEVELS,
): number | null {
  const sorted = checkLevels(levels);
  checkPairs(pairs, sorted);
  const n = pairs.length;
  if (n < 2) return null;

  const k = sorted.length;
  const position = new Map(sorted.map((level, index) => [level, index]));
  const aiCount = new Array<number>(k).fill(0);
  const coachCount = new Array<number>(k).fill(0);
  let observed = 0; // sum over pairs of (i - j)^2 = sum(d^2 * O)
  for (const pair of pairs) {
    const i = position.get(pair.ai) ?? 0;
    const j = position.get(pair.coach) ?? 0;
    aiCount[i] = (aiCount[i] ?? 0) + 1;
    coachCount[j] = (coachCount[j] ?? 0) + 1;
    observed += (i - j) ** 2;
  }
  let expected = 0; // sum(d^2 * aiCount[i] * coachCount[j]) = n * sum(d^2 * E)
  aiCount.forEach((a, i) => {
    coachCount.forEach((c, j) => {
      expected += (i - j) ** 2 * a * c;
    });
  });
  if (expected === 0) return null;
  return 1 - (n * observed) / expected;
}

/**
 * 1-based ranks of `values`, tied values sharing the average of the ranks they span
 * (e.g. [10, 20, 20, 30] -> [1, 2.5, 2.5, 4]).
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start; // last index of the run of ties starting at `start`
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    const rank = (start + end) / 2 + 1; // mean of the 1-based ranks start+1 .. end+1
    for (let p = start; p <= end; p++) {
      const entry = order[p];
      if (entry) ranks[entry.index] = rank;
    }
    start = end + 1;
  }
  return ranks;
}

/** Pearson correlation; null when either side has zero variance. Inputs have equal length >= 2. */
function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - meanX;
    const dy = (ys[i] ?? 0) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Spearman's rank correlation: Pearson's r on average ranks, so ties are handled correctly (the
 * 1 - 6 sum d^2 / (n (n^2 - 1)) shortcut is only exact without ties, which 4-level scores always have).
 * Null when there are fewer than 2 values or either side is constant. Throws a RangeError when the
 * lengths differ or a value is not a finite number.
 */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) {
    throw new RangeError(`spearman needs equally long inputs (got ${xs.length} and ${ys.length})`);
  }
  for (const value of [...xs, ...ys]) {
    if (!Number.isFinite(value)) throw new RangeError(`spearman needs finite numbers (got ${String(value)})`);
  }
  if (xs.length < 2) return null;
  return pearson(averageRanks(xs), averageRanks(ys));
}

/** All agreement statistics for one set of AI/coach pairs on the rubric's 1..4 levels. */
export function agreement(pairs: ReadonlyArray<{ ai: number; coach: number }>): AgreementStats {
  checkPairs(pairs, RUBRIC_LEVELS);
  const n = pairs.length;
  if (n === 0) {
    return {
      pairs: 0,
      quadraticWeightedKappa: null,
      spearman: null,
      meanBias: null,
      exactAgreement: null,
      withinOne: null,
    };
  }
  let bias = 0;
  let exact = 0;
  let withinOne = 0;
  for (const { ai, coach } of pairs) {
    bias += ai - coach;
    if (ai === coach) exact++;
    if (Math.abs(ai - coach) <= 1) withinOne++;
  }
  return {
    pairs: n,
    quadraticWeightedKappa: quadraticWeightedKappa(pairs),
    spearman: spearman(
      pairs.map((p) => p.ai),
      pairs.map((p) => p.coach),
    ),
    meanBias: bias / n,
    exactAgreement: exact / n,
    withinOne: withinOne / n,
  };
}

/**
 * Agreement per rubric dimension. Rows come in `dimensionOrder` first (every listed dimension gets a
 * row, with pairs: 0 and nulls when it has no pairs; repeats are ignored), then any other dimension
 * that has pairs, sorted by key. Throws a RangeError, naming the dimension, on an invalid level.
 */
export function agreementByDimension(
  pairs: readonly LevelPair[],
  dimensionOrder: readonly string[] = [],
): Array<{ dimensionKey: string } & AgreementStats> {
  checkPairs(pairs, RUBRIC_LEVELS);
  const groups = new Map<string, LevelPair[]>();
  for (const pair of pairs) {
    const group = groups.get(pair.dimensionKey);
    if (group) group.push(pair);
    else groups.set(pair.dimensionKey, [pair]);
  }
  const listed = [...new Set(dimensionOrder)];
  const listedSet = new Set(listed);
  const others = [...groups.keys()].filter((key) => !listedSet.has(key)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...listed, ...others].map((dimensionKey) => ({
    dimensionKey,
    ...agreement(groups.get(dimensionKey) ?? []),
  }));
}
