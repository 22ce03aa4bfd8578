/**
 * The options page in the real browser: shop profiles and rule thresholds land in the settings
 * row (validated, resettable), deleting one shop's data leaves the other shop intact, the digest
 * permission stays optional, and the screen is looked at in zh (1000 and 400 wide) and en.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, pickDate, readStore, SHOTS_DIR, settle, startAll } from './harness';

const A = '106033221';
const B = '106078842';
const DROP_DAY = '2026-11-20';

type Settings = {
  profiles: Record<string, Record<string, unknown>>;
  thresholds: Record<string, Record<string, number>>;
  notifications: { enabled: boolean };
};

let sandbox: Sandbox;
let browser: Browser;
let console_: Page;
let opts: Page;

async function settingsRow(): Promise<Settings> {
  const rows = await readStore<{ key: string; value: Settings }>(opts, 'settings');
  const row = rows.find((r) => r.key === 'settings');
  if (!row) throw new Error('no settings row');
  return row.value;
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() - start > ms) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  browser = await launch(sandbox);
  console_ = await browser.ctx.newPage();
  opts = await browser.ctx.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  // Two shops with history: A (with its planted traffic drop) and B.
  await openHome(console_, DROP_DAY);
  await pickDate(console_, '2026-11-18');
  await console_.selectOption('#shop-switcher', 'B');
  await console_.waitForSelector('body[data-rendered-date]');
  await pickDate(console_, DROP_DAY);
  await settle(opts);
  await opts.setViewportSize({ width: 1000, height: 900 });
  await opts.waitForSelector(`[data-testid="profile-${B}"]`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('options page', () => {
  it('declares the options page and keeps notifications an optional permission', async () => {
    const manifest = await opts.evaluate(() => fetch('/manifest.json').then((r) => r.json()));
    expect(manifest.options_ui).toEqual({ page: 'options.html', open_in_tab: true });
    expect(manifest.permissions).not.toContain('notifications');
    expect(manifest.optional_permissions).toEqual(['notifications']);
    const granted = await opts.evaluate(() =>
      (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({
        permissions: ['notifications'],
      }),
    );
    expect(granted).toBe(false);
    expect(await opts.isChecked('[data-testid="notify-enabled"]')).toBe(false);
  });

  it('stores a shop profile', async () => {
    await opts.fill(`[data-testid="profile-${A}-grossMargin"]`, '35');
    await opts.press(`[data-testid="profile-${A}-grossMargin"]`, 'Tab');
    await opts.fill(`[data-testid="profile-${A}-leadTimeDays"]`, '12');
    await opts.press(`[data-testid="profile-${A}-leadTimeDays"]`, 'Enter');
    await opts.fill(`[data-testid="profile-${A}-monthlyTarget"]`, '1500000');
    await opts.press(`[data-testid="profile-${A}-monthlyTarget"]`, 'Enter');
    await opts.selectOption(`[data-testid="profile-${A}-attributionDays"]`, '7');
    await opts.fill(`[data-testid="profile-${A}-mainCategories"]`, '四件套、被芯，枕头');
    await opts.press(`[data-testid="profile-${A}-mainCategories"]`, 'Enter');
    const s = await until(settingsRow, (v) => v.profiles[A]?.mainCategories !== undefined);
    expect(s.profiles[A]).toEqual({
      grossMargin: 0.35,
      leadTimeDays: 12,
      monthlyTarget: 1500000,
      attributionDays: 7,
      mainCategories: ['四件套', '被芯', '枕头'],
    });
    // Out of bounds: shown, not saved.
    await opts.fill(`[data-testid="profile-${A}-grossMargin"]`, '120');
    await opts.press(`[data-testid="profile-${A}-grossMargin"]`, 'Enter');
    expect(await opts.textContent(`[data-testid="profile-${A}"] [role="alert"]`)).toContain('不能大于 95');
    expect((await settingsRow()).profiles[A]?.grossMargin).toBe(0.35);
    await opts.fill(`[data-testid="profile-${A}-grossMargin"]`, '35');
    await opts.press(`[data-testid="profile-${A}-grossMargin"]`, 'Enter');
  });

  it('sets a rule threshold with its bounds, shows the default, and resets it', async () => {
    const input = '[data-testid="th-da-01-conversion-dropPct"]';
    expect(await opts.textContent('[data-testid="th-da-01-conversion-dropPct-default"]')).toBe('0.15');
    await opts.fill(input, '0.9');
    await opts.press(input, 'Enter');
    expect(await opts.textContent('[data-testid="rule-da-01-conversion"] [role="alert"]')).toContain('不能大于 0.8');
    await opts.fill(input, '0.25');
    await opts.press(input, 'Enter');
    const s = await until(settingsRow, (v) => v.thresholds['da-01-conversion'] !== undefined);
    expect(s.thresholds['da-01-conversion']).toEqual({ dropPct: 0.25 });
    await opts.waitForSelector('[data-testid="reset-da-01-conversion"]:not([disabled])');
    await opts.evaluate(() => window.scrollTo(0, 0));
    await opts.screenshot({ path: join(SHOTS_DIR, 'options-1000.png'), fullPage: true });
    await opts.click('[data-testid="reset-da-01-conversion"]');
    const r = await until(settingsRow, (v) => v.thresholds['da-01-conversion'] === undefined);
    expect(r.thresholds['da-01-conversion']).toBeUndefined();
    await opts.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === '0.15', input);
  });

  it('renders every registered rule, grouped by area', async () => {
    const n = await opts.locator('[data-testid^="rule-"]').count();
    expect(n).toBeGreaterThanOrEqual(3);
    expect(await opts.locator('details.area').count()).toBe(8);
  });

  it("deletes one shop's data after a confirmation and leaves the other shop alone", async () => {
    const before = await readStore<{ shopId: string }>(opts, 'facts');
    const aBefore = before.filter((f) => f.shopId === A).length;
    expect(before.some((f) => f.shopId === B)).toBe(true);
    await opts.selectOption('[data-testid="delete-shop-select"]', B);
    await opts.click('[data-testid="delete-shop"]');
    await opts.waitForSelector('[data-testid="delete-confirm"]');
    expect(await opts.textContent('[data-testid="delete-confirm"]')).toContain('轻野户外旗舰店');
    await opts.setViewportSize({ width: 400, height: 800 });
    await opts.evaluate(() => window.scrollTo(0, 0));
    await opts.screenshot({ path: join(SHOTS_DIR, 'options-400.png'), fullPage: true });
    await opts.click('[data-testid="delete-shop-yes"]');
    await opts.waitForSelector('[data-testid="delete-result"]');
    const facts = await readStore<{ shopId: string }>(opts, 'facts');
    expect(facts.some((f) => f.shopId === B)).toBe(false);
    expect(facts.filter((f) => f.shopId === A).length).toBe(aBefore);
    expect((await readStore<{ id: string }>(opts, 'shops')).map((s) => s.id)).toEqual([A]);
    expect((await readStore<{ shopId: string }>(opts, 'findings')).some((f) => f.shopId === B)).toBe(false);
    expect((await readStore<{ shopId: string | null }>(opts, 'captures')).some((c) => c.shopId === B)).toBe(false);
    await opts.waitForFunction(() => !document.querySelector('[data-testid="profile-106078842"]'));
    const counts = await opts.textContent('[data-testid="count-shops"]');
    expect(counts).toContain('1');
  });

  it('switches to English', async () => {
    await opts.click('[data-testid="lang"]');
    await opts.waitForFunction(() => document.body.textContent?.includes('Shop profiles'));
    await opts.setViewportSize({ width: 400, height: 800 });
    await opts.evaluate(() => window.scrollTo(0, 0));
    await opts.screenshot({ path: join(SHOTS_DIR, 'options-400-en.png'), fullPage: true });
    await opts.setViewportSize({ width: 1000, height: 900 });
    await opts.evaluate(() => {
      const d = document.getElementById('readme-data');
      if (d instanceof HTMLDetailsElement) d.open = true;
      document.getElementById('storage')?.scrollIntoView();
    });
    await opts.screenshot({ path: join(SHOTS_DIR, 'options-1000-en-storage.png') });
    await opts.click('[data-testid="lang"]');
    await opts.waitForFunction(() => document.body.textContent?.includes('店铺档案'));
  });
});
