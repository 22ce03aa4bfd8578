import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture, SHOP_A } from '../helpers';

const D = '2026-06-01';
const TREND = `https://sycm.taobao.com/xsite/sale/getSaleToolActTrend.json?dateType=day&dateRange=${D}%7C${D}&toolId=itemcoupon&actId=4849560032`;
const RANGE = 'https://sycm.taobao.com/xsite/sale/getSaleToolActTrend.json?dateType=range&dateRange=2026-05-30%7C2026-06-01&toolId=itemcoupon&actId=1';
const CAL = 'https://sycm.taobao.com/datawar/v4/activity/actList/getActivityCalendar.json?startDate=2026-05-01&endDate=2026-06-30';
const PAGE = `https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2?dateType=day&dateRange=${D}%7C${D}`;

const API_CASES = [
  ['trend day', TREND, 'sale-tool-trend-day.json'],
  ['trend dated', TREND, 'sale-tool-trend-dated.json'],
  ['trend range', RANGE, 'sale-tool-trend-day.json'],
  ['activity calendar', CAL, 'activity-calendar.json'],
] as const;

describe('sycm-marketing fuzz: 10,000 mutated payloads per shape, no throw, nothing invalid', () => {
  it.each(API_CASES)('%s', (_n, url, file) => {
    const payload = JSON.parse(fixture('sycm-marketing', file));
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, url.length + file.length)) {
      expectValidResult(processCapture(captureMsg(url, text), []));
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  });

  it('content table (DOM reader payload)', () => {
    const payload = JSON.parse(fixture('sycm-marketing', 'content-works-table.json'));
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, 7)) {
      const msg = {
        meta: {
          kind: 'dom' as const,
          method: 'DOM' as const,
          url: PAGE,
          adapter: 'sycm-marketing',
          reader: 'content-works',
          status: 200 as const,
          size: text.length,
        },
        responseText: text,
        pageUrl: PAGE,
        identity: SHOP_A,
        capturedAt: Date.UTC(2026, 5, 10, 2),
      };
      expectValidResult(processCapture(msg, []));
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  });
});
