/**
 * 直通车 end to end: sycm home makes shop A known; the 直通车 page (tracknick cookies +
 * getLoginUserInfo) loads the campaign list and the keyword report through form-POSTed `queryParam`;
 * the facts carry 直通车's numbers converted (percent → decimal) under the same metric ids as 万相台.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRows, keywordRows } from '../sandbox/generator/adReports.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, readStore, settle, startAll } from './harness';

const A = '106033221';
const D = '2026-11-20';

type Fact = {
  shopId: string;
  entityKind: string;
  entityId: string;
  entityName?: string;
  grain: string;
  date: string;
  dims: Record<string, string>;
  values: Record<string, number>;
  source: { adapter: string };
};

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;

beforeAll(async () => {
  sandbox = await startAll();
  browser = await launch(sandbox);
  page = await browser.ctx.newPage();
  ext = await browser.ctx.newPage();
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const facts = async () => (await readStore<Fact>(ext, 'facts')).filter((f) => f.source.adapter === 'zhitongche');

describe('直通车 capture', () => {
  it('campaign list and keyword report of shop A, converted to catalog units', async () => {
    await openHome(page, D);
    await page.goto('https://subway.simba.taobao.com/#!/campaign/index');
    await page.waitForSelector('body[data-rendered^="campaign|"]');
    await page.fill('#date-picker', D);
    await page.dispatchEvent('#date-picker', 'change');
    await page.waitForSelector(`body[data-rendered="campaign|${D}|15"]`);
    await page.click('[data-tab="keyword"]');
    await page.waitForSelector(`body[data-rendered="keyword|${D}|15"]`);
    await settle(ext);
    const all = await facts();
    expect(all.every((f) => f.shopId === A)).toBe(true);
    const camps = all.filter((f) => f.entityKind === 'campaign' && f.date === D);
    const truth = campaignRows(sandbox.world, A, D, 15).filter((r) => r.campaign.type === 'keyword');
    expect(camps.map((f) => f.entityId).sort()).toEqual(truth.map((t) => t.campaign.campaignId).sort());
    const t0 = truth[0];
    const c0 = camps.find((f) => f.entityId === t0?.campaign.campaignId);
    expect(c0).toMatchObject({ grain: 'day', entityName: t0?.campaign.name, dims: { attr: '15', device: '0' } });
    expect(c0?.values.adSpend).toBe(t0?.row.charge);
    expect(c0?.values.adGmv).toBe(t0?.row.alipayInshopAmt);
    expect(c0?.values.adCvr).toBeCloseTo((t0?.row.alipayInshopNum ?? 0) / (t0?.row.click ?? 1), 4);
    const kws = all.filter((f) => f.entityKind === 'keyword' && f.date === D);
    expect(kws).toHaveLength(keywordRows(sandbox.world, A, D, 15).length);
    const rowIds = await page.$$eval('tr[data-keyword-id]', (trs) => trs.map((t) => (t as HTMLElement).dataset.keywordId));
    expect(new Set(kws.map((f) => f.entityId))).toEqual(new Set(rowIds));
  });

  it('a conversion-window switch adds attr 7 facts beside attr 15', async () => {
    await page.selectOption('#effect-select', '7');
    await page.waitForSelector(`body[data-rendered="keyword|${D}|7"]`);
    await settle(ext);
    const all = await facts();
    const a7 = all.filter((f) => f.entityKind === 'keyword' && f.dims.attr === '7');
    const a15 = all.filter((f) => f.entityKind === 'keyword' && f.dims.attr === '15');
    expect(a7.length).toBe(a15.length);
    const k = a7[0];
    const same = a15.find((f) => f.entityId === k?.entityId);
    expect(k?.values.adSpend).toBe(same?.values.adSpend);
  });
});
