import { describe, expect, it } from "vitest";
import { isLoopbackRequest, localModeEnabled } from "@/lib/auth/local-mode";

const headers = (record: Record<string, string>) => new Headers(record);

describe("localModeEnabled", () => {
  it("is on by default only with the embedded database", () => {
    expect(localModeEnabled({ LOCAL_MODE: undefined, DATABASE_URL: undefined })).toBe(true);
    expect(localModeEnabled({ LOCAL_MODE: undefined, DATABASE_URL: "postgresql://x@h/db" })).toBe(false);
  });
  it("follows LOCAL_MODE when it is set", () => {
    expect(localModeEnabled({ LOCAL_MODE: true, DATABASE_URL: "postgresql://x@h/db" })).toBe(true);
    expect(localModeEnabled({ LOCAL_MODE: false, DATABASE_URL: undefined })).toBe(false);
  });
});

describe("isLoopbackRequest", () => {
  it("accepts loopback hosts whose socket address is loopback", () => {
    expect(isLoopbackRequest(headers({ host: "localhost:3000", "x-forwarded-for": "127.0.0.1" }))).toBe(true);
    expect(isLoopbackRequest(headers({ host: "127.0.0.1:3210", "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe(true);
    expect(isLoopbackRequest(headers({ host: "[::1]:3000", "x-forwarded-for": "::1" }))).toBe(true);
    expect(isLoopbackRequest(headers({ host: "localhost" }))).toBe(true);
  });
  it("refuses a request from another address, even with a loopback Host", () => {
    expect(isLoopbackRequest(headers({ host: "localhost:3000", "x-forwarded-for": "203.0.113.9" }))).toBe(false);
    expect(isLoopbackRequest(headers({ host: "localhost:3000", "x-forwarded-for": "127.0.0.1, 203.0.113.9" }))).toBe(
      false,
    );
  });
  it("refuses a non-loopback Host (DNS rebinding, or a server reached by its name)", () => {
    expect(isLoopbackRequest(headers({ host: "evil.example:3000", "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(isLoopbackRequest(headers({ host: "localhost.evil.example", "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(isLoopbackRequest(headers({ host: "10.0.0.5:3000", "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(isLoopbackRequest(headers({}))).toBe(false);
  });
});
