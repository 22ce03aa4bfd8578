/**
 * The operator's tour: one browser session through every sandbox page family for shop A, then
 * the side panel, tab by tab. Checks that each family was captured (capture health says so),
 * that findings appear per area, and writes a screenshot of each tab.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, pickDate, readStore, SHOTS_DIR, settle, startAll } from './harness';

const D = '2026-11-22';
const q = (d: string) => `dateType=day&dateRange=${d}%7C${d}`;
/** Every page family the sandbox serves, as an operator would open them. */
const PAGES: [family: string, url: string][] = [
  ['sycm-item', `https://sycm.taobao.com/cc/item_rank?${q(D)}`],
  ['sycm-flow', `https://sycm.taobao.com/flow/monitor/shopsource?belong=all&${q(D)}&device=2`],
  ['sycm-flow', `https://sycm.taobao.com/flow/monitor/overview?${q(D)}`],
  ['sycm-live', 'https://sycm.taobao.com/portal/live.htm'],
  ['sycm-service', `https://sycm.taobao.com/qos/service/frame/customer/performance/new?${q(D)}`],
  ['sycm-marketing', `https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2?${q(D)}`],
  ['sycm-marketing', 'https://sycm.taobao.com/datawar/activity/calendar?month=2026-11'],
  ['sycm-trade', `https://sycm.taobao.com/bda/tradinganaly/overview/overview.htm?${q(D)}&device=0`],
  ['sycm-market', `https://sycm.taobao.com/mc/ci/shop/monitor?${q(D)}&cateId=50008163`],
  ['wanxiang', `https://one.alimama.com/index.html#!/report/account?rptType=account&startTime=${D}&effectEqual=15`],
  ['zhitongche', 'https://subway.simba.taobao.com/#!/campaign/index'],
  ['yinli', 'https://tuijian.taobao.com/indexbp.html#!/report/index'],
  ['qianniu-item', 'https://myseller.taobao.com/home.htm/SellManage/on_sale'],
  ['qianniu-workbench', 'https://myseller.taobao.com/home.htm/QnworkbenchHome/'],
  ['qianniu-trade', 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm'],
];

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  browser = await launch(sandbox);
  page = await browser.ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${String(e)}`));
  ext = await browser.ctx.newPage();
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

type Health = { adapter: string; counts: Record<string, number> };

describe('tour through every page family', () => {
  it('captures each family for shop A', async () => {
    // 首页 first: it names the shop (the other consoles only show the login nick) and brings history.
    await openHome(page, '2026-10-08');
    for (const d of ['2026-11-07', '2026-11-14', D]) await pickDate(page, d);
    for (const [, url] of PAGES) {
      await page.goto(url);
      await page
        .waitForSelector('body[data-rendered], body[data-rendered-date], body[data-rendered-month], body[data-render-state="done"]', { timeout: 15_000 })
        .catch(() => {});
      // Page readers (交易, 内容…) read the table 800 ms after the page stops changing.
      await page.waitForTimeout(1500);
    }
    await settle(ext, 'captures', 1000, 30_000);
    const health = await readStore<Health>(ext, 'health');
    const ok = new Set(health.filter((h) => (h.counts.stored ?? 0) + (h.counts.unchanged ?? 0) > 0).map((h) => h.adapter));
    const missing = [...new Set(['sycm-home', ...PAGES.map(([f]) => f)])].filter((f) => !ok.has(f));
    expect(missing).toEqual([]);
    const shops = new Set((await readStore<{ shopId: string }>(ext, 'facts')).map((f) => f.shopId));
    expect([...shops]).toEqual(['106033221']);
  });

  it('the side panel shows findings per area; each tab is screenshotted', async () => {
    await ext.reload();
    await ext.setViewportSize({ width: 400, height: 900 });
    await ext.waitForSelector('[data-testid="health-grid"]', { timeout: 20_000 });
    await ext.waitForTimeout(2500);
    await ext.screenshot({ path: join(SHOTS_DIR, 'tour-overview.png'), fullPage: true });
    const findings = await readStore<{ area: string; status: string }>(ext, 'findings');
    const areas = new Set(findings.filter((f) => f.status === 'fired').map((f) => f.area));
    expect(areas.has('DA')).toBe(true);
    for (const tab of ['SEL', 'ADS', 'ACT', 'CS', 'DA', 'CNT', 'SC', 'TEAM']) {
      await ext.click(`[data-tab="${tab}"]`);
      await ext.waitForSelector(`[data-testid="panel-${tab}"]`);
      await ext.waitForTimeout(600);
      await ext.screenshot({ path: join(SHOTS_DIR, `tour-${tab}.png`), fullPage: true });
    }
  });

  it('an entity opens with its own history', async () => {
    await ext.click('[data-tab="SEL"]');
    const first = ext.locator('[data-testid="drill-item"] button.link').first();
    await first.waitFor({ timeout: 10_000 });
    await first.click();
    await ext.waitForSelector('[data-testid="entity-view"] canvas', { timeout: 10_000 });
    await ext.screenshot({ path: join(SHOTS_DIR, 'tour-entity.png'), fullPage: true });
  });

  it('no console page saw an error from the extension', () => {
    expect(pageErrors).toEqual([]);
  });
});
