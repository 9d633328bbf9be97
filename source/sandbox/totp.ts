// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s) as virtual MFA devices use it, and RFC 4648 base32.
import {createHmac} from 'node:crypto';
import {totpStepAt} from '../core/code-steps.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Encodes bytes as unpadded upper-case base32. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case, spaces and `=` padding ignored, as authenticator apps do); undefined when not base32. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The 6-digit code of one time step for a raw key. */
export function totpCodeAt(key: Uint8Array, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** The code an authenticator shows at a moment for a base32 secret. */
export function totpCode(base32Secret: string, when: Date): string {
  const key = base32Decode(base32Secret);
  if (!key) throw new Error('TOTP secret is not base32');
  return totpCodeAt(key, totpStepAt(when));
}

/** The step a code matches within ±1 step of `when` and after `lastStep` (each is good once). */
export function matchTotpStep(key: Uint8Array, code: string, when: Date, lastStep = -Infinity) {
  if (!/^\d{6}$/.test(code)) return undefined;
  const current = totpStepAt(when);
  for (const step of [current - 1, current, current + 1])
    if (step > lastStep && totpCodeAt(key, step) === code) return step;
  return undefined;
}
