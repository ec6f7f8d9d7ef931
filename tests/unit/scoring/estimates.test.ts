import { describe, expect, it } from "vitest";
import {
  checkEstimates,
  ESTIMATE_TOLERANCE,
  findEstimates,
  formatQuantity,
  hasQuantity,
} from "@/lib/scoring/estimates";

/** [statement, ok] for every checked statement in a text. */
const verdicts = (text: string) => findEstimates(text).map((e) => [e.statement, e.ok] as const);

describe("estimate checker: right arithmetic", () => {
  it.each([
    ["100K users × 10 requests × 2K tokens = 2B tokens/day", 2e9],
    ["2B / 86,400 ≈ 23K tokens/s", 2e9 / 86_400],
    ["So that's 20M DAU times 12 messages, which is about 240 million messages a day.", 240e6],
    ["At $10 per 1M tokens × 2B tokens/day that's $20K a day", 20_000],
    ["With a 30% hit rate, 30% of 2B = 600M tokens never reach the model.", 600e6],
    ["The KV cache: 1M tokens × 150 KB is about 150 GB.", 150e9],
    ["4,000 H100s × $2.50 × 730 hours ≈ $7.3M a month", 7.3e6],
    ["2B tokens divided by 86,400 seconds is roughly 23K tokens per second", 2e9 / 86_400],
    ["Decode at 20 ms per token: 500ms × 2 = 1s for the first two steps", 1],
    ["70B params × 2 bytes = 140 GB of weights", 140e9],
    ["6 h × ~45K pages/h ≈ 270K pages arrive", 270_000],
  ])("%s", (text, computed) => {
    const [check, ...rest] = findEstimates(text);
    expect(rest).toHaveLength(0);
    expect(check?.ok).toBe(true);
    expect(check?.computed).toBeCloseTo(computed, 0);
    expect(check?.detail).toMatch(/% off \(within the 15% rounding tolerance\)/);
  });

  it("checks each step of a chain and reads operator precedence", () => {
    const checks = findEstimates("18M free × 9 + 2M paid × 40 = 162M + 80M ≈ 240M messages/day");
    expect(checks.map((c) => [c.statement, c.ok])).toEqual([
      ["18M free × 9 + 2M paid × 40 = 162M + 80M", true],
      ["162M + 80M ≈ 240M messages/day", true],
    ]);
    expect(checks[0]!.computed).toBe(242e6);
  });

  it("continues a chain from an intermediate result", () => {
    expect(verdicts("100K × 10 = 1M requests × 2K tokens = 2B tokens")).toEqual([
      ["100K × 10 = 1M requests", true],
      ["1M requests × 2K tokens = 2B tokens", true],
    ]);
  });

  it("accepts rounding within the tolerance and says how far off it is", () => {
    const [rounded] = findEstimates("240M / 86,400 ≈ 3K QPS");
    expect(rounded?.ok).toBe(true); // 2,778 → 3K is 8% off
    expect(rounded?.detail).toContain("8.0% off");
    const [tooFar] = findEstimates("240M / 86,400 ≈ 2K QPS");
    expect(tooFar?.ok).toBe(false); // 28% off
    expect(ESTIMATE_TOLERANCE).toBe(0.15);
  });
});

