/**
 * 引力魔方 end to end: sycm home makes shop A known; the 引力魔方 report page loads its crowd-campaign
 * report (GET with startTime/endTime/effect/effectType) → campaign facts whose spend equals the shop's
 * 精准人群推广费 (cubeAmt) of that day.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, readStore, settle, startAll } from './harness';

const A = '106033221';
const D = '2026-11-20';

type Fact = {
  shopId: string;
  entityKind: string;
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

describe('引力魔方 capture', () => {
  it('crowd campaign facts under shop A equal cubeAmt', async () => {
    await openHome(page, D);
    await page.goto('https://tuijian.taobao.com/indexbp.html#!/report/index');
    await page.waitForSelector('body[data-rendered]');
    await page.fill('#date-picker', D);
    await page.dispatchEvent('#date-picker', 'change');
    await page.waitForSelector(`body[data-rendered="${D}|15"]`);
    await settle(ext);
    const facts = (await readStore<Fact>(ext, 'facts')).filter((f) => f.source.adapter === 'yinli' && f.date === D);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ shopId: A, entityKind: 'campaign', grain: 'day', dims: { attr: '15', effectType: 'click' } });
    expect(facts[0]?.values.adSpend).toBe(sandbox.world.shopDay(A, D).cubeAmt);
  });
});
