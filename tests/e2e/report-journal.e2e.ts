/**
 * 日报/周报 and 操作日志 end to end: browse a few sandbox pages, open the side panel's report view,
 * copy the Markdown, export the HTML, then log an action from a finding card's 记录操作 and find
 * it with its 复盘 in 操作日志. Every screen is screenshotted.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, pickDate, readStore, SHOTS_DIR, settle, startAll } from './harness';

const D = '2026-11-22';
const q = (d: string) => `dateType=day&dateRange=${d}%7C${d}`;

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;
const extErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  browser = await launch(sandbox);
  // Extension origins are opaque to grantPermissions: grant for every origin, and also record what the
  // page writes (the real writeText still runs; its failure would show 复制失败, which the test rejects).
  await browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  page = await browser.ctx.newPage();
  ext = await browser.ctx.newPage();
  await ext.addInitScript({
    content: `(() => { const c = navigator.clipboard; if (!c) return; const w = c.writeText.bind(c);
      c.writeText = (t) => { window.__copied = t; return w(t); }; })();`,
  });
  ext.on('pageerror', (e) => extErrors.push(String(e)));
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('reports and the action journal', () => {
  it('captures a few pages of shop A', async () => {
    await openHome(page, '2026-10-08');
    for (const d of ['2026-11-14', '2026-11-21', D]) await pickDate(page, d);
    for (const url of [
      `https://sycm.taobao.com/cc/item_rank?${q('2026-11-21')}`,
      `https://sycm.taobao.com/cc/item_rank?${q(D)}`,
      `https://sycm.taobao.com/flow/monitor/shopsource?belong=all&${q(D)}&device=2`,
      `https://one.alimama.com/index.html#!/report/account?rptType=account&startTime=${D}&effectEqual=15`,
    ]) {
      await page.goto(url);
      await page.waitForSelector('body[data-rendered], body[data-rendered-date], body[data-render-state="done"]', { timeout: 15_000 }).catch(() => {});
      await page.waitForTimeout(700);
    }
    await settle(ext, 'captures', 1000, 30_000);
    expect((await readStore(ext, 'facts')).length).toBeGreaterThan(50);
  });

  it('日报: preview, copy Markdown, export the standalone HTML', async () => {
    await ext.setViewportSize({ width: 400, height: 900 });
    await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html?view=report`);
    await ext.waitForSelector('[data-testid="report-preview"]', { timeout: 20_000 });
    // Wait until the background has run the rules, so open problems are in the report.
    for (let i = 0; i < 40 && (await readStore(ext, 'findings')).length === 0; i++) await ext.waitForTimeout(250);
    await ext.fill('[data-testid="report-date"]', D);
    await ext.waitForFunction((d) => document.querySelector('.report-title')?.textContent?.includes(d), D, { timeout: 10_000 });
    const rows = await ext.locator('[data-testid="report-numbers"] tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('支付金额'))).toBe(true);
    expect(rows.some((r) => r.startsWith('访客数'))).toBe(true);
    await ext.screenshot({ path: join(SHOTS_DIR, 'report-daily.png'), fullPage: true });

    await ext.click('[data-testid="report-copy-md"]');
    await ext.waitForSelector('[data-testid="report-toast"]:has-text("已复制")', { timeout: 5000 });
    const md = await ext.evaluate(() => (window as unknown as { __copied: string }).__copied);
    expect(md.split('\n')[0]).toMatch(new RegExp(`^### 运营日报 · .+ · ${D}$`));
    expect(md).toContain('#### 核心指标');
    expect(md).toMatch(/- 支付金额 \*\*¥[\d.]+万?\*\*/);
    expect(md).toContain('红涨绿跌');

    await ext.click('[data-testid="report-copy-text"]');
    await ext.waitForFunction(() => (window as unknown as { __copied: string }).__copied.startsWith('【'), undefined, { timeout: 5000 });
    const txt = await ext.evaluate(() => (window as unknown as { __copied: string }).__copied);
    expect(txt.split('\n')[0]).toMatch(/^【运营日报 · /);

    const [dl] = await Promise.all([ext.waitForEvent('download'), ext.click('[data-testid="report-download"]')]);
    expect(dl.suggestedFilename()).toMatch(new RegExp(`^运营日报_.+_${D}\\.html$`));
    const file = await dl.path();
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    const printable = await browser.ctx.newPage();
    await printable.setViewportSize({ width: 800, height: 1000 });
    await printable.setContent(html);
    await printable.screenshot({ path: join(SHOTS_DIR, 'report-html.png'), fullPage: true });
    await printable.close();
  });

  it('周报 preview', async () => {
    await ext.click('[data-report-kind="weekly"]');
    await ext.waitForFunction(() => document.querySelector('.report-title')?.textContent?.includes('运营周报'), undefined, { timeout: 10_000 });
    const labels = await ext.locator('[data-testid="report-numbers"] tbody td:first-child').allTextContents();
    expect(labels).toContain('访客数（日均）');
    await ext.screenshot({ path: join(SHOTS_DIR, 'report-weekly.png'), fullPage: true });
  });

  it('记录操作 on a finding card, then the entry with its 复盘 in 操作日志', async () => {
    await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
    await ext.waitForSelector('[data-testid="health-grid"]', { timeout: 20_000 });
    let button = null;
    for (const tab of ['DA', 'SEL', 'ADS', 'SC', 'TEAM', 'CS', 'ACT', 'CNT']) {
      await ext.click(`[data-tab="${tab}"]`);
      await ext.waitForSelector(`[data-testid="panel-${tab}"]`);
      await ext.waitForTimeout(400);
      const b = ext.locator('[data-testid="log-action"]').first();
      if (await b.count()) {
        button = b;
        break;
      }
    }
    expect(button).not.toBeNull();
    await button?.click();
    const form = ext.locator('[data-testid="log-action-form"]');
    await form.waitFor();
    await form.locator('[data-testid="journal-note"]').fill('e2e：按诊断建议处理');
    await ext.locator('article.finding', { has: form }).screenshot({ path: join(SHOTS_DIR, 'journal-finding-form.png') });
    await form.locator('[data-testid="journal-save"]').click();
    await ext.waitForSelector('[data-testid="log-action-done"]', { timeout: 5000 });
    const journal = await readStore<{ findingId?: string; note: string; date: string; area?: string }>(ext, 'journal');
    expect(journal).toHaveLength(1);
    expect(journal[0]?.note).toBe('e2e：按诊断建议处理');
    expect(journal[0]?.findingId).toMatch(/\|106033221\|/);

    await ext.click('[data-testid="work-toggle"]');
    await ext.click('[data-work-tab="journal"]');
    await ext.waitForSelector('[data-testid="journal-entry"]', { timeout: 10_000 });
    const verdict = await ext.locator('[data-testid="journal-verdict"]').first().textContent();
    expect(verdict).toMatch(/观察中|有效|无效|变差|数据不足/);

    // A second action from the panel itself: an item found by name.
    await ext.click('[data-testid="journal-add"]');
    await ext.selectOption('[data-testid="journal-kind"]', 'changeMainImage');
    await ext.selectOption('[data-testid="journal-entity-kind"]', 'item');
    const items = await readStore<{ entityKind: string; entityName?: string }>(ext, 'facts');
    const name = items.find((f) => f.entityKind === 'item' && f.entityName)?.entityName ?? '';
    expect(name).not.toBe('');
    await ext.fill('[data-testid="journal-entity-search"]', name.slice(0, 4));
    await ext.locator('[data-testid="journal-matches"] button').first().click();
    await ext.waitForSelector('[data-testid="journal-entity-chosen"]');
    expect(await ext.inputValue('[data-testid="journal-metric"]')).toBe('payRate');
    await ext.fill('[data-testid="journal-date"]', '2026-11-15');
    await ext.screenshot({ path: join(SHOTS_DIR, 'journal-panel-form.png'), fullPage: true });
    await ext.click('[data-testid="journal-save"]');
    await ext.waitForFunction(() => document.querySelectorAll('[data-testid="journal-entry"]').length === 2, undefined, { timeout: 10_000 });
    await ext.waitForTimeout(500);
    await ext.screenshot({ path: join(SHOTS_DIR, 'journal-panel.png'), fullPage: true });
    // Newest action date first: the one logged from the finding (after 11-22) above the 11-15 one.
    const dates = await ext.locator('[data-testid="journal-entry"] .small.muted').allTextContents();
    expect(dates[1]).toContain('2026-11-15');
    expect(extErrors).toEqual([]);
  });

  it('记录操作 from an entity drill view', async () => {
    await ext.click('[data-testid="work-toggle"]');
    await ext.click('[data-tab="SEL"]');
    const first = ext.locator('[data-testid="drill-item"] button.link').first();
    await first.waitFor({ timeout: 10_000 });
    await first.click();
    await ext.waitForSelector('[data-testid="entity-view"]');
    await ext.click('[data-testid="entity-log-action"] [data-testid="log-action"]');
    const form = ext.locator('[data-testid="entity-log-action"] [data-testid="journal-form"]');
    await form.waitFor();
    expect(await form.locator('[data-testid="journal-kind"]').inputValue()).toBe('changeMainImage');
    await ext.locator('[data-testid="entity-view"]').screenshot({ path: join(SHOTS_DIR, 'journal-entity-form.png') });
    await form.locator('[data-testid="journal-save"]').click();
    await form.waitFor({ state: 'detached', timeout: 5000 });
    await ext.waitForSelector('[data-testid="entity-log-action"] [data-testid="log-action-done"]', { timeout: 5000 });
    const journal = await readStore<{ entity: { kind: string } }>(ext, 'journal');
    expect(journal.filter((e) => e.entity.kind === 'item')).toHaveLength(2);
  });

  it('English: the journal and the report follow the language setting', async () => {
    await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html?view=journal`);
    await ext.waitForSelector('[data-testid="journal-entry"]', { timeout: 10_000 });
    await ext.click('header.app button:has-text("English")');
    await ext.waitForSelector('[data-testid="journal-add"]:has-text("Log an action")', { timeout: 5000 });
    await ext.screenshot({ path: join(SHOTS_DIR, 'journal-panel-en.png'), fullPage: true });
    await ext.click('[data-work-tab="report"]');
    await ext.fill('[data-testid="report-date"]', D);
    await ext.waitForFunction(() => document.querySelector('.report-title')?.textContent?.startsWith('Daily report'), undefined, { timeout: 10_000 });
    await ext.screenshot({ path: join(SHOTS_DIR, 'report-daily-en.png'), fullPage: true });
    expect(extErrors).toEqual([]);
  });
});
