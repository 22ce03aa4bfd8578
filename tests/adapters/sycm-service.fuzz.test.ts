import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture } from '../helpers';

const D = '2026-06-01';
const mtop = (domainCode: string) =>
  `https://h5api.m.taobao.com/h5/mtop.alibaba.sycm.domain.onequery/1.0/?jsv=2.6.1&appKey=12574478&t=1&sign=x&type=originaljson&data=${encodeURIComponent(JSON.stringify({ domainCode, dateType: 'day', dateRange: `${D}|${D}` }))}`;

const CASES = [
  ['sellerkpi', mtop('tao.shop.qos.sellerkpi'), 'onequery-sellerkpi.json'],
  ['subaccount', mtop('tao.shop.qos.subaccount'), 'onequery-subaccount.json'],
  [
    'refund list',
    'https://sycm.taobao.com/csp/api/refund/all/detail/list.json?startDate=20260601&endDate=20260601&queryType=caseEnd&orderBy=caseEndTime&pageNo=1&pageSize=20',
    'csp-refund.json',
  ],
  [
    'consultation list',
    'https://sycm.taobao.com/csp/api/ww/consultation/detail/list.json?startDate=20260601&endDate=20260601&orderBy=x&pageNo=1&pageSize=20',
    'csp-consultation.json',
  ],
  ['exp score', 'https://sycm.taobao.com/sdx/diagnose/new/common/expScore?type=service&dateId=20260601', 'exp-score.json'],
] as const;

describe('sycm-service fuzz: 10,000 mutated payloads per route shape, no throw, nothing invalid', () => {
  it.each(CASES)('%s', (_n, url, file) => {
    const payload = JSON.parse(fixture('sycm-service', file));
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, url.length)) {
      const r = processCapture(captureMsg(url, text), []);
      expectValidResult(r);
      // Buyer data never reaches a fact.
      if (r.facts.some((f) => /\*\*\*|300000000000000/.test(JSON.stringify(f)))) throw new Error('buyer data stored');
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  });
});
