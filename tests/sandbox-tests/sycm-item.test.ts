import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { skuSales } from '../sandbox/generator/item-trade.ts';
import { XSS_TITLE } from '../sandbox/generator/items.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { sycmGet } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';
const D = '2026-11-20';
const A = SHOP_A.runAsShopId;

const get = (path: string) => sycmGet(sb, path);
const getJson = async (path: string) => JSON.parse((await get(path)).body);
const tok = `token=${SHOP_A.legalityToken}`;
const rank = (q: string) => getJson(`/cc/item/view/top.json?${q}&device=0&${tok}`);

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb?.close();
});

describe('sandbox 商品排行 API', () => {
  it('pages through all items; items sum to the shop day', async () => {
    const rows: { item: { itemId: string; title: string }; payAmt: { value: number }; itmUv: { value: number } }[] = [];
    for (let page = 1; page <= 4; page++) {
      const r = await rank(`dateType=day&dateRange=${D}%7C${D}&page=${page}&pageSize=10&order=desc&orderBy=payAmt`);
      expect(r.code).toBe(0);
      expect(r.data.recordCount).toBe(40);
      rows.push(...r.data.data);
    }
    expect(new Set(rows.map((x) => x.item.itemId)).size).toBe(40);
    const shop = sb.world.shopDay(A, D);
    expect(Math.round(rows.reduce((s, x) => s + x.payAmt.value, 0) * 100) / 100).toBe(shop.payAmt);
    expect(rows.reduce((s, x) => s + x.itmUv.value, 0)).toBe(shop.uv);
    // Sorted by payAmt desc; the hostile title is sent as the console would (plain JSON text).
    expect(rows.map((x) => x.payAmt.value)).toEqual([...rows.map((x) => x.payAmt.value)].sort((a, b) => b - a));
    expect(rows.some((x) => x.item.title === XSS_TITLE)).toBe(true);
  });

  it('sorts ascending by another column', async () => {
    const r = await rank(`dateType=day&dateRange=${D}%7C${D}&page=1&pageSize=40&order=asc&orderBy=itmUv`);
    const uv = r.data.data.map((x: { itmUv: { value: number } }) => x.itmUv.value);
    expect(uv).toEqual([...uv].sort((a, b) => a - b));
  });

  it('accepts 7-day windows, refuses others with 1003, checks the token', async () => {
    expect((await rank(`dateType=recent7&dateRange=2026-11-14%7C${D}&page=1&pageSize=10`)).code).toBe(0);
    expect((await rank(`dateType=recent7&dateRange=2026-11-18%7C${D}&page=1&pageSize=10`)).code).toBe(1003);
    expect((await rank(`dateType=day&dateRange=${TODAY}%7C${TODAY}`)).code).toBe(1003);
    expect((await getJson(`/cc/item/view/top.json?dateType=day&dateRange=${D}%7C${D}&token=bad`)).code).toBe(5810);
  });
});

describe('sandbox 商品360', () => {
  it('SKU sales sum to the item; stock is served; refund reasons in the csp envelope', async () => {
    const item = sb.world.items(A)[0];
    if (!item) throw new Error('no item');
    const skus = await getJson(`/cc/item/sale/sku/list.json?dateType=day&dateRange=${D}%7C${D}&itemId=${item.itemId}&device=0&${tok}`);
    const day = sb.world.itemDays(A, D).find((x) => x.itemId === item.itemId);
    const sum = skus.data.data.reduce((s: number, x: { payAmt: { value: number } }) => s + x.payAmt.value, 0);
    expect(Math.round(sum * 100) / 100).toBe(day?.payAmt);
    expect(skus.data.data.length).toBe(skuSales(sb.world, A, item.itemId, D).length);
    const stock = await getJson(`/cc/live/v2/item/sale/sku/list.json?itemId=${item.itemId}&device=0&${tok}`);
    expect(stock.data[0]).toMatchObject({ currentStockCnt: expect.any(Number), sellRate: expect.any(Number), stockDays: expect.any(Number) });
    const ymd = D.replace(/-/g, '');
    const rf = await getJson(`/csp/api/refund/item/reason/list/v2.json?startDate=${ymd}&endDate=${ymd}&itemId=${item.itemId}&rfdIntervalLevel=99&${tok}`);
    expect(rf).toMatchObject({ code: 0, success: true, data: { dataSource: expect.any(Array) } });
    const funnel = await getJson(`/cc/item/detail/analysis/overview.json?dateType=day&dateRange=${D}%7C${D}&itemId=${item.itemId}&byrType=all&device=0&${tok}`);
    expect(funnel.data.itemExposeUv.value).toBe(day?.uv);
    const oq = await getJson(
      `/domain/oneQuery.json?domainCode=tao.shop.shop.item&showType=overview&dateType=day&dateRange=${D}%7C${D}&device=0&extMap=${encodeURIComponent(JSON.stringify({ itemId: item.itemId }))}&${tok}`,
    );
    expect(oq.data.content.payAmt.value).toBe(day?.payAmt);
  });

  it('pages carry the identity meta and render the hostile title escaped', async () => {
    const xss = sb.world.items(A).find((x) => x.title === XSS_TITLE);
    const page = await get(`/cc/item_archives?itemId=${xss?.itemId}&activeKey=sale`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<meta name="microdata"');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&#60;img src=x onerror=alert(1)&#62;');
    const rankPage = await get('/cc/item_rank');
    expect(rankPage.body).toContain('id="rank-body"');
  });
});
