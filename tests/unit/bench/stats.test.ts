import { describe, expect, it } from "vitest";
import { check } from "@/bench/support/report";
import { median, percentile, summarize } from "@/bench/support/stats";

describe("bench statistics", () => {
  it("takes percentiles by nearest rank, always one of the samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
  });

  it("rejects a percentile outside (0, 100] and returns NaN for no samples", () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(percentile([], 50)).toBeNaN();
  });

  it("takes the median as the middle sample, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("summarizes without changing the input order", () => {
    const samples = [5, 1, 9, 3];
    const summary = summarize(samples);
    expect(summary).toMatchObject({ n: 4, min: 1, max: 9, p50: 3, mean: 4.5 });
    expect(samples).toEqual([5, 1, 9, 3]);
  });

  it("compares a number with its target, and says n/a when nothing was measured", () => {
    expect(check("a", 10, "<=", 10).pass).toBe(true);
    expect(check("a", 10.1, "<=", 10).pass).toBe(false);
    expect(check("a", 70, ">=", 70).pass).toBe(true);
    expect(check("a", null, "<=", 10).pass).toBeNull();
    expect(check("a", Number.NaN, "<=", 10).value).toBeNull();
  });
});
