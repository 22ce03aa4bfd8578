/**
 * Export and backup end to end (issue #6): browse the sandbox consoles → side panel 导出 → the
 * XLSX download converts with LibreOffice headless and every stored value is in it; the long CSV
 * has one row per value; the JSON backup restores into a FRESH browser profile with the same
 * facts (ids and values), twice without change, and a damaged backup is refused with nothing
 * written. Also: the popup's 导出 button points the side panel at the export view, and 复制 on a
 * drill-down table puts TSV on the clipboard.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAIN_LABELS, metricLabel } from '../../lib/export/labels';
import { formatCount } from '../../lib/format';
import type { Fact } from '../../lib/schema/fact';
import type { Sandbox } from '../sandbox/server.ts';
import { parseCsv } from '../export/helpers';
import { type Browser, launch, openHome, pickDate, readStore, SHOTS_DIR, settle, startAll } from './harness';

const D = '2026-11-20';
const q = (d: string) => `dateType=day&dateRange=${d}%7C${d}`;
const PAGES = [
  `https://sycm.taobao.com/cc/item_rank?${q(D)}`,
  `https://sycm.taobao.com/flow/monitor/shopsource?belong=all&${q(D)}&device=2`,
  `https://one.alimama.com/index.html#!/report/account?rptType=account&startTime=${D}&effectEqual=15`,
  `https://sycm.taobao.com/mc/ci/shop/monitor?${q(D)}&cateId=50008163`,
];

/** The few chrome.* calls made inside the service worker. */
type ChromeLike = {
  chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> }; sidePanel: { getOptions(q: object): Promise<{ path?: string }> } };
};

let sandbox: Sandbox;
let browser: Browser;
let fresh: Browser | null = null;
let page: Page;
let ext: Page;
const work = mkdtempSync(join(tmpdir(), 'opsradar-export-'));
let backupPath = '';

/** Click 导出 and save what the page downloads. */
async function download(p: Page, name: string): Promise<string> {
  const [dl] = await Promise.all([p.waitForEvent('download', { timeout: 60_000 }), p.click('[data-testid="export-run"]')]);
  const file = join(work, name);
  await dl.saveAs(file);
  await p.waitForSelector('[data-testid="export-done"]', { timeout: 30_000 });
  return file;
}

/** A LibreOffice CSV cell back to a number: "3.21%" → 0.0321, "1234.5" → 1234.5. */
function num(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const pct = s.endsWith('%');
  const n = Number(s.replace(/[%,]/g, ''));
  if (!Number.isFinite(n)) return null;
  return pct ? n / 100 : n;
}

function close(a: number | null, b: number): boolean {
  return a !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  browser = await launch(sandbox);
  page = await browser.ctx.newPage();
  await page.addInitScript({ content: 'globalThis.__name=(f)=>f;' });
  ext = await browser.ctx.newPage();
  await ext.addInitScript({ content: 'globalThis.__name=(f)=>f;' });
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  await fresh?.close();
  await browser?.close();
  await sandbox?.close();
});

