/**
 * 导入 in the side panel (issue #6, "Import the consoles' own downloads"): a fresh profile captures
 * the sandbox shop once, then the operator chooses downloaded reports (fixtures with the real §12
 * headers), sees the preview, confirms, and the facts are in the database marked imported; a bad
 * file shows its message and writes nothing.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, readStore, SHOTS_DIR, settle, startAll } from './harness';

const A = '106033221';
const D = '2026-11-20';
const TODAY = '2026-11-25';
const FIX = resolve(__dirname, '../fixtures/imports');

type Fact = {
  id: string;
  shopId: string;
  entityKind: string;
  entityId: string;
  source: { adapter: string; route: string; imported?: boolean };
  values: Record<string, number>;
};

let sandbox: Sandbox;
let browser: Browser;
let ext: Page;

const facts = async () => readStore<Fact>(ext, 'facts');
const shot = async (name: string) => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await ext.screenshot({ path: join(SHOTS_DIR, name), fullPage: true });
};

beforeAll(async () => {
  sandbox = await startAll(TODAY);
  browser = await launch(sandbox);
  const page = await browser.ctx.newPage();
  await openHome(page, D); // the shop becomes known by capturing once
  ext = await browser.ctx.newPage();
  await ext.setViewportSize({ width: 400, height: 900 });
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
  await settle(ext, 'shops');
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html?view=import`);
  await ext.waitForSelector('[data-testid="import-panel"]');
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('导入 报表', () => {
  it('previews a 生意参谋 .xls and a 直通车 .zip, then writes them as imported facts', async () => {
    expect(await ext.locator('[data-testid="import-shop"]').inputValue()).toBe(A);
    const before = (await facts()).length;
    await ext.setInputFiles('[data-testid="import-input"]', [join(FIX, 'sycm-item-rank.xls'), join(FIX, 'zhitongche-adgroup_2026-06-01.zip')]);
    await ext.waitForSelector('[data-testid="import-plan"][data-ok="true"][data-report="zhitongche-adgroup"]');
    const plans = ext.locator('[data-testid="import-plan"]');
    expect(await plans.count()).toBe(2);
    const rank = plans.filter({ hasText: 'sycm-item-rank.xls' });
    expect(await rank.getAttribute('data-report')).toBe('sycm-item-rank');
    expect(await rank.locator('[data-testid="import-report"]').textContent()).toContain('生意参谋 · 商品排行');
    expect(await rank.locator('[data-testid="import-counts"]').textContent()).toBe('新增 3 条，更新 0 条，不变 0 条');
    expect(await rank.locator('[data-testid="import-metrics"]').textContent()).toContain('支付金额');
    expect(await rank.locator('[data-testid="import-ignored"]').textContent()).toContain('竞争力评分');
    // The hostile title of the fixture is text, never markup.
    expect(await ext.locator('img[src="x"]').count()).toBe(0);
    const ztc = plans.filter({ hasText: 'zhitongche-adgroup' });
    expect(await ztc.textContent()).toContain('转化周期 15天');
    await shot('import-preview.png');

    await ext.click('[data-testid="import-confirm"]');
    await ext.waitForSelector('[data-testid="import-result"]');
    expect(await ext.locator('[data-testid="import-result"]').textContent()).toContain('已导入 sycm-item-rank.xls：写入 3 条');
    const all = await facts();
    const imported = all.filter((f) => f.source.imported);
    expect(all.length).toBe(before + 6);
    expect(imported.map((f) => f.source.adapter).sort()).toEqual([...Array(3).fill('import:sycm-item-rank'), ...Array(3).fill('import:zhitongche-adgroup')]);
    const item = imported.find((f) => f.id === `${A}|item|680000000001|day|2026-06-01|device=0`);
    expect(item?.values).toMatchObject({ uv: 1961, payAmt: 8286.2, itmBounceRate: 0.667 });
    expect(imported.find((f) => f.id === `${A}|adgroup|80000011|day|2026-06-01|attr=15&device=0`)?.values.adCtr).toBeCloseTo(0.066667, 5);
    const log = await readStore<{ outcome: string; adapter: string }>(ext, 'captures');
    expect(log.filter((l) => l.outcome === 'imported').map((l) => l.adapter)).toEqual(['import:sycm-item-rank', 'import:zhitongche-adgroup']);
    await shot('import-done.png');
  });

  it('the same file again: preview says unchanged, nothing changes', async () => {
    await ext.setInputFiles('[data-testid="import-input"]', [join(FIX, 'sycm-item-rank.xls')]);
    await ext.waitForSelector('[data-testid="import-plan"][data-ok="true"]');
    expect(await ext.locator('[data-testid="import-counts"]').textContent()).toBe('新增 0 条，更新 0 条，不变 3 条');
    await ext.click('[data-testid="import-cancel"]');
    await ext.locator('[data-testid="import-preview"]').first().waitFor({ state: 'detached', timeout: 10_000 });
    expect(await ext.locator('[data-testid="import-preview"]').count()).toBe(0);
  });

  it('a mis-encoded file shows the message and writes nothing; a 商品360 file asks for the item id', async () => {
    const before = await facts();
    await ext.setInputFiles('[data-testid="import-input"]', [join(FIX, 'bad-mojibake.csv'), join(FIX, 'sycm-item360-core_2026-06-01.xlsx')]);
    await ext.waitForSelector('[data-testid="import-error"][data-code="encoding"]');
    expect(await ext.locator('[data-testid="import-error"][data-code="encoding"]').textContent()).toContain('无法识别表头：可能是编码问题');
    expect(await ext.locator('[data-testid="import-error"][data-code="needs-item-id"]').textContent()).toContain('请填写商品ID');
    expect(await ext.locator('[data-testid="import-confirm"]').isDisabled()).toBe(true);
    await shot('import-bad.png');
    await ext.fill('[data-testid="import-item-id"]', '680000000001');
    await ext.waitForSelector('[data-testid="import-plan"][data-report="sycm-item-overview"]');
    expect(await ext.locator('[data-testid="import-confirm"]').isDisabled()).toBe(false);
    await ext.click('[data-testid="import-cancel"]');
    expect((await facts()).length).toBe(before.length);
  });
});
