/**
 * Password hashing (scrypt: memory-hard, native in Node, non-blocking) and the password policy.
 * Plugged into the auth library so its sign-up, sign-in and password change use them.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

// 2^15 × 8 × 128 bytes = 32 MiB per hash: OWASP's scrypt baseline is N=2^17,r=8 (128 MiB);
// 32 MiB keeps sign-in under ~100 ms on a 2-core server while still costing an attacker memory.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const maxmem = (n: number, r: number) => 256 * n * r;

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: maxmem(PARAMS.N, PARAMS.r) });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = hash.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const N = Number(n);
  const R = Number(r);
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
    N,
    r: R,
    p: Number(p),
    maxmem: maxmem(N, R),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

// The most common passwords that pass the length rule; a full breach list would be better, but
// this needs no network and catches what people actually type.
const COMMON = new Set([
  "1234567890",
  "12345678910",
  "0123456789",
  "qwertyuiop",
  "password123",
  "password1234",
  "passwordpassword",
  "iloveyou123",
  "1q2w3e4r5t",
  "qwerty12345",
  "qwerty123456",
  "abcdefghij",
  "abc1234567",
  "letmein123",
  "welcome123",
  "administrator",
  "changeme123",
  "tradeoff123",
  "football123",
  "monkey12345",
]);

/** Why a password is too weak, in words the user can act on; null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return "Use more than three different characters.";
  if (COMMON.has(lower)) return "That password is one of the most common; choose another.";
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "Don't put your email name in your password.";
  return null;
}
