import { describe, expect, it } from "vitest";
import { anchorSchema, commentInputSchema, overrideInputSchema, queueFiltersSchema } from "@/lib/review/schemas";

describe("override input", () => {
  it("trims the reason and requires at least 10 characters of it", () => {
    expect(overrideInputSchema.parse({ dimension: "estimation", level: 2, reason: "  missed the peak  " })).toEqual({
      dimension: "estimation",
      level: 2,
      reason: "missed the peak",
    });
    const short = overrideInputSchema.safeParse({ dimension: "estimation", level: 2, reason: "   too short  " });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.path).toEqual(["reason"]);
    expect(short.error?.issues[0]?.message).toMatch(/at least 10 characters/);
    expect(overrideInputSchema.safeParse({ dimension: "estimation", level: 2 }).error?.issues[0]?.message).toBe(
      "is required",
    );
  });

  it("takes levels 1..4 only", () => {
    for (const level of [0, 5, 2.5]) {
      expect(overrideInputSchema.safeParse({ dimension: "x", level, reason: "long enough reason" }).success).toBe(
        false,
      );
    }
  });
});

describe("anchors", () => {
  const id = "0b0c8f0e-8a55-4d43-9d49-0c5c0d1c3a11";
  it("accepts a message span and a board element (version 1)", () => {
    expect(anchorSchema.parse({ v: 1, kind: "message", messageId: id, start: 0, end: 3, quote: "abc" }).kind).toBe(
      "message",
    );
    expect(anchorSchema.parse({ v: 1, kind: "element", elementId: "box-1", label: "API", snapshotSeq: 2 }).kind).toBe(
      "element",
    );
  });

  it("refuses empty spans, unknown kinds and versions, and extra fields", () => {
    expect(anchorSchema.safeParse({ v: 1, kind: "message", messageId: id, start: 3, end: 3, quote: "a" }).success).toBe(
      false,
    );
    expect(
      anchorSchema.safeParse({ v: 2, kind: "message", messageId: id, start: 0, end: 3, quote: "abc" }).success,
    ).toBe(false);
    expect(anchorSchema.safeParse({ v: 1, kind: "region", x: 1 }).success).toBe(false);
    expect(
      anchorSchema.safeParse({ v: 1, kind: "element", elementId: "a", label: "", snapshotSeq: 1, extra: true }).success,
    ).toBe(false);
  });

  it("a comment needs a body", () => {
    const anchor = { v: 1, kind: "element", elementId: "a", label: "", snapshotSeq: 1 };
    expect(commentInputSchema.safeParse({ body: "  ", anchor }).success).toBe(false);
    expect(commentInputSchema.parse({ body: " ok ", anchor }).body).toBe("ok");
  });
});

describe("queue filters", () => {
  it("defaults to waiting, page 1; empty values are unset", () => {
    expect(queueFiltersSchema.parse({})).toEqual({ status: "waiting", page: 1, pageSize: 25 });
    expect(queueFiltersSchema.parse({ prompt: "", verdict: "", from: "" })).toEqual({
      status: "waiting",
      page: 1,
      pageSize: 25,
    });
  });
});
