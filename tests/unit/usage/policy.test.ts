import { describe, expect, it } from "vitest";
import { monthWindow, quotaTokens, resolveLimits } from "@/lib/usage/policy";
import { rangeForDays, utcDays } from "@/lib/usage/stats";

const defaults = { monthlyTokenQuota: 2_000_000, requestsPerMinute: 30 };

describe("resolveLimits", () => {
  it("uses the user's own values, else the defaults; 0 means unlimited either way", () => {
    expect(resolveLimits({ monthlyTokenQuota: null, requestsPerMinute: null }, defaults)).toEqual({
      monthlyTokenQuota: 2_000_000,
      requestsPerMinute: 30,
    });
    expect(resolveLimits({ monthlyTokenQuota: 5_000, requestsPerMinute: 2 }, defaults)).toEqual({
      monthlyTokenQuota: 5_000,
      requestsPerMinute: 2,
    });
    expect(resolveLimits({ monthlyTokenQuota: 0, requestsPerMinute: 0 }, defaults)).toEqual({
      monthlyTokenQuota: null,
      requestsPerMinute: null,
    });
    expect(
      resolveLimits({ monthlyTokenQuota: null, requestsPerMinute: 10 }, { monthlyTokenQuota: 0, requestsPerMinute: 0 }),
    ).toEqual({ monthlyTokenQuota: null, requestsPerMinute: 10 });
  });
});

describe("monthWindow", () => {
  it("is the UTC calendar month, across a year end", () => {
    expect(monthWindow(new Date("2026-11-30T23:59:59.999Z"))).toEqual({
      start: new Date("2026-11-01T00:00:00Z"),
      resetsAt: new Date("2026-12-01T00:00:00Z"),
    });
    expect(monthWindow(new Date("2026-12-01T00:00:00Z"))).toEqual({
      start: new Date("2026-12-01T00:00:00Z"),
      resetsAt: new Date("2027-01-01T00:00:00Z"),
    });
  });
});

describe("quotaTokens", () => {
  it("counts input (cached included) and output", () => {
    expect(quotaTokens({ inputTokens: 1_000, outputTokens: 200 })).toBe(1_200);
  });
});

describe("usage ranges", () => {
  it("the last 7 days are today and the 6 UTC days before it", () => {
    const range = rangeForDays(7, new Date("2026-11-22T15:30:00Z"));
    expect(range).toEqual({ from: new Date("2026-11-16T00:00:00Z"), to: new Date("2026-11-22T15:30:00Z") });
    expect(utcDays(range)).toEqual([
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
    ]);
  });
});
