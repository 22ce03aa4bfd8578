/**
 * Keyboard and accessibility audit (issue #5) of the side panel (overview and every area tab, at
 * side-panel width), the popup and the options page, with shop A's data captured:
 * - axe-core (WCAG 2.0/2.1 A and AA rules): no serious or critical violation (names, labels,
 *   roles, contrast — muted text included);
 * - every visible interactive element is reached by Tab, in a page that does not trap focus, and
 *   shows a visible focus indicator (outline or box-shadow) when focused from the keyboard.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, pickDate, SHOTS_DIR, settle, startAll } from './harness';

const D = '2026-11-20';
const TODAY = '2026-11-25';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;

beforeAll(async () => {
  sandbox = await startAll(TODAY);
  browser = await launch(sandbox);
  page = await browser.ctx.newPage();
  ext = await browser.ctx.newPage();
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
  // Enough data for every screen to show KPI cards, trends, findings and entity tables.
  await openHome(page, '2026-10-22');
  await pickDate(page, D);
  await page.goto(`https://sycm.taobao.com/cc/item_rank?dateType=day&dateRange=${D}%7C${D}`);
  await page.waitForSelector(`body[data-rendered="day|${D}|1|payAmt|desc"]`, { timeout: 30_000 });
  await page.goto(`https://one.alimama.com/index.html#!/report/bidword?rptType=bidword&startTime=${D}&effectEqual=15`);
  await page.waitForSelector(`body[data-rendered="bidword|${D}|${D}|15"]`, { timeout: 30_000 });
  await page.goto(`https://sycm.taobao.com/qos/service/frame/customer/performance/new?dateType=day&dateRange=${D}%7C${D}`);
  await page.waitForSelector(`body[data-rendered-date="${D}"]`, { timeout: 30_000 });
  await settle(ext);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** axe over the page; serious and critical violations, one line per node. */
async function axe(p: Page): Promise<string[]> {
  // Extension pages forbid inline scripts (CSP); DevTools evaluation is not subject to it.
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE_SOURCE);
  const violations = (await p.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe;
    const r = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 200)}`));
}

type Stop = { key: string; ring: boolean; name: string };

/**
 * Tab through the page from the top; returns each stop (a key for the element, whether a focus
 * ring shows, its accessible name as the browser computes the obvious parts) and the visible
 * interactive elements never reached.
 */
async function tabThrough(p: Page, max = 400): Promise<{ stops: Stop[]; missed: string[] }> {
  await p.evaluate(() => {
    const w = window as unknown as { __key?: (e: Element) => string };
    let n = 0;
    const keys = new WeakMap<Element, string>();
    w.__key = (e: Element) => {
      let k = keys.get(e);
      if (!k) {
        k = `${e.tagName.toLowerCase()}#${++n}:${(e.getAttribute('data-testid') ?? e.getAttribute('data-tab') ?? e.textContent ?? '').trim().slice(0, 24)}`;
        keys.set(e, k);
      }
      return k;
    };
    // Start from the top of the document (not from the element clicked last).
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.id = '__a11y-start';
    document.body.prepend(start);
    start.focus();
    window.scrollTo(0, 0);
  });
  const stops: Stop[] = [];
  const seen = new Set<string>();
  let end = 'max';
  let sameRun = 0;
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    const s = await p.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const w = window as unknown as { __key: (e: Element) => string };
      const cs = getComputedStyle(e);
      const ring = (cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow !== 'none' && cs.boxShadow !== '');
      const labelled = e.getAttribute('aria-label') ?? (e.id ? document.querySelector(`label[for="${e.id}"]`)?.textContent : null) ?? e.closest('label')?.textContent ?? '';
      const name = (labelled || e.getAttribute('title') || (e as HTMLElement).innerText || e.getAttribute('placeholder') || '').trim();
      return { key: w.__key(e), ring, name };
    });
    if (!s) {
      if (stops.length > 0) {
        end = `left the page after ${stops.at(-1)?.key}`;
        break;
      }
      continue;
    }
    // Date and time inputs take several Tabs (one per segment): same element, keep going.
    if (s.key === stops.at(-1)?.key && sameRun++ < 4) continue;
    sameRun = 0;
    if (seen.has(s.key)) {
      end = `back to ${s.key} after ${stops.at(-1)?.key}`;
      break;
    }
    seen.add(s.key);
    stops.push(s);
  }
  const missed = await p.evaluate((reached) => {
    const w = window as unknown as { __key: (e: Element) => string };
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].filter((e) => {
      const h = e as HTMLElement;
      if (h.matches(':disabled') || h.getAttribute('tabindex') === '-1' || (h as HTMLInputElement).type === 'hidden') return false;
      const r = h.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(h).visibility !== 'hidden' && !h.closest('[inert], [aria-hidden="true"]');
    });
    return all.map((e) => w.__key(e)).filter((k) => !reached.includes(k));
  }, [...seen]);
  await p.evaluate(() => document.getElementById('__a11y-start')?.remove());
  return { stops, missed: missed.length ? [...missed, `(tabbing ended: ${end})`] : missed };
}

