/**
 * sycm 交易 / 物流 / 评价 end to end: the three overview pages have no known API, so the extension's DOM
 * readers read the rendered cards → shop facts of the page's date (DSR as a snapshot) = generator truth.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logisticsOverview, rateOverview, tradeOverview } from '../sandbox/generator/item-trade.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, readStore, settle, startAll } from './harness';

const A = '106033221';
const D = '2026-11-20';

type Fact = { id: string; values: Record<string, number> };

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;

const facts = async () => readStore<Fact>(ext, 'facts');

beforeAll(async () => {
  sandbox = await startAll('2026-11-25');
  browser = await launch(sandbox);
  page = await browser.ctx.newPage();
  ext = await browser.ctx.newPage();
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('交易 / 物流 / 评价 pages → DOM readers', () => {
  it('stores the three overview pages of a day', async () => {
    for (const p of ['tradinganaly', 'logistics', 'rate']) {
      await page.goto(`https://sycm.taobao.com/bda/${p}/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}&device=0`);
      await page.waitForSelector(`body[data-rendered-date="${D}"]`);
      await page.waitForTimeout(1200);
    }
    await settle(ext);
    const all = await facts();
    const shopDay = all.find((f) => f.id === `${A}|shop|${A}|day|${D}|device=0`);
    const t = tradeOverview(sandbox.world, A, D);
    const l = logisticsOverview(sandbox.world, A, D);
    for (const [k, v] of Object.entries({ ...t, ...l })) expect(shopDay?.values[k], k).toBe(v);
    const r = rateOverview(sandbox.world, A, D);
    expect(shopDay?.values.badRateCnt).toBe(r.badRateCnt);
    expect(shopDay?.values.goodRateRatio).toBe(r.goodRateRatio);
    const dsr = all.find((f) => f.id === `${A}|shop|${A}|snapshot|${D}|`);
    expect(dsr?.values).toEqual({ dsrDesc: r.dsrDesc, dsrService: r.dsrService, dsrLogistics: r.dsrLogistics });
  });

  it('switching the date on the page stores the new day', async () => {
    const d2 = '2026-11-19';
    await page.goto(`https://sycm.taobao.com/bda/tradinganaly/overview/overview.htm?dateType=day&dateRange=${D}%7C${D}&device=0`);
    await page.waitForSelector(`body[data-rendered-date="${D}"]`);
    await page.fill('#date-picker', d2);
    await page.dispatchEvent('#date-picker', 'change');
    await page.waitForSelector(`body[data-rendered-date="${d2}"]`);
    await page.waitForTimeout(1200);
    await settle(ext);
    const f = (await facts()).find((x) => x.id === `${A}|shop|${A}|day|${d2}|device=0`);
    expect(f?.values.crtVldAmt).toBe(tradeOverview(sandbox.world, A, d2).crtVldAmt);
  });
});