describe("estimate checker: per-second and other rate conversions", () => {
  it("converts a daily volume to a per-second rate when the candidate states one as the other", () => {
    const [check] = findEstimates("~535M tokens/day is ~6,200 tokens/s average");
    expect(check?.ok).toBe(true);
    expect(check?.computed).toBeCloseTo(535e6 / 86_400, 0);
    expect(check?.detail).toContain("converting per day to per second");
  });

  it("converts inside a chain: DAU × messages ≈ QPS", () => {
    const [check] = findEstimates("20M DAU × 12 messages ≈ 2.8K QPS");
    expect(check?.ok).toBe(true);
    expect(check?.detail).toContain("per day to per second");
  });

  it("converts per day to per month", () => {
    expect(verdicts("$4K a day, so about $120K a month")).toEqual([["$4K a day, so about $120K a month", true]]);
  });

  it("does not convert twice when the candidate divides by the seconds in a day", () => {
    const [check] = findEstimates("2B tokens/day / 86,400 ≈ 23K tokens/s");
    expect(check?.ok).toBe(true);
    expect(check?.detail).not.toContain("converting");
  });

  it("does not convert when the candidate multiplies by days explicitly", () => {
    const [check] = findEstimates("$4K/day × 30 days = $120K/month");
    expect(check?.ok).toBe(true);
    expect(check?.computed).toBe(120_000);
  });

  it("flags a per-second figure that forgot to divide by the seconds in a day", () => {
    const [check] = findEstimates("2B tokens a day is about 2M tokens per second");
    expect(check?.ok).toBe(false);
    expect(check?.detail).toMatch(/too high/);
  });
});

describe("estimate checker: wrong arithmetic is flagged", () => {
  it.each([
    ["100K users × 10 requests = 10M requests", /10× too high/],
    ["4,000 GPUs × $2.50 × 730 = $730K a month", /10× too low/],
    ["Maybe 20M users. 20M users × 10 messages = 20M messages a day, so a few servers should be fine.", /10× too low/],
    ["96B / 86,400 ≈ 11M output tokens per second", /too high/],
  ])("%s", (text, pattern) => {
    const checks = findEstimates(text);
    expect(checks).toHaveLength(1);
    expect(checks[0]!.ok).toBe(false);
    expect(checks[0]!.detail).toMatch(pattern);
  });
});

describe("estimate checker: no invented claims", () => {
  it.each([
    "We have 20M users, so about 240M messages per day.",
    "Each request has 2,500 input tokens and 400 output tokens.",
    "We'd run Llama 3 70B on H100s with 8 GPUs per node.",
    "Latency should be under 500 ms at p50 and 1.5 s at p95.",
    "GPT-4 and GPT-4o both have a 128K context window.",
    "Traffic grows from 240M to 600M messages for ten days.",
    "Say 1-2K tokens per reply and 5-10 turns per conversation.",
    "The peak is 3x the average, so it matters.",
    "v1 ships in Q3 2026; 24/7 on-call from then.",
  ])("%s", (text) => {
    expect(findEstimates(text)).toEqual([]);
  });

  it("only reads candidate turns", () => {
    const checks = checkEstimates([
      { id: "i1", role: "interviewer", content: "18M × 9 = 999M, right?" },
      { id: "c1", role: "candidate", content: "No: 18M × 9 = 162M." },
    ]);
    expect(checks).toEqual([expect.objectContaining({ messageId: "c1", statement: "18M × 9 = 162M", ok: true })]);
  });
});

describe("numbers and suffixes", () => {
  it.each([
    ["1.5 billion × 2 = 3 billion", 3e9],
    ["2k × 3 = 6k", 6e3],
    ["3.5M × 2 = 7M", 7e6],
    ["$7.3M / 4,000 = $1,825", 1825],
    ["2 bn × 10 = 20 bn", 20e9],
    ["50% of 1,000 = 500", 500],
    ["300 / 1,000 = 30%", 0.3],
    ["10 thousand × 10 = 100K", 1e5],
  ])("%s", (text, stated) => {
    const [check] = findEstimates(text);
    expect(check?.ok).toBe(true);
    expect(check?.stated).toBeCloseTo(stated, 6);
  });

  it("formats quantities with three significant figures", () => {
    expect(formatQuantity(2e9)).toBe("2B");
    expect(formatQuantity(23_148)).toBe("23.1K");
    expect(formatQuantity(7.3e6)).toBe("7.3M");
    expect(formatQuantity(0.365)).toBe("0.365");
  });

  it("knows a quantity from a version number", () => {
    expect(hasQuantity("about 20M users")).toBe(true);
    expect(hasQuantity("$3 a month")).toBe(true);
    expect(hasQuantity("a 40% hit rate")).toBe(true);
    expect(hasQuantity("Llama 3 on H100s, step 2")).toBe(false);
  });
});
