/**
 * sycm 交易 / 物流 / 评价 end to end: the three overview pages have no known API, so the extension's DOM
 * readers read the rendered cards → shop facts of the page's date (DSR as a snapshot) = generator truth.
 */
import { describe, expect, it } from 'vitest';
import { logisticsOverview, rateOverview, tradeOverview } from '../sandbox/generator/item-trade.ts';
import { extensionSession, storedFacts, typeDate } from './family-helpers';
import { settle } from './harness';

const A = '106033221';
const D = '2026-11-20';

const rig = extensionSession('2026-11-25');

const facts = async () => storedFacts(rig.ext);

describe('交易 / 物流 / 评价 pages → DOM readers', () => {
  it('stores the three overview pages of a day', async () => {
    for (const p of ['tradinganaly', 'logistics', 'rate']) {
      await rig.page.goto(`https://sycm.taobao.com/bda/${p}/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}&device=0`);
      await rig.page.waitForSelector(`body[data-rendered-date="${D}"]`);
      await rig.page.waitForTimeout(1200);
    }
    await settle(rig.ext);
    const all = await facts();
    const shopDay = all.find((f) => f.id === `${A}|shop|${A}|day|${D}|device=0`);
    const t = tradeOverview(rig.sandbox.world, A, D);
    const l = logisticsOverview(rig.sandbox.world, A, D);
    for (const [k, v] of Object.entries({ ...t, ...l })) expect(shopDay?.values[k], k).toBe(v);
    const r = rateOverview(rig.sandbox.world, A, D);
    expect(shopDay?.values.badRateCnt).toBe(r.badRateCnt);
    expect(shopDay?.values.goodRateRatio).toBe(r.goodRateRatio);
    const dsr = all.find((f) => f.id === `${A}|shop|${A}|snapshot|${D}|`);
    expect(dsr?.values).toEqual({ dsrDesc: r.dsrDesc, dsrService: r.dsrService, dsrLogistics: r.dsrLogistics });
  });

  it('switching the date on the page stores the new day', async () => {
    const d2 = '2026-11-19';
    await rig.page.goto(`https://sycm.taobao.com/bda/tradinganaly/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}&device=0`);
    await rig.page.waitForSelector(`body[data-rendered-date="${D}"]`);
    await typeDate(rig.page, d2);
    await rig.page.waitForSelector(`body[data-rendered-date="${d2}"]`);
    await rig.page.waitForTimeout(1200);
    await settle(rig.ext);
    const f = (await facts()).find((x) => x.id === `${A}|shop|${A}|day|${d2}|device=0`);
    expect(f?.values.crtVldAmt).toBe(tradeOverview(rig.sandbox.world, A, d2).crtVldAmt);
  });
});
