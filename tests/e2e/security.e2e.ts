/**
 * Security checks on the built extension (issue #7), after the build:
 * - the chrome-mv3 and firefox-mv3 manifests against the allowlist of tests/security/build-checks.ts;
 * - every built .js / .html scanned for eval, Function, string timers and remote scripts;
 * - hostile strings captured from pages (item titles, keyword texts, finding texts built from them)
 *   render inert on the console page's annotations, in the side panel and in the popup: no element
 *   injected, no handler run, the text shown literally. The console tab's refresh is sent by the
 *   background service worker itself (the sender policy lets it through).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_TITLE } from '../sandbox/generator/items.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { manifestProblems, scanBuild } from '../security/build-checks';
import { type Browser, EXTENSION_DIR, launch, openHome, readStore, SHOTS_DIR, settle, startAll } from './harness';

const A = '106033221';
const D = '2026-11-20';
const TODAY = '2026-11-25';
const HOST = 'opsradar-note';
/** Runs in the page's main world if it is ever parsed as HTML. */
const XSS = '<img src=x onerror="window.__xss=1">';

const BUILDS = [
  { browser: 'chrome' as const, dir: EXTENSION_DIR },
  { browser: 'firefox' as const, dir: join(dirname(EXTENSION_DIR), 'firefox-mv3') },
];

describe('the build', () => {
  for (const { browser, dir } of BUILDS) {
    it(`${browser}: manifest permissions, hosts, content script matches and exposed files are on the allowlist`, () => {
      const file = join(dir, 'manifest.json');
      expect(existsSync(file), `${file} missing: run \`npm run build:all\` (or WXT_OUT_DIR=… npx wxt build [-b firefox])`).toBe(true);
      const m = JSON.parse(readFileSync(file, 'utf8'));
      expect(manifestProblems(m, browser)).toEqual([]);
      // What the operator is asked for at install: the console hosts only.
      expect(m.host_permissions.every((h: string) => /^https:\/\/[a-z0-9.-]+\.(taobao|alimama)\.com\/\*$/.test(h))).toBe(true);
      expect(m.optional_host_permissions ?? []).not.toContain('<all_urls>');
    });

    it(`${browser}: no eval, Function, string timers or remote scripts in the bundle`, () => {
      const { files, hits } = scanBuild(dir);
      expect(files).toBeGreaterThanOrEqual(5);
      expect(hits).toEqual([]);
    });
  }
});

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  sandbox = await startAll(TODAY);
  browser = await launch(sandbox);
  page = await browser.ctx.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  ext = await browser.ctx.newPage();
  ext.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function put(store: string, rows: unknown[]): Promise<void> {
  await ext.evaluate(
    ({ store, rows }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('opsradar');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(store, 'readwrite');
          for (const r of rows) tx.objectStore(store).put(r);
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, rows },
  );
}

const injected = (p: Page) =>
  p.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss,
    imgs: document.querySelectorAll('img[src="x"]').length,
  }));

