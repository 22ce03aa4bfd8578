/**
 * The popup on a console tab, the English screens, and bad input in the real browser: a login
 * wall, a malformed payload and a page without shop identity are reported in capture health,
 * store nothing and lose nothing; the console page never sees an error from the extension.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, readStore, SHOTS_DIR, settle, startAll } from './harness';

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;
const pageErrors: string[] = [];

type Health = { id: string; counts: Record<string, number>; lastIssue?: { path: string; message: string } };

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  browser = await launch(sandbox);
  page = await browser.ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  ext = await browser.ctx.newPage();
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
  await openHome(page, '2026-11-10');
  await settle(ext);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function tabIdOf(url: string): Promise<number> {
  type TabsApi = { tabs: { query(q: object): Promise<{ id?: number }[]> } };
  const id = await browser.sw?.evaluate(async (u) => (await (globalThis as unknown as { chrome: TabsApi }).chrome.tabs.query({ url: u }))[0]?.id, url);
  if (typeof id !== 'number') throw new Error('no tab');
  return id;
}

describe('popup', () => {
  it('says what the current tab is, what it captured, and the shop', async () => {
    const popup = await browser.ctx.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${browser.extId}/popup.html#tab=${await tabIdOf('https://sycm.taobao.com/*')}`);
    await popup.waitForFunction(() => document.querySelector('[data-testid="tab-state"]')?.textContent?.includes('生意参谋·首页'));
    const state = await popup.textContent('[data-testid="tab-state"]');
    expect(state).toMatch(/本页已采集\d+ 次/);
    expect(await popup.textContent('[data-testid="popup-shop"]')).toBe('暖居家纺旗舰店');
    await popup.screenshot({ path: join(SHOTS_DIR, 'popup.png'), fullPage: true });
    await popup.click('[data-testid="pause"]');
    await popup.waitForFunction(() => document.body.textContent?.includes('采集已暂停'));
    await popup.click('[data-testid="pause"]');
    await popup.close();
  });

  it('switches the side panel to English', async () => {
    await ext.getByRole('button', { name: 'English' }).click();
    await ext.waitForFunction(() => document.body.textContent?.includes('Core KPIs'));
    expect(await ext.textContent('body')).toContain('Payment amount');
    await ext.setViewportSize({ width: 400, height: 1100 });
    await ext.screenshot({ path: join(SHOTS_DIR, 'sidepanel-en.png'), fullPage: true });
    await ext.getByRole('button', { name: '中文' }).click();
    await ext.waitForFunction(() => document.body.textContent?.includes('核心指标'));
  });
});

describe('bad input in the browser', () => {
  const faults: [string, string, string][] = [
    ['login', '2026-11-02', 'login'],
    ['error5810', '2026-11-03', 'login'],
    ['html', '2026-11-04', 'rejected|login'],
    ['malformed', '2026-11-05', 'stored'],
    ['noidentity', '2026-11-06', 'unidentified'],
  ];

  it.each(faults)('fault %s: counted in capture health, nothing wrong stored, nothing lost', async (mode, date, outcome) => {
    const before = await readStore<{ id: string; values: Record<string, number> }>(ext, 'facts');
    const healthBefore = await readStore<Health>(ext, 'health');
    const count = (rows: Health[]) => rows.reduce((s, r) => s + outcome.split('|').reduce((t, o) => t + (r.counts[o] ?? 0), 0), 0);
    sandbox.setFault(mode as Parameters<Sandbox['setFault']>[0]);
    try {
      await page.goto(`https://sycm.taobao.com/portal/home.htm?dateType=day&dateRange=${date}%7C${date}`);
      await page
        .waitForFunction(
          () => document.body.dataset.renderState === 'done' || document.body.dataset.renderState === 'error' || !!document.body.dataset.renderedDate,
          undefined,
          { timeout: 20_000 },
        )
        .catch(() => {});
      await page.waitForTimeout(1500);
      await settle(ext, 'captures');
    } finally {
      sandbox.setFault('none');
    }
    const after = await readStore<{ id: string; values: Record<string, number> }>(ext, 'facts');
    const health = await readStore<Health>(ext, 'health');
    expect(count(health)).toBeGreaterThan(count(healthBefore));
    // Nothing already stored is lost or changed (a valid part of the answer may add to it).
    const afterById = new Map(after.map((f) => [f.id, f]));
    for (const f of before) expect(afterById.get(f.id)?.values).toMatchObject(f.values);
    if (mode === 'malformed') {
      // The readable fields are kept; the broken ones are reported with their path.
      const day = after.find((f) => f.id === `106033221|shop|106033221|day|${date}|device=0`);
      // payAmt was already known from an earlier trend: the junk 'abc' neither replaced nor removed it.
      expect(day?.values.payAmt).toBe(sandbox.world.shopDay('106033221', date).payAmt);
      expect(health.some((h) => h.lastIssue?.path.includes('payAmt'))).toBe(true);
    } else {
      expect(after.length).toBe(before.length);
    }
  });

  it('the popup names the data source with a problem in plain words', async () => {
    const popup = await browser.ctx.newPage();
    await popup.goto(`chrome-extension://${browser.extId}/popup.html#tab=${await tabIdOf('https://sycm.taobao.com/*')}`);
    await popup.waitForSelector('[data-testid="popup-health-issues"]');
    expect(await popup.textContent('[data-testid="popup-health-issues"]')).toMatch(/生意参谋·首页·.+：/);
    await popup.close();
  });

  it('the side panel says which captures were skipped and why', async () => {
    await ext.reload();
    await ext.waitForSelector('[data-health]');
    const text = await ext.textContent('body');
    expect(text).toMatch(/今日 \d+ 次采集被跳过|累计跳过 \d+ 次/);
  });

  it('no error ever reached the console page', () => {
    expect(pageErrors).toEqual([]);
  });
});
