/**
 * 数据与协作 as an operator walks through it: every tab (导出, 导入, 日报/周报, 操作日志, 任务) in
 * every state (empty before anything is captured, in progress, done, refused), the finding-card
 * buttons (记录操作, 转为任务), the popup 导出 button and the options page's 群机器人推送, at the
 * side panel's widths (400 and 360 px) in Chinese and in English.
 *
 * Each screen is screenshotted (E2E_SHOTS, `work-*.png`) and audited: no horizontal overflow
 * (document.scrollingElement.scrollWidth ≤ innerWidth), no control whose text is clipped, no
 * English word of the UI leaking into the Chinese screens (file types and console names allowed),
 * no Chinese UI left in the English screens (the consoles' own names allowed), and the numbers
 * shown agree with the database.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, pickDate, readStore, SHOTS_DIR, settle, startAll } from './harness';

const A = '106033221';
const D = '2026-11-22';
const q = (d: string) => `dateType=day&dateRange=${d}%7C${d}`;
const FIX = resolve(__dirname, '../fixtures/imports');
const TABS = ['export', 'import', 'report', 'journal', 'tasks'] as const;

/** Latin words an operator does say (file types, console terms, units, severity codes). */
const LATIN_OK = new Set(
  (
    'CSV Excel JSON XLSX xlsx xls csv zip json SKU ID HTML html Markdown PDF KB MB GB P0 P1 P2 P3 PC ROI UV PV TSV WPS ' +
    'UTC SEC access_token key https oapi dingtalk com open feishu cn apis bot hook qyapi weixin qq cgi bin webhook send robot ' +
    'Webhook vs ok OK UTF BOM English'
  ).split(' '),
);
/** Chinese an English operator still sees: the consoles' and platforms' own names. */
const CJK_OK = [
  '中文',
  '运营雷达',
  '生意参谋',
  '千牛',
  '万相台',
  '直通车',
  '引力魔方',
  '钉钉',
  '飞书',
  '企业微信',
  '诊断',
  '加签',
  '商品排行',
  '宏观监控',
  '店铺来源',
  '首页',
  '流量',
  '竞争',
  '到手价',
];

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;
const extErrors: string[] = [];
const problems: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'opsradar-walk-'));
/** Entity and shop names from the console: data, not UI words. */
let dataNames: string[] = [];

type FactRow = { shopId: string; entityKind: string; entityName?: string; grain: string; date: string; values: Record<string, number> };
/** The stored facts as Facts (rows kept in a compact storage form are decoded the way the extension does). */
async function readFacts(p: Page): Promise<FactRow[]> {
  const rows = await readStore<Record<string, unknown>>(p, 'facts');
  const codec = await import('../../lib/db/fact-codec').catch(() => null);
  return rows.map((r) => ('values' in r || !codec ? r : codec.decodeFact(r)) as unknown as FactRow);
}

async function waitIdle(p: Page, ms = 400) {
  await p.waitForTimeout(ms);
}

