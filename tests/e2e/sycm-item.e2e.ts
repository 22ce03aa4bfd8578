/**
 * sycm 商品 end to end: browse the sandbox 商品排行 (paging, sorting, date switch) and 商品360 with the
 * real extension → item / sku / peer facts under the right shop, date and dims, with the generator's numbers.
 */
import { describe, expect, it } from 'vitest';
import { itemRankRows, skuStock } from '../sandbox/generator/item-trade.ts';
import { XSS_TITLE } from '../sandbox/generator/items.ts';
import { extensionSession, storedFacts, typeDate } from './family-helpers';
import { settle } from './harness';

const A = '106033221';
const D = '2026-11-20';
const D2 = '2026-11-13';
const TODAY = '2026-11-25';

const rig = extensionSession(TODAY);

const facts = async () => storedFacts(rig.ext);

async function rankRendered(state: string) {
  await rig.page.waitForSelector(`body[data-rendered="${state}"]`, { timeout: 30_000 });
}

describe('商品排行 → item facts', () => {
  it('stores every row of the pages browsed, sorted and paged, with generator values', async () => {
    await rig.page.goto(`https://sycm.taobao.com/cc/item_rank?dateType=day&dateRange=${D}%7C${D}`);
    await rankRendered(`day|${D}|1|payAmt|desc`);
    expect(await rig.page.locator('tr[data-item-id]').count()).toBe(10);
    await rig.page.click('#next-page');
    await rankRendered(`day|${D}|2|payAmt|desc`);
    await rig.page.click('th[data-sort="itmUv"]');
    await rankRendered(`day|${D}|1|itmUv|desc`);
    await typeDate(rig.page, D2);
    await rankRendered(`day|${D2}|1|itmUv|desc`);
    await settle(rig.ext);
    const items = (await facts()).filter((f) => f.entityKind === 'item' && f.grain === 'day' && f.shopId === A);
    const onD = items.filter((f) => f.date === D);
    expect(onD.length).toBeGreaterThanOrEqual(20);
    const truth = new Map(itemRankRows(rig.sandbox.world, A, [D]).map((r) => [r.item.itemId, r.row]));
    for (const f of onD) {
      const t = truth.get(f.entityId);
      expect(f.values.payAmt).toBe(t?.payAmt);
      expect(f.values.uv).toBe(t?.itmUv);
      expect(f.values.payByrCnt).toBe(t?.payByrCnt);
      expect(f.values.cartByrCnt).toBe(t?.itemCartByrCnt);
      expect(f.values.itmBounceRate).toBe(t?.itmBounceRate);
      expect(f.dims).toEqual({ device: '0' });
    }
    expect(items.filter((f) => f.date === D2).length).toBe(10);
    // The table rows carry the item id the facts are keyed by (annotation anchors).
    const ids = await rig.page.locator('tr[data-item-id]').evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.itemId));
    for (const id of ids) expect(items.some((f) => f.entityId === id && f.date === D2)).toBe(true);
  });

  it('keeps the hostile title as plain text and the page shows it escaped', async () => {
    const xss = (await facts()).find((f) => f.entityKind === 'item' && f.entityName === XSS_TITLE);
    expect(xss).toBeDefined();
    expect(await rig.page.locator('img[src="x"]').count()).toBe(0);
  });
});

describe('商品360 → item, sku, stock snapshot, funnel peers, refund reasons', () => {
  it('stores what the item page loaded', async () => {
    const item = rig.sandbox.world.items(A)[0];
    if (!item) throw new Error('no item');
    await rig.page.goto(`https://sycm.taobao.com/cc/item_archives?itemId=${item.itemId}&activeKey=sale&dateType=day&dateRange=${D}%7C${D}`);
    await rig.page.waitForSelector(`body[data-rendered-date="${D}"]`, { timeout: 30_000 });
    await settle(rig.ext);
    const all = await facts();
    const skuDay = all.filter((f) => f.entityKind === 'sku' && f.grain === 'day' && f.date === D && f.dims.itemId === item.itemId);
    const day = rig.sandbox.world.itemDays(A, D).find((x) => x.itemId === item.itemId);
    expect(Math.round(skuDay.reduce((s, f) => s + (f.values.payAmt ?? 0), 0) * 100) / 100).toBe(day?.payAmt);
    const snaps = all.filter((f) => f.entityKind === 'sku' && f.grain === 'snapshot' && f.dims.itemId === item.itemId);
    const stock = skuStock(rig.sandbox.world, A, item.itemId, TODAY);
    expect(snaps.map((f) => [f.entityId, f.values.currentStockCnt]).sort()).toEqual(stock.map((s) => [s.sku.skuId, s.currentStockCnt]).sort());
    const funnel = all.find((f) => f.entityKind === 'item' && f.entityId === item.itemId && f.dims.byrType === 'all');
    expect(funnel?.values.itemExposeUv).toBe(day?.uv);
    expect(all.some((f) => f.entityKind === 'peer' && f.dims.itemId === item.itemId && f.dims.byrType === 'all')).toBe(true);
    const reasons = all.filter((f) => f.entityId === item.itemId && f.dims.reason);
    expect(reasons.length).toBeGreaterThan(0);
    const core = all.find((f) => f.id === `${A}|item|${item.itemId}|day|${D}|device=0`);
    expect(core?.values.payAmt).toBe(day?.payAmt);
  });
});
