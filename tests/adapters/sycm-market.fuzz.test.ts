import { createCipheriv } from 'node:crypto';
import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture } from '../helpers';

const day = 'dateType=day&dateRange=2026-06-01%7C2026-06-01';
const T = '&token=1aa656228&_=1';
// 10,000 payloads take a few seconds per shape (decryption included): longer than the default timeout.
const enc = (v: unknown) => {
  const c = createCipheriv('aes-128-cbc', Buffer.from('w28Cz694s63kBYk4'), Buffer.from('4kYBk36s496zC82w'));
  return Buffer.concat([c.update(JSON.stringify(v), 'utf8'), c.final()])
    .toString('hex')
    .toUpperCase();
};

const CASES = [
  ['rank shop (plain)', `/mc/mq/mkt/rank/shop/hotsale.json?cateId=1&${day}&device=0&sellerType=-1`, 'rank-shop-hotsale.json'],
  ['rank item', `/mc/mq/mkt/rank/item/hotsearch.json?cateId=1&${day}&device=0&sellerType=-1`, 'rank-item-hotsearch.plain.json'],
  ['monitor shop', `/mc/ci/shop/monitor/listShop.json?${day}&cateId=1`, 'monitor-listShop.json'],
  ['rival shop free', `/mc/mq/rivalShop/analysis/getCoreIndexes.json?${day}&sellerId=2200123456`, 'rival-shop-free.json'],
  ['rival item', `/mc/rivalItem/analysis/getCoreIndexes.json?${day}&itemId=1&rivalItem1Id=2`, 'rival-item-core.json'],
  ['search rank free', `/mc/mq/mkt/keyword/rank/pro.json?cateId=1&${day}`, 'searchword-free-rank.json'],
] as const;

describe('sycm-market fuzz: 10,000 mutated payloads per route shape, no throw, nothing invalid', () => {
  it.each(CASES)(
    '%s',
    (_n, path, file) => {
      const raw = JSON.parse(fixture('sycm-market', file));
      const payload = Array.isArray(raw) ? { code: 0, message: '操作成功', data: raw } : raw;
      let i = 0;
      for (const text of mutatedTexts(payload, 10_000, path.length)) {
        expectValidResult(processCapture(captureMsg(`https://sycm.taobao.com${path}${T}`, text), []));
        i++;
      }
      if (i !== 10_000) throw new Error('not all mutations ran');
    },
    120_000,
  );

  it('encrypted transport: 10,000 mutated row sets, re-encrypted', () => {
    const rows = JSON.parse(fixture('sycm-market', 'rank-item-hotsearch.plain.json'));
    let i = 0;
    for (const text of mutatedTexts(rows, 10_000, 7)) {
      let body: string;
      try {
        body = JSON.stringify({ code: 0, message: '操作成功', data: enc(JSON.parse(text)) });
      } catch {
        body = text; // truncated / garbage mutation: sent as is
      }
      expectValidResult(
        processCapture(captureMsg(`https://sycm.taobao.com/mc/mq/mkt/rank/item/hotsale.json?cateId=1&${day}&device=0&sellerType=-1${T}`, body), []),
      );
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  }, 120_000);

  it('mutated ciphertext text itself: 10,000 wire payloads', () => {
    const wire = JSON.parse(fixture('sycm-market', 'rival-shop-core.enc.json'));
    let i = 0;
    for (const text of mutatedTexts(wire, 10_000, 11)) {
      expectValidResult(
        processCapture(captureMsg(`https://sycm.taobao.com/mc/rivalShop/analysis/getCoreIndexes.json?${day}&rivalUser1Id=2&rivalUser2Id=3${T}`, text), []),
      );
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  }, 120_000);
});