/** Screenshot and audit one screen. */
async function audit(p: Page, name: string, lang: 'zh' | 'en' = 'zh', scope = 'main', taps = true) {
  await p.screenshot({ path: join(SHOTS_DIR, `work-${name}.png`), fullPage: true });
  const r = await p.evaluate(
    ({ names, scope }) => {
      const root = document.querySelector(scope) ?? document.body;
      const se = document.scrollingElement as HTMLElement;
      const overflow = se.scrollWidth > innerWidth ? [`page ${se.scrollWidth} > ${innerWidth}`] : [];
      // Elements sticking out to the right of the viewport (overflow hidden by a parent would not show).
      for (const el of document.querySelectorAll('main *, header *')) {
        const b = el.getBoundingClientRect();
        if (b.width > 0 && b.right > innerWidth + 0.5 && getComputedStyle(el).position !== 'fixed') {
          const parentClips = (() => {
            for (let a = el.parentElement; a; a = a.parentElement) {
              const s = getComputedStyle(a);
              if (s.overflowX !== 'visible') return a.getBoundingClientRect().right <= innerWidth + 0.5;
            }
            return false;
          })();
          if (!parentClips) overflow.push(`${el.tagName.toLowerCase()}.${(el as HTMLElement).className} right=${Math.round(b.right)}`);
        }
      }
      // Buttons / labels whose text does not fit (clipped, not wrapped).
      const clipped: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('button, label.file-button, .tag, [data-work-tab]')) {
        if (el.offsetParent === null) continue;
        if (el.closest('.tabs')) continue; // the tab strip scrolls sideways by design
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') clipped.push((el.textContent ?? '').trim());
      }
      // Small tap targets (WCAG 2.5.8: 24 × 24 CSS px), links inside text excepted.
      const small: string[] = [];
      for (const el of root.querySelectorAll<HTMLElement>('button:not(.link), label.file-button, select, input[type="checkbox"]')) {
        if (el.offsetParent === null) continue;
        const b = el.getBoundingClientRect();
        if (b.height < 24 - 0.5 || (el.tagName !== 'INPUT' && b.width < 24)) small.push(`${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim()} ${Math.round(b.width)}×${Math.round(b.height)}`);
      }
      // Visible UI text: text nodes, placeholders, titles, aria-labels, selected options.
      const texts: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('script,style,code,option') || el.offsetParent === null) continue;
        // The refusal's precise reason names the file's own field and value (lib/export/backup.ts): checked by its unit tests.
        if (el.closest('[data-testid="backup-reason"]')) continue;
        texts.push(n.textContent ?? '');
      }
      for (const el of root.querySelectorAll<HTMLElement>('[placeholder],[title],[aria-label]')) {
        if (el.offsetParent === null && el.tagName !== 'INPUT') continue;
        for (const a of ['placeholder', 'title', 'aria-label']) {
          const v = el.getAttribute(a);
          if (v) texts.push(v);
        }
      }
      for (const s of root.querySelectorAll('select')) for (const o of s.options) texts.push(o.textContent ?? '');
      let all = texts.join('\n');
      for (const nm of names) if (nm) all = all.split(nm).join(' ');
      return { overflow, clipped, small, all };
    },
    { names: dataNames, scope },
  );
  const text = r.all.replace(/[\w.-]+\.(xlsx?|csv|zip|json|html)\b/gi, ' ').replace(/https?:\/\/\S+/g, ' ');
  let leaks: string[];
  if (lang === 'zh') leaks = [...new Set(text.match(/[A-Za-z][A-Za-z_]{2,}/g) ?? [])].filter((w) => !LATIN_OK.has(w));
  else {
    let t = text;
    for (const w of CJK_OK) t = t.split(w).join(' ');
    leaks = [...new Set(t.match(/[\u4e00-\u9fff][\u4e00-\u9fff\w]*/g) ?? [])].filter((w) => !dataNames.some((nm) => nm.includes(w)));
  }
  for (const o of r.overflow) problems.push(`${name}: overflow ${o}`);
  for (const c of r.clipped) problems.push(`${name}: clipped "${c}"`);
  if (taps) for (const s of r.small) problems.push(`${name}: small tap target ${s}`);
  for (const l of leaks) problems.push(`${name}: ${lang === 'zh' ? 'English' : 'Chinese'} leak "${l}"`);
}

