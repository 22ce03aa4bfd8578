import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture } from '../helpers';

const S = 'https://sycm.taobao.com';
const day = 'dateType=day&dateRange=2026-06-01%7C2026-06-01&device=0&token=1aa656228&_=1';
const IID = '680000000001';
const oq = `${S}/domain/oneQuery.json?domainCode=tao.shop.shop.item&showType=trend&${day}&extMap=${encodeURIComponent(JSON.stringify({ itemId: IID }))}`;

const CASES = [
  ['rank', `${S}/cc/item/view/top.json?${day}&page=1&pageSize=10`, 'item-rank-top.json'],
  ['sku live', `${S}/cc/live/v2/item/sale/sku/list.json?itemId=${IID}`, 'sku-list-live-v2.json'],
  ['sku day', `${S}/cc/item/sale/sku/list.json?${day}&itemId=${IID}`, 'sku-list-day.json'],
  ['funnel inline', `${S}/cc/item/detail/analysis/overview.json?${day}&itemId=${IID}&byrType=all`, 'detail-funnel-inline.json'],
  ['funnel blocks', `${S}/cc/item/detail/analysis/overview.json?${day}&itemId=${IID}&byrType=all`, 'detail-funnel-blocks.json'],
  ['refund reasons', `${S}/csp/api/refund/item/reason/list/v2.json?startDate=20260601&endDate=20260601&itemId=${IID}`, 'refund-reasons-v2.json'],
  ['refund cases', `${S}/csp/api/refund/item/reason/list/v2.json?startDate=20260601&endDate=20260601&itemId=${IID}`, 'refund-cases.json'],
  ['macro', `${S}/cc/cockpit/marcro/core/live/overview.json?${day}`, 'macro-overview.json'],
  ['one-query trend', oq, 'one-query-trend.json'],
] as const;

describe('sycm-item fuzz: 10,000 mutated payloads per route shape, no throw, nothing invalid', () => {
  it.each(CASES)(
    '%s',
    (_n, url, file) => {
      const payload = JSON.parse(fixture('sycm-item', file));
      let i = 0;
      for (const text of mutatedTexts(payload, 10_000, url.length + file.length)) {
        const r = processCapture(captureMsg(url, text), []);
        expectValidResult(r);
        // Refund case rows must never leak a case id, order id or nick into storage.
        if (file === 'refund-cases.json' && /2100000000000000|3000000000000000|\*\*/.test(JSON.stringify(r.facts))) throw new Error('buyer data stored');
        i++;
      }
      if (i !== 10_000) throw new Error('not all mutations ran');
    },
    120_000,
  );
});
