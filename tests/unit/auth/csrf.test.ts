import { describe, expect, it } from "vitest";
import { csrfProblem } from "@/lib/auth/csrf";

const h = (record: Record<string, string>) => new Headers(record);

describe("csrfProblem", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(csrfProblem("GET", h({ host: "a.test", origin: "https://evil.test" }))).toBeNull();
    expect(csrfProblem("HEAD", h({ "sec-fetch-site": "cross-site" }))).toBeNull();
  });
  it("accepts same-origin writes", () => {
    expect(csrfProblem("POST", h({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBeNull();
    expect(csrfProblem("PUT", h({ host: "localhost:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
  });
  it("accepts requests that are not from a browser (no Origin, no Sec-Fetch-Site)", () => {
    expect(csrfProblem("POST", h({ host: "localhost:3000" }))).toBeNull();
  });
  it("refuses cross-site writes", () => {
    expect(csrfProblem("POST", h({ host: "localhost:3000", origin: "https://evil.test" }))).toMatch(/Cross-site/);
    expect(csrfProblem("DELETE", h({ host: "localhost:3000", "sec-fetch-site": "cross-site" }))).toMatch(/Cross-site/);
    expect(
      csrfProblem(
        "POST",
        h({ host: "localhost:3000", "sec-fetch-site": "same-site", origin: "http://localhost:3001" }),
      ),
    ).toMatch(/Cross-site/);
    expect(csrfProblem("PATCH", h({ host: "localhost:3000", origin: "null" }))).toMatch(/Cross-site|not a URL/);
  });
});
