import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { logisticsOverview, rateOverview, tradeOverview } from '../sandbox/generator/item-trade.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { sycmGet } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';
const D = '2026-11-20';
const A = SHOP_A.runAsShopId;

const get = (path: string) => sycmGet(sb, path);

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb?.close();
});

const card = (body: string, label: string) => new RegExp(`<span class="index-name">${label}</span><span class="index-value">([^<]*)</span>`).exec(body)?.[1];

describe('sandbox 交易 / 物流 / 评价 pages', () => {
  it('交易概况 shows the shop day in display text, keyed by the page date', async () => {
    const r = await get(`/bda/tradinganaly/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}&device=0`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<meta name="microdata"');
    expect(r.body).toContain(`统计时间 ${D}`);
    const t = tradeOverview(sb.world, A, D);
    expect(t.payAmt).toBe(sb.world.shopDay(A, D).payAmt);
    expect(card(r.body, '支付金额')).toBe(`¥${t.payAmt?.toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    expect(card(r.body, '支付转化率')).toBe(`${((t.payRate ?? 0) * 100).toFixed(2)}%`);
  });

  it('物流 and 评价 pages', async () => {
    const l = await get(`/bda/logistics/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}`);
    expect(card(l.body, '24小时揽收及时率')).toBe(`${((logisticsOverview(sb.world, A, D).gotInTime24hRate ?? 0) * 100).toFixed(2)}%`);
    const rate = await get(`/bda/rate/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}`);
    expect(card(rate.body, '描述相符')).toBe(rateOverview(sb.world, A, D).dsrDesc?.toFixed(1));
    // Without a date the page shows yesterday.
    expect((await get('/bda/rate/overview/overview.htm')).body).toContain(`统计时间 2026-11-28`);
  });
});
