/**
 * Annotations on the console pages, end to end: the built extension in Chromium against the
 * sandbox (sycm 首页 KPI cards, 商品排行, 万相台 关键词报表, 客服 agents). Annotations appear once
 * the page's own captures are stored, re-appear after a sort and a date switch without
 * duplicates, leave the page's numbers and the table's column widths alone, and render
 * captured text as text.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemRankRows } from '../sandbox/generator/item-trade.ts';
import { extensionSession, typeDate } from './family-helpers';
import { openHome, SHOTS_DIR, settle } from './harness';

const A = '106033221';
const D = '2026-11-20';
const D2 = '2026-11-13';
const TODAY = '2026-11-25';
const HOST = 'opsradar-note';
const XSS = '<img src=x onerror="window.__pwned=1">';

const rig = extensionSession(TODAY);

const shot = (name: string) => rig.page.screenshot({ path: join(SHOTS_DIR, `annotations-${name}.png`), fullPage: false });

/** Put rows into an object store of the extension's database (from an extension page). */
async function put(store: string, rows: unknown[]): Promise<void> {
  await rig.ext.evaluate(
    ({ store, rows }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('opsradar');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(store, 'readwrite');
          for (const r of rows) tx.objectStore(store).put(r);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, rows },
  );
}

/** What the background sends after a rules run, sent from an extension page to the console tab. */
async function notifyTab(url: string): Promise<void> {
  await rig.ext.evaluate(async (u) => {
    const c = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, m: object): Promise<unknown> } } }
    ).chrome;
    const tabs = await c.tabs.query({ url: u });
    for (const t of tabs)
      await c.tabs
        .sendMessage(t.id, { id: Math.floor(Math.random() * 1e9), type: 'findingsChanged', data: { shopId: '106033221' }, timestamp: Date.now() })
        .catch(() => {});
  }, url);
}

async function hostsPerAnchor(selector: string): Promise<number[]> {
  return rig.page.locator(selector).evaluateAll((els, tag) => els.map((e) => e.querySelectorAll(tag).length), HOST);
}

async function colWidths(selector: string): Promise<number[]> {
  return rig.page.locator(selector).evaluateAll((ths) => ths.map((t) => Math.round(t.getBoundingClientRect().width * 10) / 10));
}

describe('生意参谋 首页 KPI cards', () => {
  it('shows a same-weekday delta and a 30-day sparkline next to each card label; the page numbers stay', async () => {
    await openHome(rig.page, D);
    const before = await rig.page.locator('[data-kpi] .value').allTextContents();
    await settle(rig.ext);
    await rig.page.waitForSelector(`[data-kpi="payAmt"] ${HOST} [data-part="delta"]`, { timeout: 30_000 });
    expect(await rig.page.locator(`[data-kpi] ${HOST} [data-part="delta"]`).count()).toBeGreaterThanOrEqual(5);
    expect(await rig.page.locator(`[data-kpi] ${HOST} svg[data-part="spark"] path`).count()).toBeGreaterThanOrEqual(5);
    const delta = await rig.page.locator(`[data-kpi="payAmt"] ${HOST} [data-part="delta"]`).textContent();
    expect(delta).toMatch(/^[▲▼]\d+\.\d{2}%$|^0\.00%$/);
    expect(await rig.page.locator('[data-kpi] .value').allTextContents()).toEqual(before);
    for (const n of await hostsPerAnchor('[data-kpi] .value')) expect(n).toBe(1);
    await shot('home');
  });

  it('follows a date switch', async () => {
    const old = await rig.page.locator(`[data-kpi="payAmt"] ${HOST}`).getAttribute('data-sig');
    await typeDate(rig.page, D2);
    await rig.page.waitForSelector(`body[data-rendered-date="${D2}"]`);
    await expect.poll(async () => rig.page.locator(`[data-kpi="payAmt"] ${HOST}`).getAttribute('data-sig'), { timeout: 20_000 }).not.toBe(old);
    for (const n of await hostsPerAnchor('[data-kpi] .value')) expect(n).toBe(1);
  });
});

