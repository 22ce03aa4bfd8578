/** Sandbox 实时 page and APIs: real paths and envelopes, a today-so-far curve, the adapter's reading. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg } from '../helpers';
import { dayFraction, liveCurve, liveItems, liveShop, yesterdayShop } from '../sandbox/generator/flow-live.ts';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { sycmGet } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';
const A = SHOP_A.runAsShopId;
const MIN = 10 * 60 + 35;
const COOKIE = `sandbox_minute=${MIN}`;
const t = `token=${SHOP_A.legalityToken}&_=1`;
const today = `dateType=today&dateRange=${TODAY}%7C${TODAY}`;

const get = (path: string, cookie = COOKIE) => sycmGet(sb, path, cookie);

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb.close();
});

describe('sandbox 实时', () => {
  it('the day curve is monotone, realistic (night low, evening high) and ends at the full day', () => {
    expect(dayFraction(0)).toBe(0);
    expect(dayFraction(1440)).toBeCloseTo(1, 10);
    for (let m = 5; m <= 1440; m += 5) expect(dayFraction(m)).toBeGreaterThanOrEqual(dayFraction(m - 5));
    expect(dayFraction(6 * 60)).toBeLessThan(0.12);
    expect(dayFraction(12 * 60)).toBeGreaterThan(0.3);
    expect(dayFraction(12 * 60)).toBeLessThan(0.5);
    const c = liveCurve(sb.world, A, TODAY, MIN);
    expect(c.hours).toHaveLength(11);
    expect(c.payAmt.at(-1)).toBe(liveShop(sb.world, A, TODAY, MIN).payAmt);
  });

  it('serves /portal/live.htm and /flow/live.htm with identity', async () => {
    for (const p of ['/portal/live.htm', '/flow/live.htm']) {
      const r = await get(p);
      expect(r.status).toBe(200);
      expect(r.body).toContain(`runAsShopId=${A}`);
    }
  });

  it('overview: portal envelope with data.data.today (so far) and yestday (full day)', async () => {
    const body = JSON.parse((await get(`/portal/live/new/index/overview/v3.json?${today}&${t}`)).body);
    expect(body.hasError).toBe(false);
    expect(body.content.data.updateTime).toBe(`${TODAY} 10:35:00`);
    expect(body.content.data.data.today.uv.value).toBe(liveShop(sb.world, A, TODAY, MIN).uv);
    expect(body.content.data.data.yestday.payAmt.value).toBe(sb.world.shopDay(A, '2026-11-28').payAmt);
    expect(body.content.data.data.today.uv.value).toBeLessThan(sb.world.shopDay(A, TODAY).uv);
  });

  it('rank pages, yesterday trade in fen, and the real-time source top', async () => {
    const p2 = JSON.parse((await get(`/ipoll/live/rank/item.json?device=0&index=payAmt&keyword=&page=2&limit=10&${t}`)).body);
    expect(p2.data.data.list.map((r: { itemId: { value: number } }) => String(r.itemId.value))).toEqual(
      liveItems(sb.world, A, TODAY, MIN, 'payAmt')
        .slice(10, 20)
        .map((i) => i.itemId),
    );
    const trade = JSON.parse((await get(`/ipoll/live/yesterday/getYesterdayTrade.json?${t}`)).body);
    expect(trade.data.data.payAmt).toBe(Math.round((yesterdayShop(sb.world, A, TODAY).payAmt ?? 0) * 100));
    const src = JSON.parse((await get(`/flow/overview/live/shopFlowSourceTop/v4.json?${today}&device=2&${t}`)).body);
    expect(src.code).toBe(0);
    expect(src.data.data.length).toBe(10);
  });

  it('refuses other days and bad tokens like the console', async () => {
    expect(JSON.parse((await get(`/portal/live/new/index/overview/v3.json?dateType=today&dateRange=2026-11-20%7C2026-11-20&${t}`)).body).code).toBe(1003);
    expect(JSON.parse((await get('/ipoll/live/rank/item.json?device=0&token=bad')).body).code).toBe(5810);
  });

  it('the adapter stores the sandbox overview as live today + closed yesterday', async () => {
    const path = `/portal/live/new/index/overview/v3.json?${today}&${t}`;
    const text = (await get(path)).body;
    const r = processCapture(captureMsg(`https://sycm.taobao.com${path}`, text, { capturedAt: Date.UTC(2026, 10, 29, 2, 36) }), []);
    expect(r.outcome).toBe('stored');
    expect(r.facts.find((f) => f.grain === 'live')?.values).toEqual(liveShop(sb.world, A, TODAY, MIN));
    expect(r.facts.find((f) => f.grain === 'day')).toMatchObject({ date: '2026-11-28', values: yesterdayShop(sb.world, A, TODAY) });
  });
});
