import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aes128CbcDecrypt,
  decodeMcData,
  decryptBlock128,
  decryptMcHex,
  expandKey128,
  hexToBytes,
  looksLikeMcCipher,
  MC_IV,
  MC_KEY,
  MC_LEGACY_IV,
  MC_LEGACY_KEY,
} from '@/lib/capture/mc-decrypt';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const encrypt = (text: string, key = MC_KEY, iv = MC_IV) => {
  const c = createCipheriv('aes-128-cbc', Buffer.from(key), Buffer.from(iv));
  return Buffer.concat([c.update(text, 'utf8'), c.final()])
    .toString('hex')
    .toUpperCase();
};

describe('mc-decrypt (console-sources §3)', () => {
  it('inverts the FIPS-197 Appendix C.1 AES-128 vector', () => {
    const rk = expandKey128(hexToBytes('000102030405060708090a0b0c0d0e0f') as Uint8Array);
    const block = hexToBytes('69c4e0d86a7b0430d8cdb78070b4c55a') as Uint8Array;
    decryptBlock128(rk, block);
    expect(hex(block)).toBe('00112233445566778899aabbccddeeff');
  });

  it('expands the FIPS-197 Appendix A.1 key (last round key)', () => {
    const rk = expandKey128(hexToBytes('2b7e151628aed2a6abf7158809cf4f3c') as Uint8Array);
    expect(hex(rk.subarray(160))).toBe('d014f9a8c9ee2589e13f0cc8b6630ca6');
  });

  it('decrypts CBC/PKCS7 exactly like node:crypto for random keys and lengths 0…70', () => {
    for (let len = 0; len <= 70; len++) {
      const key = randomBytes(16);
      const iv = randomBytes(16);
      const plain = randomBytes(len);
      const c = createCipheriv('aes-128-cbc', key, iv);
      const cipher = Buffer.concat([c.update(plain), c.final()]);
      expect(hex(aes128CbcDecrypt(new Uint8Array(cipher), new Uint8Array(key), new Uint8Array(iv)) as Uint8Array)).toBe(plain.toString('hex'));
    }
  });

  it('decodes a sample encrypted with the sycm pair (Chinese text, §11.6 shape)', () => {
    const rows = [{ brandModel: { brandId: 1234567, brandName: '示例品牌' }, tradeIndex: { value: 70211.4 } }];
    const c = encrypt(JSON.stringify(rows));
    expect(looksLikeMcCipher(c)).toBe(true);
    expect(decryptMcHex(c)).toBe(JSON.stringify(rows));
    expect(decodeMcData(c)).toEqual({ ok: true, data: rows, encrypted: true });
  });

  it('falls back to the legacy pair', () => {
    const c = encrypt('{"a":1}', MC_LEGACY_KEY, MC_LEGACY_IV);
    expect(decodeMcData(c)).toEqual({ ok: true, data: { a: 1 }, encrypted: true });
  });

  it('passes plain JSON through and parses JSON text', () => {
    expect(decodeMcData([{ a: 1 }])).toEqual({ ok: true, data: [{ a: 1 }], encrypted: false });
    expect(decodeMcData('{"a":1}')).toEqual({ ok: true, data: { a: 1 }, encrypted: false });
    expect(decodeMcData('abc')).toEqual({ ok: true, data: 'abc', encrypted: false });
  });

  it('rejects a wrong key, a bad padding, truncation and odd hex', () => {
    const c = encrypt('{"a":1}', 'aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb');
    expect(decodeMcData(c).ok).toBe(false);
    expect(decryptMcHex(encrypt('{"a":1}').slice(0, 30))).toBeNull();
    expect(decryptMcHex('ZZ')).toBeNull();
    expect(looksLikeMcCipher('ABC')).toBe(false);
    const flipped = encrypt('x'.repeat(40));
    const last = flipped.slice(-2) === '00' ? '01' : '00';
    expect(decryptMcHex(flipped.slice(0, -2) + last)).toBeNull();
  });

  it('decrypts a 1 MB ciphertext in reasonable time', () => {
    const text = JSON.stringify(Array.from({ length: 12000 }, (_, i) => ({ i, tradeIndex: { value: i * 1.5 }, title: '云眠家纺旗舰店' })));
    const c = encrypt(text);
    const t0 = performance.now();
    expect(decryptMcHex(c)).toBe(text);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
