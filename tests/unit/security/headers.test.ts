import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

const directives = (csp: string) =>
  new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)] as const));

describe("content security policy", () => {
  it("allows scripts only from this origin with the request's nonce, and never eval in production", () => {
    const csp = directives(contentSecurityPolicy("abc123", { dev: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-inline'".replace("inline", "eval"));
  });
  it("lets the dev server's hot reload through in development only", () => {
    const csp = directives(contentSecurityPolicy("n", { dev: true }));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("connect-src")).toContain("ws:");
  });
  it("sends the usual hardening headers", () => {
    expect(STATIC_SECURITY_HEADERS).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
    });
  });
});
