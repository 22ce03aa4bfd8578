/**
 * Decoding the encrypted `data` of sycm 市场/竞争 (`/mc/…`) responses (console-sources §3):
 * uppercase hex → AES-128-CBC (PKCS7) with the key/IV baked into sycm's own front-end bundle →
 * UTF-8 JSON. Synchronous pure TypeScript on purpose: adapters' `unwrap`/`parse` are synchronous
 * and run both in the background service worker and in Node tests (WebCrypto is async only).
 * Decryption only — the product never encrypts anything.
 */

/** Current pair (verified on 2020 and 2022 samples, §3). */
export const MC_KEY = 'w28Cz694s63kBYk4';
export const MC_IV = '4kYBk36s496zC82w';
/** Older pair kept commented out in DYIS (§3): tried when the current one yields no JSON. */
export const MC_LEGACY_KEY = 'sycmsycmsycmsycm';
export const MC_LEGACY_IV = 'mcysmcysmcysmcys';

/** Ciphertexts above this many hex chars are not decrypted (16 MB of hex ≈ 8 MB of JSON). */
const MAX_HEX = 16 * 1024 * 1024;

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
const MUL9 = new Uint8Array(256);
const MUL11 = new Uint8Array(256);
const MUL13 = new Uint8Array(256);
const MUL14 = new Uint8Array(256);

function xtime(a: number): number {
  return ((a << 1) ^ (a & 0x80 ? 0x1b : 0)) & 0xff;
}

function gmul(a: number, b: number): number {
  let p = 0;
  let x = a;
  let y = b;
  while (y) {
    if (y & 1) p ^= x;
    x = xtime(x);
    y >>= 1;
  }
  return p;
}

// S-box from the multiplicative inverse in GF(2^8) plus the affine map (FIPS-197 §5.1.1).
(() => {
  let p = 1;
  let q = 1;
  do {
    p = p ^ ((p << 1) & 0xff) ^ (p & 0x80 ? 0x1b : 0);
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q &= 0xff;
    if (q & 0x80) q ^= 0x09;
    const r = (x: number, s: number) => ((x << s) | (x >>> (8 - s))) & 0xff;
    const s = q ^ r(q, 1) ^ r(q, 2) ^ r(q, 3) ^ r(q, 4) ^ 0x63;
    SBOX[p] = s;
  } while (p !== 1);
  SBOX[0] = 0x63;
  for (let i = 0; i < 256; i++) {
    INV_SBOX[SBOX[i] as number] = i;
    MUL9[i] = gmul(i, 9);
    MUL11[i] = gmul(i, 11);
    MUL13[i] = gmul(i, 13);
    MUL14[i] = gmul(i, 14);
  }
})();

/** AES-128 key expansion: 11 round keys of 16 bytes. */
export function expandKey128(key: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new Error('AES-128 key must be 16 bytes');
  const w = new Uint8Array(176);
  w.set(key);
  let rcon = 1;
  for (let i = 16; i < 176; i += 4) {
    let t0 = w[i - 4] as number;
    let t1 = w[i - 3] as number;
    let t2 = w[i - 2] as number;
    let t3 = w[i - 1] as number;
    if (i % 16 === 0) {
      const tmp = t0;
      t0 = (SBOX[t1] as number) ^ rcon;
      t1 = SBOX[t2] as number;
      t2 = SBOX[t3] as number;
      t3 = SBOX[tmp] as number;
      rcon = xtime(rcon);
    }
    w[i] = (w[i - 16] as number) ^ t0;
    w[i + 1] = (w[i - 15] as number) ^ t1;
    w[i + 2] = (w[i - 14] as number) ^ t2;
    w[i + 3] = (w[i - 13] as number) ^ t3;
  }
  return w;
}

