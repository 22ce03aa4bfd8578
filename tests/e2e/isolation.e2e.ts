/**
 * Shop isolation (issue #7): two shops captured in one browser profile (the sandbox's login
 * cookie switches the shop, as the console's own shop switcher does). No fact, finding, task,
 * journal entry or annotation of one shop appears under the other:
 * - every stored fact / finding names only its own shop's entities (sandbox truth per shop);
 * - actions logged from the annotation hover cards (记录操作) land under the shop of the page;
 * - a console page of shop A asking for shop B's item ids (a forged row) gets nothing;
 * - the side panel's shop switcher shows each shop's own numbers and tasks.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/format';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, readStore, SHOTS_DIR, settle, startAll } from './harness';

const A = '106033221';
const B = '106078842';
const D = '2026-11-20';
const TODAY = '2026-11-25';
const HOST = 'opsradar-note';

type Fact = { id: string; shopId: string; entityKind: string; entityId: string; date: string; grain: string; values: Record<string, number> };
type Finding = { id: string; shopId: string; entity?: { kind: string; id: string } };
type Journal = { id: string; shopId: string; entity: { kind: string; id: string; name?: string }; kind: string; metric: string };

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let ext: Page;
const itemsOf = (shop: string) => new Set(sandbox.world.items(shop).map((i) => i.itemId));

beforeAll(async () => {
  sandbox = await startAll(TODAY);
  browser = await launch(sandbox);
  page = await browser.ctx.newPage();
  ext = await browser.ctx.newPage();
  await ext.goto(`chrome-extension://${browser.extId}/sidepanel.html`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function loginAs(key: 'A' | 'B'): Promise<void> {
  await browser.ctx.addCookies([{ name: 'sandbox_shop', value: key, domain: 'sycm.taobao.com', path: '/', secure: true }]);
}

async function openRank(): Promise<void> {
  await page.goto(`https://sycm.taobao.com/cc/item_rank?dateType=day&dateRange=${D}%7C${D}`);
  await page.waitForSelector(`body[data-rendered="day|${D}|1|payAmt|desc"]`, { timeout: 30_000 });
}

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

/** Log an action from the first annotated row's hover card, with the keyboard. */
async function logFromFirstRow(note: string): Promise<string> {
  const first = page.locator(`tr[data-item-id] ${HOST} [data-part="history"]`).first();
  await first.waitFor({ timeout: 30_000 });
  const itemId = (await first.evaluate((el) => ((el.getRootNode() as ShadowRoot).host.closest('tr') as HTMLElement).dataset.itemId)) ?? '';
  await first.focus();
  // The history chart draws even a single captured day (a point, not an empty grid).
  const ink = await page.locator(`tr[data-item-id="${itemId}"] ${HOST} canvas[data-part="chart"]`).evaluate((c) => {
    const cv = c as HTMLCanvasElement;
    const px = cv.getContext('2d')?.getImageData(0, 0, cv.width, cv.height - 16).data ?? [];
    // Series ink, not the light grid lines (#eef0f4).
    let inked = 0;
    for (let k = 0; k < px.length; k += 4) if ((px[k + 3] ?? 0) > 0 && Math.min(px[k] ?? 255, px[k + 1] ?? 255, px[k + 2] ?? 255) < 180) inked++;
    return inked;
  });
  expect(ink).toBeGreaterThan(5);
  await page.keyboard.press('Tab');
  const open = page.locator(`tr[data-item-id="${itemId}"] ${HOST} [data-part="log-open"]`);
  await expect.poll(() => open.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)).toBe(true);
  await page.keyboard.press('Enter');
  const kind = page.locator(`tr[data-item-id="${itemId}"] ${HOST} [data-part="log-kind"]`);
  await kind.selectOption('changeMainImage');
  await page.locator(`tr[data-item-id="${itemId}"] ${HOST} [data-part="log-note"]`).fill(note);
  await page.screenshot({ path: join(SHOTS_DIR, `isolation-log-form-${note.slice(0, 1)}.png`) });
  await page.locator(`tr[data-item-id="${itemId}"] ${HOST} [data-part="log-save"]`).click();
  await expect.poll(() => page.locator(`tr[data-item-id="${itemId}"] ${HOST} [data-part="log-status"]`).textContent(), { timeout: 15_000 }).toContain('已记录');
  return itemId;
}