describe('hostile strings stay text', () => {
  let xssItem = '';

  it('on the console page: the hostile row keeps its title as text; its annotation too', async () => {
    // 首页 first: it names the shop and brings the shop days the side panel needs.
    await openHome(page, D);
    await page.goto(`https://sycm.taobao.com/cc/item_rank?dateType=day&dateRange=${D}%7C${D}`);
    for (let p = 1; p <= 4; p++) {
      await page.waitForSelector(`body[data-rendered="day|${D}|${p}|payAmt|desc"]`, { timeout: 30_000 });
      if ((await page.locator('tr[data-item-id]', { hasText: XSS_TITLE }).count()) > 0) break;
      await page.click('#next-page');
    }
    const row = page.locator('tr[data-item-id]', { hasText: XSS_TITLE });
    await expect.poll(() => row.count()).toBe(1);
    xssItem = (await row.getAttribute('data-item-id')) ?? '';
    await settle(ext);
    const facts = await readStore<{ entityId: string; entityName?: string }>(ext, 'facts');
    expect(facts.find((f) => f.entityId === xssItem)?.entityName).toBe(XSS_TITLE);

    // A finding about it whose texts carry HTML, and an ad keyword with a hostile text.
    const now = Date.now();
    await put('findings', [
      {
        id: `sel-01-potential-item|${A}|item|${xssItem}`,
        ruleId: 'sel-01-potential-item',
        shopId: A,
        area: 'SEL',
        status: 'fired',
        severity: 'P0',
        entity: { kind: 'item', id: xssItem, name: XSS_TITLE },
        period: { from: D, to: D },
        title: { zh: `潜力款 ${XSS}${XSS_TITLE}`, en: `Potential ${XSS}` },
        detail: { zh: `细节 ${XSS}`, en: `detail ${XSS}` },
        suggestion: { zh: `建议 ${XSS}`, en: `do ${XSS}` },
        evidence: [],
        thresholds: {},
        thresholdsAreDefaults: true,
        fingerprint: 'xss',
        firstSeenAt: now,
        updatedAt: now,
      },
    ]);
    await put('facts', [
      {
        id: `${A}|keyword|990001|day|${D}|attr=15`,
        shopId: A,
        entityKind: 'keyword',
        entityId: '990001',
        entityName: `${XSS}关键词`,
        grain: 'day',
        date: D,
        dims: { attr: '15' },
        values: { adSpend: 120, adClicks: 40, adImpressions: 2000 },
        source: { adapter: 'wanxiang', route: 'bidword' },
        capturedAt: now,
        updatedAt: now,
      },
    ]);
    // The background service worker tells the console tab (as it does after a rules run).
    await browser.sw?.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, m: object): Promise<unknown> } } })
        .chrome;
      for (const t of await c.tabs.query({ url: 'https://sycm.taobao.com/*' }))
        await c.tabs.sendMessage(t.id, { id: 1, type: 'findingsChanged', data: { shopId: '106033221' }, timestamp: Date.now() }).catch(() => {});
    });
    const badge = page.locator(`tr[data-item-id="${xssItem}"] ${HOST} [data-badge="potential"]`);
    await badge.waitFor({ timeout: 20_000 });
    expect(await badge.getAttribute('title')).toContain(XSS);
    await page.hover(`tr[data-item-id="${xssItem}"] ${HOST} [data-part="history"]`).catch(() => {});
    expect(await page.locator(`${HOST} img`).count()).toBe(0);
    expect(await injected(page)).toEqual({ xss: undefined, imgs: 0 });
    await expect.poll(() => row.locator('a').first().textContent()).toBe(XSS_TITLE);
    await page.screenshot({ path: join(SHOTS_DIR, 'security-console.png') });
  });

  it('in the side panel: overview and 选品 show the strings literally, nothing injected', async () => {
    await ext.setViewportSize({ width: 400, height: 900 });
    await ext.reload();
    await ext.waitForSelector('[data-tab="SEL"]', { timeout: 20_000 });
    await expect.poll(async () => (await ext.locator('main').textContent()) ?? '', { timeout: 20_000 }).toContain(XSS);
    for (const tab of ['SEL', 'ADS']) {
      await ext.click(`[data-tab="${tab}"]`);
      await ext.waitForSelector(`[data-testid="panel-${tab}"]`);
      await ext.waitForTimeout(400);
      expect(await injected(ext)).toEqual({ xss: undefined, imgs: 0 });
    }
    await ext.click('[data-tab="SEL"]');
    await expect.poll(async () => (await ext.locator('main').textContent()) ?? '', { timeout: 10_000 }).toContain(XSS);
    await ext.screenshot({ path: join(SHOTS_DIR, 'security-sidepanel.png'), fullPage: true });
    expect(await injected(ext)).toEqual({ xss: undefined, imgs: 0 });
  });

  it('in the popup: the top finding shows its title literally, nothing injected', async () => {
    const popup = await browser.ctx.newPage();
    popup.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await popup.setViewportSize({ width: 380, height: 700 });
    await popup.goto(`chrome-extension://${browser.extId}/popup.html`);
    await expect.poll(async () => (await popup.locator('body').textContent()) ?? '', { timeout: 20_000 }).toContain(XSS);
    expect(await injected(popup)).toEqual({ xss: undefined, imgs: 0 });
    await popup.screenshot({ path: join(SHOTS_DIR, 'security-popup.png'), fullPage: true });
    await popup.close();
  });

  it('no dialog opened anywhere (the sandbox title carries alert(1))', () => {
    expect(dialogs).toEqual([]);
  });
});