async function openWork(tab: (typeof TABS)[number], width = 400) {
  await ext.setViewportSize({ width, height: 800 });
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html?view=${tab}`);
  await ext.waitForSelector(`[data-testid="work-${tab}"]`, { timeout: 20_000 });
  await waitIdle(ext, 600);
}

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  browser = await launch(sandbox);
  await browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  page = await browser.ctx.newPage();
  ext = await browser.ctx.newPage();
  await ext.addInitScript({ content: 'globalThis.__name=(f)=>f;' });
  ext.on('pageerror', (e) => extErrors.push(String(e)));
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  writeFileSync(join(SHOTS_DIR, 'work-problems.txt'), problems.join('\n'));
  await browser?.close();
  await sandbox?.close();
});

describe('数据与协作 walkthrough', () => {
  it('empty: every tab before anything is captured says what to do', async () => {
    for (const tab of TABS) {
      await openWork(tab);
      await audit(ext, `empty-${tab}`);
    }
    await openWork('export');
    expect(await ext.locator('[data-testid="export-empty"]').textContent()).toContain('生意参谋');
    expect(await ext.locator('[data-testid="export-run"]').isDisabled()).toBe(true);
    await openWork('import');
    expect(await ext.locator('[data-testid="import-no-shop"]').textContent()).toContain('生意参谋');
    await openWork('tasks');
    expect(await ext.locator('[data-testid="tasks-panel"]').textContent()).toContain('生意参谋');
  });

  it('captures shop A over several dates', async () => {
    await openHome(page, '2026-10-08');
    for (const d of ['2026-11-08', '2026-11-14', '2026-11-15', '2026-11-21', D]) await pickDate(page, d);
    for (const url of [
      `https://sycm.taobao.com/cc/item_rank?${q('2026-11-21')}`,
      `https://sycm.taobao.com/cc/item_rank?${q(D)}`,
      `https://sycm.taobao.com/flow/monitor/shopsource?belong=all&${q(D)}&device=2`,
      `https://sycm.taobao.com/qos/service/frame/customer/performance/new?${q(D)}`,
      `https://one.alimama.com/index.html#!/report/account?rptType=account&startTime=${D}&effectEqual=15`,
    ]) {
      await page.goto(url);
      await page.waitForSelector('body[data-rendered], body[data-rendered-date], body[data-render-state="done"]', { timeout: 15_000 }).catch(() => {});
      await page.waitForTimeout(700);
    }
    await settle(ext, 'captures', 1000, 30_000);
    for (let i = 0; i < 40 && (await readStore(ext, 'findings')).length === 0; i++) await ext.waitForTimeout(250);
    const facts = await readFacts(ext);
    expect(facts.length).toBeGreaterThan(50);
    const shops = await readStore<{ title: string }>(ext, 'shops');
    dataNames = [...new Set([...facts.map((f) => f.entityName ?? ''), ...shops.map((s) => s.title)])].filter(Boolean).sort((a, b) => b.length - a.length);
  });

  it('导出: form, count agrees with the database, done; start after end refused', async () => {
    for (const width of [400, 360]) {
      await openWork('export', width);
      await ext.click('[data-testid="export-all-dates"]');
      await ext.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="export-count"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
      const facts = await readFacts(ext);
      const shown = (await ext.locator('[data-testid="export-count"]').textContent()) ?? '';
      expect(Number(/([\d,]+)/.exec(shown)?.[1]?.replace(/,/g, ''))).toBe(facts.filter((f) => f.shopId === A).length);
      await audit(ext, `export-${width}`);
    }
    const [dl] = await Promise.all([ext.waitForEvent('download'), ext.click('[data-testid="export-run"]')]);
    expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);
    await ext.waitForSelector('[data-testid="export-done"]');
    await audit(ext, 'export-done');
    await ext.click('[data-format="wide"]');
    await audit(ext, 'export-wide');
    await ext.click('[data-format="backup"]');
    // The filters do not apply to a backup: they are not shown; the earlier result keeps its own words.
    expect(await ext.locator('#export-shop').count()).toBe(0);
    expect(await ext.locator('[data-testid="export-done"]').textContent()).toMatch(/已导出 [\d,]+ 行.*全部日期_宽表\.xlsx$/);
    await audit(ext, 'export-backup');
    await ext.click('[data-format="long"]');
    await ext.fill('#export-from', '2026-11-22');
    await ext.fill('[aria-label="结束日期"]', '2026-11-01');
    await audit(ext, 'export-bad-range');
    expect(await ext.locator('[data-testid="export-run"]').isDisabled()).toBe(true);
  });

  it('导入: bad backup refused, console report previewed, bad report refused', async () => {
    for (const width of [400, 360]) {
      await openWork('import', width);
      await audit(ext, `import-${width}`);
    }
    const bad = join(tmp, 'not-a-backup.json');
    writeFileSync(bad, '{"format":"something-else"}');
    await ext.setInputFiles('[data-testid="backup-file"]', bad);
    await ext.waitForSelector('[data-testid="backup-error"]');
    await audit(ext, 'import-backup-error', 'zh');
    await ext.setInputFiles('[data-testid="import-input"]', [join(FIX, 'sycm-item-rank.xls'), join(FIX, 'bad-empty.csv'), join(FIX, 'bad-mojibake.csv')]);
    await ext.waitForSelector('[data-testid="import-plan"][data-ok="true"]', { timeout: 15_000 });
    await waitIdle(ext);
    await audit(ext, 'import-preview');
    await ext.click('[data-testid="import-cancel"]');
  });

  it('日报/周报: daily, weekly and a day without data', async () => {
    for (const width of [400, 360]) {
      await openWork('report', width);
      await ext.fill('[data-testid="report-date"]', D);
      await ext.waitForFunction((d) => document.querySelector('.report-title')?.textContent?.includes(d), D, { timeout: 10_000 });
      await waitIdle(ext);
      await audit(ext, `report-daily-${width}`);
    }
    // The shown 支付金额 agrees with the stored shop fact of that day.
    const facts = await readFacts(ext);
    const day = facts.find((f) => f.shopId === A && f.entityKind === 'shop' && f.grain === 'day' && f.date === D && f.values.payAmt !== undefined);
    expect(day).toBeDefined();
    const payRow = (await ext.locator('[data-testid="report-numbers"] tr[data-metric="payAmt"] td').allTextContents())[1] ?? '';
    const pay = day?.values.payAmt ?? 0;
    const expected = pay >= 10_000 ? `¥${(pay / 10_000).toFixed(2)}万` : `¥${pay.toFixed(2)}`;
    expect(payRow.replace(/\.?0+万$/, '万')).toBe(expected.replace(/\.?0+万$/, '万'));
    await ext.click('[data-report-kind="weekly"]');
    await ext.waitForFunction(() => document.querySelector('.report-title')?.textContent?.includes('周报'), undefined, { timeout: 10_000 });
    await waitIdle(ext);
    await audit(ext, 'report-weekly');
    await ext.click('[data-report-kind="daily"]');
    await ext.fill('[data-testid="report-date"]', '2025-03-01');
    await ext.waitForFunction(() => document.querySelector('.report-title')?.textContent?.includes('2025-03-01') || document.querySelector('[data-testid="report-error"]'), undefined, { timeout: 10_000 });
    await waitIdle(ext);
    expect(await ext.locator('[data-testid="report-no-numbers"]').textContent()).toContain('生意参谋');
    await audit(ext, 'report-nodata');
  });

  it('finding cards: 记录操作 and 转为任务 forms', async () => {
    await ext.setViewportSize({ width: 400, height: 800 });
    await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
    await ext.waitForSelector('[data-testid="health-grid"]', { timeout: 20_000 });
    let found = false;
    for (const tab of ['DA', 'SEL', 'ADS', 'CS', 'SC', 'TEAM', 'ACT', 'CNT']) {
      await ext.click(`[data-tab="${tab}"]`);
      await ext.waitForSelector(`[data-testid="panel-${tab}"]`);
      await waitIdle(ext);
      if (await ext.locator('article.finding [data-testid="make-task"]').count()) {
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
    const rule = await ext.locator('article.finding', { has: ext.locator('[data-testid="make-task"]') }).first().getAttribute('data-rule');
    const card = ext.locator(`article.finding[data-rule="${rule}"]`).first();
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(SHOTS_DIR, 'work-card.png') });
    await card.locator('[data-testid="make-task"]').click();
    await card.locator('[data-testid="make-task-form"]').waitFor();
    await card.locator('[data-testid="task-owner"]').fill('小王');
    await card.screenshot({ path: join(SHOTS_DIR, 'work-card-task-form.png') });
    await audit(ext, 'finding-task-form', 'zh', `article.finding[data-rule="${rule}"]`);
    await card.locator('[data-testid="task-save"]').click();
    await card.locator('[data-testid="task-made"]').waitFor();
    await card.locator('[data-testid="log-action"]').click();
    await card.locator('[data-testid="log-action-form"]').waitFor();
    await card.screenshot({ path: join(SHOTS_DIR, 'work-card-log-form.png') });
    await audit(ext, 'finding-log-form', 'zh', `article.finding[data-rule="${rule}"]`);
    await card.locator('[data-testid="journal-save"]').click();
    await card.locator('[data-testid="log-action-done"]').waitFor();
    await card.screenshot({ path: join(SHOTS_DIR, 'work-card-done.png') });
    await ext.setViewportSize({ width: 360, height: 800 });
    await audit(ext, 'finding-done-360', 'zh', `article.finding[data-rule="${rule}"]`);
  });

  it('操作日志 and 任务 with entries', async () => {
    for (const width of [400, 360]) {
      await openWork('journal', width);
      await ext.waitForSelector('[data-testid="journal-entry"]', { timeout: 10_000 });
      await audit(ext, `journal-${width}`);
    }
    await ext.click('[data-testid="journal-add"]');
    await ext.selectOption('[data-testid="journal-entity-kind"]', 'item');
    await ext.click('[data-testid="journal-save"]');
    await ext.waitForSelector('[data-testid="journal-error"]');
    await audit(ext, 'journal-form-error');
    const tasks = await readStore<{ owner: string; title: string }>(ext, 'tasks');
    expect(tasks.map((t) => t.owner)).toEqual(['小王']);
    // Task titles and owners are the operator's words, frozen in the language they were made in.
    dataNames = [...dataNames, ...tasks.flatMap((t) => [t.title, t.owner])];
    for (const width of [400, 360]) {
      await openWork('tasks', width);
      await ext.waitForSelector('[data-testid="task-row"]');
      expect(await ext.locator('[data-testid="task-row"]').count()).toBe(tasks.length);
      await audit(ext, `tasks-${width}`);
    }
    const bad = join(tmp, 'tasks-bad.json');
    writeFileSync(bad, 'not json at all');
    await ext.setInputFiles('[data-testid="task-import-file"]', bad);
    await ext.waitForSelector('[data-testid="task-import-error"]');
    await audit(ext, 'tasks-import-error');
  });

  it('English: every tab', async () => {
    await openWork('export');
    await ext.click('header.app button:has-text("English")');
    await ext.waitForSelector('[data-work-tab="export"]:has-text("Export")');
    for (const tab of TABS) {
      await ext.click(`[data-work-tab="${tab}"]`);
      await waitIdle(ext, 800);
      if (tab === 'report') {
        await ext.fill('[data-testid="report-date"]', D);
        await ext.waitForFunction(() => document.querySelector('.report-title')?.textContent?.startsWith('Daily'), undefined, { timeout: 10_000 });
      }
      await audit(ext, `en-${tab}`, 'en');
    }
    await ext.click('[data-work-tab="import"]');
    const bad = join(tmp, 'not-a-backup-en.json');
    writeFileSync(bad, '{"format":"something-else"}');
    await ext.setInputFiles('[data-testid="backup-file"]', bad);
    await ext.waitForSelector('[data-testid="backup-error"]');
    await audit(ext, 'en-import-error', 'en');
    await ext.click('header.app button:has-text("中文")');
    await ext.waitForSelector('[data-work-tab="export"]:has-text("导出")');
  });

  it('popup and the options 群机器人推送 section', async () => {
    const popup = await browser.ctx.newPage();
    await popup.setViewportSize({ width: 380, height: 700 });
    await popup.goto(`chrome-extension://${browser.extId}/popup.html`);
    await popup.waitForSelector('[data-testid="popup-export"]');
    await waitIdle(popup, 800);
    await audit(popup, 'popup', 'zh', 'body', false);
    await popup.close();
    const opts = await browser.ctx.newPage();
    await opts.addInitScript({ content: 'globalThis.__name=(f)=>f;' });
    for (const width of [1000, 400]) {
      await opts.setViewportSize({ width, height: 900 });
      await opts.goto(`chrome-extension://${browser.extId}/options.html#webhooks`);
      await opts.waitForSelector('[data-testid="wh-dingtalk"]');
      await opts.locator('#webhooks').scrollIntoViewIfNeeded();
      await opts.locator('#webhooks').screenshot({ path: join(SHOTS_DIR, `work-webhooks-${width}.png`) });
    }
    await opts.fill('[data-testid="wh-dingtalk-url"]', 'https://example.com/robot');
    await opts.click('[data-testid="wh-dingtalk-save"]');
    await opts.waitForSelector('[data-testid="wh-dingtalk-error"]');
    await opts.click('[data-testid="wh-feishu-test"]');
    await opts.waitForSelector('[data-testid="wh-feishu-error"]');
    await opts.locator('#webhooks').screenshot({ path: join(SHOTS_DIR, 'work-webhooks-errors.png') });
    await audit(opts, 'options-400', 'zh', '#webhooks', false);
    await opts.close();
  });

  it('no screen overflowed, clipped text or leaked the other language; no page error', () => {
    expect(problems).toEqual([]);
    expect(extErrors).toEqual([]);
  });
});