describe('two shops in one profile', () => {
  it('captures shop A, then shop B, each under its own id with its own entities', async () => {
    await loginAs('A');
    await openHome(page, D);
    await openRank();
    await settle(ext);
    await loginAs('B');
    await openHome(page, D);
    await openRank();
    await settle(ext);
    const facts = await readStore<Fact>(ext, 'facts');
    const byShop = (s: string) => facts.filter((f) => f.shopId === s);
    expect(byShop(A).length).toBeGreaterThan(20);
    expect(byShop(B).length).toBeGreaterThan(20);
    expect(facts.every((f) => f.shopId === A || f.shopId === B)).toBe(true);
    for (const f of facts) expect(f.id.startsWith(`${f.shopId}|`)).toBe(true);
    const itemFacts = facts.filter((f) => f.entityKind === 'item');
    for (const f of itemFacts) expect(itemsOf(f.shopId).has(f.entityId), `${f.shopId} item ${f.entityId}`).toBe(true);
    const aItems = new Set(byShop(A).filter((f) => f.entityKind === 'item').map((f) => f.entityId));
    const bItems = new Set(byShop(B).filter((f) => f.entityKind === 'item').map((f) => f.entityId));
    expect(aItems.size).toBeGreaterThanOrEqual(10);
    expect(bItems.size).toBeGreaterThanOrEqual(10);
    expect([...aItems].filter((id) => bItems.has(id))).toEqual([]);
    // Shop-level numbers are each shop's own (sandbox truth).
    const day = (s: string) => byShop(s).find((f) => f.entityKind === 'shop' && f.grain === 'day' && f.date === D);
    expect(day(A)?.values.payAmt).toBe(sandbox.world.shopDay(A, D).payAmt);
    expect(day(B)?.values.payAmt).toBe(sandbox.world.shopDay(B, D).payAmt);
  });

  it('findings name only their own shop’s entities', async () => {
    await expect.poll(async () => (await readStore<Finding>(ext, 'findings')).filter((f) => f.shopId === B).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const findings = await readStore<Finding>(ext, 'findings');
    expect(findings.some((f) => f.shopId === A)).toBe(true);
    for (const f of findings) {
      expect([A, B]).toContain(f.shopId);
      expect(f.id).toContain(f.shopId);
      if (f.entity?.kind === 'item') expect(itemsOf(f.shopId).has(f.entity.id), f.id).toBe(true);
    }
  });

  it('记录操作 from the hover card lands under the shop of the page (B, then A)', async () => {
    // The tab is on shop B's 商品排行.
    const bItem = await logFromFirstRow('B 店换主图');
    expect(itemsOf(B).has(bItem)).toBe(true);
    await loginAs('A');
    await openRank();
    await settle(ext);
    const aItem = await logFromFirstRow('A 店换主图');
    expect(itemsOf(A).has(aItem)).toBe(true);
    const journal = await readStore<Journal>(ext, 'journal');
    expect(journal.map((j) => [j.shopId, j.entity.id]).sort()).toEqual(
      [
        [A, aItem],
        [B, bItem],
      ].sort(),
    );
    for (const j of journal) expect(j).toMatchObject({ kind: 'changeMainImage', metric: 'payAmt', entity: { kind: 'item' } });
    await page.screenshot({ path: join(SHOTS_DIR, 'isolation-log-action.png') });
  });

  it('a console page of shop A never shows shop B’s annotations, even for a row naming B’s item', async () => {
    // The tab is on shop A's 商品排行 with annotations.
    const keys = await page.locator(`tr[data-item-id] ${HOST}`).evaluateAll((hs) => hs.map((h) => (h as HTMLElement).dataset.key ?? ''));
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(itemsOf(A).has(k.split('|')[1] ?? '')).toBe(true);
    const facts = await readStore<Fact>(ext, 'facts');
    const bItem = facts.find((f) => f.shopId === B && f.entityKind === 'item')?.entityId ?? '';
    expect(bItem).not.toBe('');
    await page.evaluate((id) => {
      const tr = document.createElement('tr');
      tr.dataset.itemId = id;
      tr.id = 'forged-row';
      const td = document.createElement('td');
      td.textContent = 'forged';
      tr.appendChild(td);
      document.querySelector('tr[data-item-id]')?.parentElement?.appendChild(tr);
    }, bItem);
    // The annotator asks for the new row (debounced); give it several passes.
    await page.waitForTimeout(2500);
    expect(await page.locator(`#forged-row ${HOST}`).count()).toBe(0);
    // The rows of A still carry A's annotations.
    expect(await page.locator(`tr[data-item-id] ${HOST}`).count()).toBe(keys.length);
  });

  it('the side panel’s shop switcher shows each shop’s own numbers and tasks', async () => {
    const now = Date.now();
    const task = (shopId: string, title: string) => ({ id: `iso-${shopId}`, shopId, title, owner: '', status: 'todo', note: '', createdAt: now, updatedAt: now });
    await put('tasks', [task(A, 'A 店：补货热销款'), task(B, 'B 店：换主图')]);
    await ext.setViewportSize({ width: 400, height: 900 });
    await ext.reload();
    const switcher = ext.locator('[data-testid="shop-switcher"]');
    await switcher.waitFor({ timeout: 20_000 });
    const shown: Record<string, string> = {};
    for (const s of [A, B]) {
      await switcher.selectOption(s);
      await ext.waitForSelector('[data-tab="OVERVIEW"][aria-selected="true"]');
      await expect.poll(async () => ext.locator('[data-testid="as-of"]').textContent(), { timeout: 15_000 }).toContain(D);
      const pay = ext.locator('main [data-kpi="payAmt"] .value').first();
      await expect.poll(() => pay.textContent(), { timeout: 15_000 }).toBe(formatMoney(sandbox.world.shopDay(s, D).payAmt, 'zh'));
      shown[s] = (await pay.textContent()) ?? '';
      await ext.screenshot({ path: join(SHOTS_DIR, `isolation-sidepanel-${s}.png`) });
      await ext.click('[data-testid="work-toggle"]');
      await ext.click('[data-work-tab="tasks"]');
      const rows = ext.locator('[data-testid="task-row"]');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      expect(await rows.first().getAttribute('data-task')).toBe(`iso-${s}`);
      await ext.click('[data-testid="work-toggle"]');
    }
    expect(shown[A]).not.toBe(shown[B]);
  });
});
