/**
 * The first slice end to end: browse the sandbox 生意参谋 首页 for several dates and both shops
 * with the real extension in Chromium → facts under the right shop and date → the side panel
 * shows the trend and the planted traffic-drop finding; reloading duplicates nothing; the page
 * renders the same numbers with and without the extension.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, pickDate, readStore, SHOTS_DIR, settle, startAll } from './harness';

const A = '106033221';
const B = '106078842';
const DROP_DAY = '2026-11-20'; // inside the planted traffic drop of shop A (11-16 … 11-22)

type Fact = { id: string; shopId: string; entityKind: string; grain: string; date: string; dims: Record<string, string>; values: Record<string, number> };
type Finding = { ruleId: string; shopId: string; status: string; severity: string; period: { from: string } };

let sandbox: Sandbox;
let browser: Browser;
let console_: Page;
let ext: Page;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  browser = await launch(sandbox);
  console_ = await browser.ctx.newPage();
  ext = await browser.ctx.newPage();
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('capture → diagnosis → side panel', () => {
  it('shows the empty state before anything is captured', async () => {
    await ext.waitForSelector('[data-testid="empty-state"]');
    expect(await ext.textContent('[data-testid="empty-state"]')).toContain('生意参谋');
  });

  it('stores the home page facts of several dates under shop A', async () => {
    // 10-07 brings September's history: the week after 双11 is judged against pre-大促 weeks.
    await openHome(console_, '2026-10-07');
    await pickDate(console_, '2026-11-06');
    await pickDate(console_, '2026-11-13');
    await pickDate(console_, DROP_DAY);
    await settle(ext);
    const facts = await readStore<Fact>(ext, 'facts');
    const a = facts.filter((f) => f.shopId === A && f.entityKind === 'shop' && f.grain === 'day');
    // 30-day trends ending at each browsed date: 2026-09-08 … 2026-11-20.
    expect(new Set(a.map((f) => f.date)).size).toBe(74);
    const truth = sandbox.world.shopDay(A, DROP_DAY);
    const day = a.find((f) => f.date === DROP_DAY);
    expect(day?.values.uv).toBe(truth.uv);
    expect(day?.values.payAmt).toBe(truth.payAmt);
    expect(day?.values.payRate).toBe(truth.payRate);
    expect(day?.dims).toEqual({ device: '0' });
    expect(facts.some((f) => f.shopId === B)).toBe(false);
    const peers = facts.filter((f) => f.entityKind === 'peer' && f.date === DROP_DAY).map((f) => f.id.split('|')[2]);
    expect(peers.sort()).toEqual(['rivalAvg', 'rivalGood']);
  });

  it('reloading and re-visiting duplicates nothing and changes nothing', async () => {
    const before = await readStore<Fact>(ext, 'facts');
    await console_.reload();
    await console_.waitForSelector(`body[data-rendered-date="${DROP_DAY}"]`);
    await pickDate(console_, '2026-11-13');
    await settle(ext, 'captures');
    const after = await readStore<Fact>(ext, 'facts');
    expect(after).toEqual(before);
  });

  it('finds the planted traffic drop of shop A and shows it in the side panel with the trend', async () => {
    await ext.waitForFunction(() => document.querySelector('[data-rule="da-01-visitors"][data-status="fired"]') !== null, undefined, { timeout: 20_000 });
    const findings = await readStore<Finding>(ext, 'findings');
    const visitors = findings.find((f) => f.ruleId === 'da-01-visitors' && f.shopId === A);
    expect(visitors).toMatchObject({ status: 'fired', period: { from: DROP_DAY } });
    const text = await ext.textContent('[data-rule="da-01-visitors"]');
    expect(text).toContain('访客数');
    expect(text).toContain('同星期基线');
    expect(await ext.textContent('[data-testid="as-of"]')).toContain(DROP_DAY);
    expect(await ext.locator('canvas').count()).toBe(1);
    await ext.setViewportSize({ width: 400, height: 1200 });
    await ext.screenshot({ path: join(SHOTS_DIR, 'sidepanel-shop-a.png'), fullPage: true });
  });

  it('captures shop B separately, and its ordinary day raises no P0/P1', async () => {
    await console_.selectOption('#shop-switcher', 'B');
    await console_.waitForSelector('body[data-rendered-date]');
    await pickDate(console_, DROP_DAY);
    await settle(ext);
    const facts = await readStore<Fact>(ext, 'facts');
    const b = facts.filter((f) => f.shopId === B && f.entityKind === 'shop' && f.date === DROP_DAY);
    expect(b[0]?.values.uv).toBe(sandbox.world.shopDay(B, DROP_DAY).uv);
    await ext.waitForFunction(() => document.querySelector('[data-testid="shop-switcher"]')?.textContent?.includes('轻野户外旗舰店'));
    await ext.waitForTimeout(1500);
    const findings = (await readStore<Finding>(ext, 'findings')).filter((f) => f.shopId === B);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.status === 'fired' && (f.severity === 'P0' || f.severity === 'P1'))).toEqual([]);
    // Shop A's facts are untouched by B's browsing.
    expect(facts.filter((f) => f.shopId === A && f.date === DROP_DAY && f.entityKind === 'shop')[0]?.values.uv).toBe(sandbox.world.shopDay(A, DROP_DAY).uv);
  });

  it('the console page renders exactly the same numbers with and without the extension', async () => {
    const plain = await launch(sandbox, false);
    try {
      // Same shop on both sides: the extension's tab is on shop B now.
      await plain.ctx.addCookies([{ name: 'sandbox_shop', value: 'B', domain: 'sycm.taobao.com', path: '/', secure: true }]);
      const p = await plain.ctx.newPage();
      const read = async (page: Page) => {
        await openHome(page, DROP_DAY);
        return page.evaluate(() =>
          [...document.querySelectorAll('[data-kpi], tr[data-index-code]')].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
        );
      };
      const withExt = await read(console_);
      const without = await read(p);
      expect(withExt.length).toBeGreaterThan(20);
      expect(withExt).toEqual(without);
      await console_.screenshot({ path: join(SHOTS_DIR, 'sycm-home-with-extension.png'), fullPage: true });
    } finally {
      await plain.close();
    }
  });
});
