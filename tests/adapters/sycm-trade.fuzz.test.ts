import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import type { CaptureMessage } from '@/lib/schema/capture';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { fixture, SHOP_A } from '../helpers';

const S = 'https://sycm.taobao.com';
const q = 'dateType=day&dateRange=2026-06-01%7C2026-06-01&device=0';
const CASES = [
  ['trade-overview', `${S}/bda/tradinganaly/overview/overview.htm?${q}`, 'trade-overview.json'],
  ['logistics-overview', `${S}/bda/logistics/overview/overview.htm?${q}`, 'logistics-overview.json'],
  ['rate-overview', `${S}/bda/rate/overview/overview.htm?${q}`, 'rate-overview.json'],
] as const;

const msg = (reader: string, url: string, text: string): CaptureMessage => ({
  meta: { kind: 'dom', method: 'DOM', url, adapter: 'sycm-trade', reader, status: 200, size: text.length },
  responseText: text,
  pageUrl: url,
  identity: SHOP_A,
  capturedAt: Date.UTC(2026, 5, 10, 2),
});

describe('sycm-trade fuzz: 10,000 mutated DOM reads per page, no throw, nothing invalid', () => {
  it.each(CASES)(
    '%s',
    (reader, url, file) => {
      const payload = JSON.parse(fixture('sycm-trade', file));
      let i = 0;
      for (const text of mutatedTexts(payload, 10_000, url.length)) {
        expectValidResult(processCapture(msg(reader, url, text), []));
        i++;
      }
      if (i !== 10_000) throw new Error('not all mutations ran');
    },
    120_000,
  );
});