describe('商品排行', () => {
  const RANK = `https://sycm.taobao.com/cc/item_rank?dateType=day&dateRange=${D}%7C${D}`;
  const rendered = (s: string) => rig.page.waitForSelector(`body[data-rendered="${s}"]`, { timeout: 30_000 });

  it('badges from item findings, a history chart on hover, column widths unchanged, text stays text', async () => {
    await rig.page.goto(RANK);
    await rendered(`day|${D}|1|payAmt|desc`);
    await settle(rig.ext);
    const ids = await rig.page.locator('tr[data-item-id]').evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.itemId as string));
    // 30 days of history for the rows on the page, as if the operator had browsed them.
    const facts = [];
    for (let i = 0; i < 30; i++) {
      const d = new Date(Date.parse(`${D}T00:00:00Z`) - i * 864e5).toISOString().slice(0, 10);
      for (const { item, row } of itemRankRows(rig.sandbox.world, A, [d]).filter((r) => ids.includes(r.item.itemId))) {
        facts.push({
          id: `${A}|item|${item.itemId}|day|${d}|device=0`,
          shopId: A,
          entityKind: 'item',
          entityId: item.itemId,
          entityName: item.title,
          grain: 'day',
          date: d,
          dims: { device: '0' },
          values: { payAmt: row.payAmt, uv: row.itmUv, payByrCnt: row.payByrCnt, payRate: row.payRate },
          source: { adapter: 'sycm-item', route: 'item-rank' },
          capturedAt: Date.now(),
          updatedAt: Date.now(),
        });
      }
    }
    await put('facts', facts);
    const finding = (ruleId: string, area: string, itemId: string, title: string) => ({
      id: `${ruleId}|${A}|item|${itemId}`,
      ruleId,
      shopId: A,
      area,
      status: 'fired',
      severity: 'P2',
      entity: { kind: 'item', id: itemId },
      period: { from: D, to: D },
      title: { zh: title, en: title },
      detail: { zh: `${XSS} 细节`, en: `${XSS} detail` },
      suggestion: { zh: '', en: '' },
      evidence: [],
      thresholds: {},
      thresholdsAreDefaults: true,
      fingerprint: 'x',
      firstSeenAt: Date.now(),
      updatedAt: Date.now(),
    });
    const [i0 = '', i1 = '', i2 = ''] = ids;
    await put('findings', [
      finding('sel-01-potential-item', 'SEL', i0, '爆款潜力款'),
      finding('sc-02-hot-item-out-of-stock', 'SC', i0, '热销款已断货'),
      finding('sc-03-overstock', 'SC', i1, '库存积压'),
      finding('sc-07-refund-rate', 'SC', i2, `退款率偏高 ${XSS}`),
    ]);
    await notifyTab('https://sycm.taobao.com/*');
    await rig.page.waitForSelector(`tr[data-item-id="${i0}"] ${HOST} [data-badge="potential"]`, { timeout: 20_000 });
    const badges = (id: string) => rig.page.locator(`tr[data-item-id="${id}"] ${HOST} .chip[data-badge]`).allTextContents();
    expect(await badges(i0)).toEqual(['潜力款', '库存告急']);
    expect(await badges(i1)).toEqual(['滞销']);
    expect(await badges(i2)).toEqual(['退款异常']);
    // Finding texts with HTML stay inert text.
    const tip = await rig.page.locator(`tr[data-item-id="${i2}"] ${HOST} [data-badge="refund"]`).getAttribute('title');
    expect(tip).toContain(XSS);
    expect(await rig.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await rig.page.locator(`${HOST} img`).count()).toBe(0);
    expect(await rig.page.locator('img[src="x"]').count()).toBe(0);

    // Column widths with and without the annotations.
    const withNotes = await colWidths('#rank-head th');
    await rig.page.evaluate((tag) => {
      for (const h of document.querySelectorAll(tag)) (h as HTMLElement).style.display = 'none';
    }, HOST);
    const without = await colWidths('#rank-head th');
    await rig.page.evaluate((tag) => {
      for (const h of document.querySelectorAll(tag)) (h as HTMLElement).style.display = 'inline-block';
    }, HOST);
    expect(withNotes).toEqual(without);

    await rig.page.hover(`tr[data-item-id="${i0}"] ${HOST} [data-part="history"]`);
    await rig.page.waitForTimeout(200);
    await shot('item-rank-hover');
    const drawn = await rig.page.locator(`tr[data-item-id="${i0}"] ${HOST} canvas[data-part="chart"]`).evaluate((c) => {
      const ctx = (c as HTMLCanvasElement).getContext('2d');
      const px = ctx?.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data ?? [];
      let ink = 0;
      for (let k = 3; k < px.length; k += 4) if ((px[k] ?? 0) > 0) ink++;
      return ink;
    });
    expect(drawn).toBeGreaterThan(200);
  });

  it('re-appears after a sort and a date switch, one host per row, anchored by item id', async () => {
    await rig.page.click('th[data-sort="itmUv"]');
    await rendered(`day|${D}|1|itmUv|desc`);
    await expect.poll(async () => rig.page.locator(`tr[data-item-id] ${HOST}`).count(), { timeout: 20_000 }).toBe(10);
    for (const n of await hostsPerAnchor('tr[data-item-id]')) expect(n).toBe(1);
    await typeDate(rig.page, D2);
    await rendered(`day|${D2}|1|itmUv|desc`);
    await expect.poll(async () => rig.page.locator(`tr[data-item-id] ${HOST}`).count(), { timeout: 20_000 }).toBe(10);
    for (const n of await hostsPerAnchor('tr[data-item-id]')) expect(n).toBe(1);
    // Each host sits in a row whose item it describes (not in the row that used to be there).
    const keys = await rig.page
      .locator('tr[data-item-id]')
      .evaluateAll((trs, tag) => trs.map((t) => [(t as HTMLElement).dataset.itemId, (t.querySelector(tag) as HTMLElement | null)?.dataset.key]), HOST);
    for (const [id, key] of keys) expect(key).toBe(`item|${id}`);
    await shot('item-rank-after-sort-date');
  });
});