/** Inverse cipher of one 16-byte block in place (FIPS-197 §5.3). */
export function decryptBlock128(roundKeys: Uint8Array, s: Uint8Array, off = 0, t = new Uint8Array(16)): void {
  for (let i = 0; i < 16; i++) s[off + i] = (s[off + i] as number) ^ (roundKeys[160 + i] as number);
  for (let round = 9; round >= 0; round--) {
    // InvShiftRows + InvSubBytes (state is column-major: byte r + 4c).
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < 4; r++) t[r + 4 * ((c + r) % 4)] = INV_SBOX[s[off + r + 4 * c] as number] as number;
    }
    const rk = round * 16;
    for (let i = 0; i < 16; i++) t[i] = (t[i] as number) ^ (roundKeys[rk + i] as number);
    if (round === 0) {
      s.set(t, off);
      return;
    }
    for (let c = 0; c < 4; c++) {
      const a0 = t[4 * c] as number;
      const a1 = t[4 * c + 1] as number;
      const a2 = t[4 * c + 2] as number;
      const a3 = t[4 * c + 3] as number;
      s[off + 4 * c] = (MUL14[a0] as number) ^ (MUL11[a1] as number) ^ (MUL13[a2] as number) ^ (MUL9[a3] as number);
      s[off + 4 * c + 1] = (MUL9[a0] as number) ^ (MUL14[a1] as number) ^ (MUL11[a2] as number) ^ (MUL13[a3] as number);
      s[off + 4 * c + 2] = (MUL13[a0] as number) ^ (MUL9[a1] as number) ^ (MUL14[a2] as number) ^ (MUL11[a3] as number);
      s[off + 4 * c + 3] = (MUL11[a0] as number) ^ (MUL13[a1] as number) ^ (MUL9[a2] as number) ^ (MUL14[a3] as number);
    }
  }
}

export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** AES-128-CBC + PKCS7 decryption; null when the length or the padding is wrong. */
export function aes128CbcDecrypt(cipher: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array | null {
  if (cipher.length === 0 || cipher.length % 16 !== 0 || iv.length !== 16) return null;
  const rk = expandKey128(key);
  const out = new Uint8Array(cipher);
  const scratch = new Uint8Array(16);
  for (let off = 0; off < out.length; off += 16) {
    decryptBlock128(rk, out, off, scratch);
    for (let i = 0; i < 16; i++) out[off + i] = (out[off + i] as number) ^ ((off === 0 ? iv[i] : cipher[off - 16 + i]) as number);
  }
  const pad = out[out.length - 1] as number;
  if (pad < 1 || pad > 16) return null;
  for (let i = out.length - pad; i < out.length; i++) if (out[i] !== pad) return null;
  return out.subarray(0, out.length - pad);
}

/** True when a `data` value looks like the hex ciphertext (whole AES blocks). */
export function looksLikeMcCipher(v: unknown): boolean {
  return typeof v === 'string' && v.length >= 32 && v.length % 32 === 0 && v.length <= MAX_HEX && /^[0-9A-Fa-f]+$/.test(v);
}

/** Hex ciphertext → plaintext string with the given pair; null when it does not decrypt. */
export function decryptMcHex(hex: string, key = MC_KEY, iv = MC_IV): string | null {
  const bytes = hexToBytes(hex);
  if (!bytes) return null;
  const plain = aes128CbcDecrypt(bytes, utf8(key), utf8(iv));
  if (!plain) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

export type McDecoded = { ok: true; data: unknown; encrypted: boolean } | { ok: false; message: string };

/**
 * The `data` of an /mc/ response as JSON: plain objects/arrays pass through; a hex ciphertext is
 * decrypted with the current pair, then the legacy pair; anything else that is a string is tried
 * as JSON text (some pages double-encode).
 */
export function decodeMcData(data: unknown): McDecoded {
  if (typeof data !== 'string') return { ok: true, data, encrypted: false };
  if (looksLikeMcCipher(data)) {
    for (const [k, iv] of [
      [MC_KEY, MC_IV],
      [MC_LEGACY_KEY, MC_LEGACY_IV],
    ] as const) {
      const text = decryptMcHex(data, k, iv);
      if (text === null) continue;
      try {
        return { ok: true, data: JSON.parse(text), encrypted: true };
      } catch {
        // wrong pair (garbage that happened to have valid padding): try the next one
      }
    }
    return { ok: false, message: '加密数据无法解密（密钥可能已更换）' };
  }
  const t = data.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return { ok: true, data: JSON.parse(t), encrypted: false };
    } catch {
      return { ok: false, message: 'data 字符串不是 JSON' };
    }
  }
  return { ok: true, data, encrypted: false };
}
