import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("hashes with scrypt and a random salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword({ hash: a, password: "correct horse battery" })).toBe(true);
    expect(await verifyPassword({ hash: a, password: "correct horse batterY" })).toBe(false);
  });
  it("rejects malformed hashes instead of throwing", async () => {
    expect(await verifyPassword({ hash: "bcrypt$whatever", password: "x" })).toBe(false);
    expect(await verifyPassword({ hash: "", password: "x" })).toBe(false);
  });
});

describe("passwordProblem", () => {
  it("accepts a reasonable password", () => {
    expect(passwordProblem("blue-ferry-orchard-42", "ada@example.com")).toBeNull();
  });
  it.each([
    ["short1", /at least 10/],
    ["aaaaaaaaaaaa", /different characters/],
    ["Password123", /most common/],
    ["ada.lovelace-2026", /email name/],
    ["x".repeat(60) + "yz12".repeat(20), /at most/],
  ])("rejects %s", (password, message) => {
    expect(passwordProblem(password, "ada.lovelace@example.com")).toMatch(message);
  });
});