/** Everything wrong with one screen, one line each (empty = passes). */
async function audit(p: Page, label: string): Promise<string[]> {
  const out = (await axe(p)).map((x) => `${label}: axe ${x}`);
  const { stops, missed } = await tabThrough(p);
  if (stops.length === 0) out.push(`${label}: no tab stop at all`);
  for (const m of missed) out.push(`${label}: not reachable by Tab: ${m}`);
  for (const s of stops) {
    if (!s.ring) out.push(`${label}: no visible focus ring: ${s.key}`);
    if (!s.name) out.push(`${label}: no accessible name: ${s.key}`);
  }
  return out;
}

describe('side panel', () => {
  it('overview and every area tab: axe clean, all reachable by Tab with a focus ring and a name', async () => {
    await ext.setViewportSize({ width: 400, height: 900 });
    await ext.reload();
    await ext.waitForSelector('[data-tab="OVERVIEW"][aria-selected="true"]', { timeout: 20_000 });
    await ext.waitForTimeout(1000);
    const problems = await audit(ext, 'overview');
    await ext.screenshot({ path: join(SHOTS_DIR, 'a11y-overview.png'), fullPage: true });
    for (const tab of ['SEL', 'ADS', 'ACT', 'CS', 'DA', 'CNT', 'SC', 'TEAM']) {
      await ext.click(`[data-tab="${tab}"]`);
      await ext.waitForSelector(`[data-testid="panel-${tab}"]`);
      await ext.waitForTimeout(500);
      problems.push(...(await audit(ext, tab)));
    }
    expect(problems).toEqual([]);
  });
});

describe('popup', () => {
  it('axe clean, all reachable by Tab with a focus ring and a name', async () => {
    const popup = await browser.ctx.newPage();
    await popup.setViewportSize({ width: 380, height: 700 });
    await popup.goto(`chrome-extension://${browser.extId}/popup.html`);
    await popup.waitForTimeout(1500);
    const problems = await audit(popup, 'popup');
    await popup.screenshot({ path: join(SHOTS_DIR, 'a11y-popup.png'), fullPage: true });
    await popup.close();
    expect(problems).toEqual([]);
  });
});

describe('options page', () => {
  it('axe clean, all reachable by Tab with a focus ring and a name', async () => {
    const opts = await browser.ctx.newPage();
    await opts.setViewportSize({ width: 1000, height: 900 });
    await opts.goto(`chrome-extension://${browser.extId}/options.html`);
    await opts.waitForTimeout(1500);
    const problems = await audit(opts, 'options');
    await opts.screenshot({ path: join(SHOTS_DIR, 'a11y-options.png'), fullPage: true });
    await opts.close();
    expect(problems).toEqual([]);
  });
});