describe('export from the side panel', () => {
  it('captures a few console pages', async () => {
    await openHome(page, '2026-10-08');
    for (const d of ['2026-11-13', D]) await pickDate(page, d);
    for (const url of PAGES) {
      await page.goto(url);
      await page.waitForSelector('body[data-rendered], body[data-rendered-date], body[data-render-state="done"]', { timeout: 15_000 }).catch(() => {});
      await page.waitForTimeout(700);
    }
    const n = await settle(ext, 'facts', 1000, 30_000);
    expect(n).toBeGreaterThan(100);
  });

  it('XLSX: LibreOffice reads every sheet and every stored value is in it', async () => {
    await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html?view=export`);
    await ext.setViewportSize({ width: 400, height: 900 });
    await ext.waitForSelector('[data-testid="export-panel"]');
    await ext.selectOption('#export-shop', '');
    await ext.click('[data-testid="export-all-dates"]');
    await ext.click('[data-format="xlsx"]');
    await ext.waitForFunction(() => /[1-9]/.test(document.querySelector('[data-testid="export-count"]')?.textContent ?? ''));
    await ext.screenshot({ path: join(SHOTS_DIR, 'export-panel.png'), fullPage: true });
    const file = await download(ext, 'export.xlsx');
    await ext.screenshot({ path: join(SHOTS_DIR, 'export-done.png'), fullPage: true });
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    const out = join(work, 'csv');
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        out,
        file,
      ],
      { timeout: 120_000, stdio: 'pipe' },
    );
    const sheets = new Map(
      readdirSync(out).map((f) => [f.replace(/^export-|\.csv$/g, ''), parseCsv(readFileSync(join(out, f), 'utf8').replace(/\r?\n/g, '\r\n'))]),
    );
    expect([...sheets.keys()]).toContain('店铺');
    expect([...sheets.keys()]).toContain('诊断');

    const facts = await readStore<Fact>(ext, 'facts');
    const shops = await readStore<{ id: string; title: string }>(ext, 'shops');
    const KIND_SHEET: Record<string, string> = {
      shop: '店铺',
      item: '商品',
      source: '流量来源',
      keyword: '关键词',
      campaign: '计划',
      rivalShop: '竞店',
      peer: '同行',
    };
    let checked = 0;
    for (const kind of new Set(facts.map((f) => f.entityKind))) {
      const name = KIND_SHEET[kind];
      if (!name) continue;
      const rows = sheets.get(name);
      expect(rows, `sheet ${name}`).toBeDefined();
      if (!rows) continue;
      const [header, ...body] = rows as [string[], ...string[][]];
      const ofKind = facts.filter((f) => f.entityKind === kind);
      expect(body.filter((r) => r.length > 1)).toHaveLength(ofKind.length);
      const index = new Map<string, string[][]>();
      for (const r of body) {
        const k = `${r[3]}|${r[1]}|${r[2]}`;
        index.set(k, [...(index.get(k) ?? []), r]);
      }
      for (const f of ofKind) {
        const candidates = index.get(`${f.entityId}|${f.date}|${GRAIN_LABELS[f.grain].zh}`) ?? [];
        const match = candidates.some((r) =>
          Object.entries(f.values).every(([m, v]) => header.some((h, i) => h === metricLabel(m, 'zh') && close(num(r[i]), v))),
        );
        expect(match, `${f.id} in sheet ${name}`).toBe(true);
        expect(candidates[0]?.[0]).toBe(shops.find((s) => s.id === f.shopId)?.title);
        checked += Object.keys(f.values).length;
      }
    }
    expect(checked).toBeGreaterThan(500);
    const fired = (await readStore<{ status: string }>(ext, 'findings')).filter((f) => f.status === 'fired');
    const diag = sheets.get('诊断') ?? [];
    expect(diag[0]).toEqual(['店铺', '严重度', '领域', '标题', '对象', '周期', '证据', '建议']);
    expect(diag.slice(1).filter((r) => r.length > 1)).toHaveLength(fired.length);
  });

  it('long CSV: BOM and one row per stored value', async () => {
    await ext.click('[data-format="long"]');
    const file = await download(ext, 'long.csv');
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    const facts = await readStore<Fact>(ext, 'facts');
    const values = facts.reduce((n, f) => n + Object.keys(f.values).length + 2 * Object.keys(f.ranges ?? {}).length, 0);
    expect(rows.length - 1).toBe(values);
    expect(rows[0]?.[0]).toBe('shop_id');
  });

  it('JSON backup restores into a fresh profile with the same facts; twice changes nothing; a damaged file changes nothing', async () => {
    await ext.click('[data-format="backup"]');
    backupPath = await download(ext, 'backup.json');
    const original = await readStore<Fact>(ext, 'facts');
    const backup = JSON.parse(readFileSync(backupPath, 'utf8'));
    expect(backup.format).toBe('opsradar-backup');
    expect(backup.facts).toHaveLength(original.length);

    fresh = await launch(sandbox);
    const p = await fresh.ctx.newPage();
    await p.addInitScript({ content: 'globalThis.__name=(f)=>f;' });
    await p.setViewportSize({ width: 400, height: 900 });
    await p.goto(`chrome-extension://${fresh.extId}/sidepanel.html?view=import`);
    expect(await readStore(p, 'facts')).toHaveLength(0);

    // A damaged file first: refused, nothing written.
    const broken = join(work, 'broken.json');
    const bad = JSON.parse(readFileSync(backupPath, 'utf8'));
    bad.facts[3].values = { payAmt: 'lots' };
    writeFileSync(broken, JSON.stringify(bad));
    await p.setInputFiles('[data-testid="backup-file"]', broken);
    await p.waitForSelector('[data-testid="backup-error"]');
    expect(await p.textContent('[data-testid="backup-error"]')).toContain('第 4 条数据记录有误');
    await p.screenshot({ path: join(SHOTS_DIR, 'export-restore-refused.png'), fullPage: true });
    expect(await readStore(p, 'facts')).toHaveLength(0);

    await p.setInputFiles('[data-testid="backup-file"]', backupPath);
    await p.waitForSelector('[data-testid="backup-preview"]');
    await p.click('[data-testid="backup-restore-run"]');
    await p.waitForSelector('[data-testid="backup-summary"]', { timeout: 60_000 });
    await p.screenshot({ path: join(SHOTS_DIR, 'export-restore-summary.png'), fullPage: true });
    const first = await p.$$eval('[data-testid="backup-summary"] tr[data-table="facts"] td', (tds) => tds.map((t) => t.textContent));
    expect(first.slice(1)).toEqual([formatCount(original.length, 'zh'), '0', '0']);

    const strip = (f: Fact) => ({ ...f, updatedAt: 0 });
    const byId = (a: Fact, b: Fact) => a.id.localeCompare(b.id);
    const restored = await readStore<Fact>(p, 'facts');
    expect(restored.map(strip).sort(byId)).toEqual(original.map(strip).sort(byId));
    const shopsA = await readStore<{ id: string; title: string }>(ext, 'shops');
    const shopsB = await readStore<{ id: string; title: string }>(p, 'shops');
    expect(shopsB.map((s) => [s.id, s.title])).toEqual(shopsA.map((s) => [s.id, s.title]));

    // Again: everything unchanged.
    await p.click('text=再恢复一个');
    await p.setInputFiles('[data-testid="backup-file"]', backupPath);
    await p.click('[data-testid="backup-restore-run"]');
    await p.waitForSelector('[data-testid="backup-summary"]');
    const cells = await p.$$eval('[data-testid="backup-summary"] tr[data-table="facts"] td', (tds) => tds.map((t) => t.textContent));
    expect(cells.slice(1, 3)).toEqual(['0', '0']);
    const again = await readStore<Fact>(p, 'facts');
    expect(again.sort(byId)).toEqual(restored.sort(byId));
  });

  it('the popup 导出 button opens the side panel on the export view', async () => {
    const tabId = await browser.sw?.evaluate(async () => (await (globalThis as unknown as ChromeLike).chrome.tabs.query({}))[0]?.id);
    const popup = await browser.ctx.newPage();
    await popup.goto(`chrome-extension://${browser.extId}/popup.html#tab=${tabId}`);
    await popup.setViewportSize({ width: 380, height: 700 });
    await popup.waitForSelector('[data-testid="popup-export"]');
    await popup.screenshot({ path: join(SHOTS_DIR, 'export-popup.png'), fullPage: true });
    await popup.click('[data-testid="popup-export"]').catch(() => {});
    await ext.waitForTimeout(500);
    const opts = await browser.sw?.evaluate(() => (globalThis as unknown as ChromeLike).chrome.sidePanel.getOptions({}));
    expect(opts?.path).toBe('sidepanel.html?view=export');
    const p2 = await browser.ctx.newPage();
    await p2.goto(`chrome-extension://${browser.extId}/popup.html#tab=${tabId}`);
    await p2.click('button.primary').catch(() => {});
    await ext.waitForTimeout(500);
    expect((await browser.sw?.evaluate(() => (globalThis as unknown as ChromeLike).chrome.sidePanel.getOptions({})))?.path).toBe('sidepanel.html');
  });

  it('复制 on a drill-down table puts TSV on the clipboard', async () => {
    await browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ext.setViewportSize({ width: 400, height: 900 });
    await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
    await ext.waitForSelector('[data-tab="SEL"]', { timeout: 20_000 });
    await ext.click('[data-tab="SEL"]');
    await ext.waitForSelector('[data-testid="drill-item"] [data-testid="copy-tsv"]', { timeout: 15_000 });
    await ext.click('[data-testid="drill-item"] [data-testid="copy-tsv"]');
    const toast = await ext.waitForSelector('[data-testid="copy-toast"]');
    const text = (await toast.textContent()) ?? '';
    expect(text).toMatch(/^已复制 \d+ 行，可粘贴到 Excel\/WPS$/);
    await ext.screenshot({ path: join(SHOTS_DIR, 'export-copy-toast.png') });
    const clip = await ext.evaluate(() => navigator.clipboard.readText());
    const lines = clip.split('\n');
    expect(lines[0]?.split('\t').slice(0, 2)).toEqual(['名称', 'ID']);
    expect(lines.length - 1).toBe(Number(/(\d+)/.exec(text)?.[1]));
  });
});