describe('万相台 关键词报表', () => {
  it('flags and derived figures on keyword rows; date switches keep them; the numbers stay', async () => {
    const url = (d: string) => `https://one.alimama.com/index.html#!/report/bidword?rptType=bidword&startTime=${d}&effectEqual=15`;
    await rig.page.goto(url(D));
    await rig.page.waitForSelector(`body[data-rendered="bidword|${D}|${D}|15"]`, { timeout: 30_000 });
    // Six more days through the page's own date picker: the 7-day window fills up.
    for (let i = 1; i <= 6; i++) {
      const d = new Date(Date.parse(`${D}T00:00:00Z`) - i * 864e5).toISOString().slice(0, 10);
      await typeDate(rig.page, d);
      await rig.page.waitForSelector(`body[data-rendered="bidword|${d}|${d}|15"]`, { timeout: 30_000 });
    }
    await typeDate(rig.page, D);
    await rig.page.waitForSelector(`body[data-rendered="bidword|${D}|${D}|15"]`, { timeout: 30_000 });
    const numbers = await rig.page.locator('#report-body').evaluate((tb) => tb.textContent);
    await settle(rig.ext);
    await expect.poll(async () => rig.page.locator(`tr[data-keyword-id] ${HOST} [data-part="derived"]`).count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const flags = await rig.page.locator(`tr[data-keyword-id] ${HOST} .chip[data-badge]`).allTextContents();
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(['高花费无转化', 'ROI低于保本', '点击率偏低']).toContain(f);
    expect(await rig.page.locator('#report-body').evaluate((tb) => tb.textContent)).toBe(numbers);
    for (const n of await hostsPerAnchor('tr[data-keyword-id]')) expect(n).toBe(1);
    const widthsWith = await colWidths('#report-table th');
    await rig.page.evaluate((tag) => {
      for (const h of document.querySelectorAll(tag)) (h as HTMLElement).style.display = 'none';
    }, HOST);
    expect(await colWidths('#report-table th')).toEqual(widthsWith);
    await rig.page.evaluate((tag) => {
      for (const h of document.querySelectorAll(tag)) (h as HTMLElement).style.display = 'inline-block';
    }, HOST);
    const first = rig.page.locator(`tr[data-keyword-id] ${HOST} [data-part="derived"]`).first();
    await first.hover();
    await rig.page.waitForTimeout(150);
    await shot('wanxiang-keywords');
    const pop = await rig.page.locator(`tr[data-keyword-id] ${HOST} .pop`).first().textContent();
    expect(pop).toContain('保本ROI');
    expect(pop).toContain('2.50');
    expect(pop).toContain('默认假设');
  });
});

describe('客服 agents', () => {
  it('ranks agents by shrunk 询单转化率', async () => {
    await rig.page.goto(`https://sycm.taobao.com/qos/service/frame/customer/performance/new?dateType=day&dateRange=${D}%7C${D}`);
    await rig.page.waitForSelector(`body[data-rendered-date="${D}"]`, { timeout: 30_000 });
    await settle(rig.ext);
    const rows = await rig.page.locator('tr[data-agent-id]').count();
    await expect.poll(async () => rig.page.locator(`tr[data-agent-id] ${HOST} [data-part="rank"]`).count(), { timeout: 30_000 }).toBe(rows);
    const ranks = (await rig.page.locator(`tr[data-agent-id] ${HOST} [data-part="rank"]`).allTextContents()).map((t) => Number(/(\d+)\//.exec(t)?.[1]));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks.map((_, i) => i + 1));
    await shot('service-agents');
  });
});
