import { createHash, randomBytes } from 'node:crypto';

/**
 * The handoff's secrets. Each is random from the OS's generator; the store only ever holds
 * their SHA-256, so a copy of the store names no handoff a client could use.
 */

/** 128 bits: out of reach of guessing, whatever the rate limits. */
const KEY_BYTES = 16;

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is not misread. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;

/** The single-use token of the QR code's link (22 base64url characters). */
export function newToken(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

/** A key held by one side only: the desktop's watch key, or the phone's key once it claimed. */
export function newKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

/** Eight base32 characters (40 bits, 5 random bytes spent 5 bits at a time), without the dash. */
export function newCode(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = CODE_LENGTH - 1; i >= 0; i--) code += CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)] ?? '';
  return code;
}

/** How the code is shown: `ABCD-EFGH`. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * A typed code as it was issued, or null when it cannot be one: any case, with or without the
 * dash or spaces, and the letters people type for digits (O for 0, I and L for 1) read as those.
 */
export function normaliseCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH) return null;
  for (const char of code) if (!CODE_ALPHABET.includes(char)) return null;
  return code;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** What a log line may carry of a handoff: enough to follow one through the logs, nothing to use. */
export function logTag(id: string): string {
  return id.slice(0, 6);
}
