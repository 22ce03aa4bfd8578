import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture } from '../helpers';

const today = 'dateType=today&dateRange=2026-06-10%7C2026-06-10&token=1aa656228&_=1';
const CASES = [
  ['overview', `/portal/live/new/index/overview/v3.json?${today}`, 'overview-v3.json'],
  ['yesterday trade', '/ipoll/live/yesterday/getYesterdayTrade.json?token=1', 'yesterday-trade.json'],
  ['yesterday flow', '/ipoll/live/yesterday/getYesterdayFlow.json?token=1', 'yesterday-flow.json'],
  ['item rank', '/ipoll/live/rank/item.json?device=0&index=uv&page=1&limit=10', 'rank-item.json'],
  ['cart rank', '/ipoll/live/rank/item/purchase/add.json?device=0&page=1&limit=10', 'rank-cart.json'],
  ['item hour trend', '/ipoll/live/summary/getItemHourTrend.json?device=0&itemId=680000000001', 'item-hour-trend.json'],
  ['source top', `/flow/overview/live/shopFlowSourceTop/v4.json?${today}`, 'source-top-live.json'],
  ['flow overview', `/flow/new/live/guide/trend/overview.json?${today}&device=2`, 'flow-overview-live.json'],
  ['item top', `/cc/item/live/view/top.json?${today}&device=0`, 'item-top-live.json'],
] as const;

describe('sycm-live fuzz: 10,000 mutated payloads per route shape, no throw, nothing invalid', () => {
  it.each(CASES)(
    '%s',
    (_n, path, file) => {
      const payload = JSON.parse(fixture('sycm-live', file));
      let i = 0;
      for (const text of mutatedTexts(payload, 10_000, path.length)) {
        expectValidResult(processCapture(captureMsg(`https://sycm.taobao.com${path}`, text, { capturedAt: Date.UTC(2026, 5, 10, 2, 35) }), []));
        i++;
      }
      if (i !== 10_000) throw new Error('not all mutations ran');
    },
    120_000,
  );
});
