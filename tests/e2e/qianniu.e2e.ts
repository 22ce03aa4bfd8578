/**
 * 千牛 end to end: the sycm home page makes the shop known by its main nick, then the 千牛 pages
 * (identified by the .taobao.com login cookies only) are browsed with the real extension →
 * item snapshots, order aggregates and workbench snapshots under that shop, equal to generator truth,
 * and no buyer data anywhere in the database.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@/lib/capture/business-date';
import { beijingMidnightMs } from '../sandbox/generator/index.ts';
import { qnItemRows, qnOrdersOn, qnSoldList, qnTodos } from '../sandbox/generator/qianniu.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { type Browser, launch, openHome, readStore, settle, startAll } from './harness';

const A = '106033221';
const NICK = '暖居家纺旗舰店';
const TODAY = '2026-11-25';
const D = '2026-11-24';

type Fact = { id: string; shopId: string; entityKind: string; entityId: string; entityName?: string; grain: string; date: string; dims: Record<string, string>; values: Record<string, number> };

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
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const facts = async () => (await readStore<Fact>(ext, 'facts')).filter((f) => f.shopId === A);

describe('千牛 capture', () => {
  it('千牛 before 生意参谋: kept under a provisional nick shop, folded into the real shop by the sycm visit', async () => {
    await page.goto('https://myseller.taobao.com/home.htm/SellManage/on_sale');
    await page.waitForSelector('body[data-rendered="on_sale|1|monthlySoldQuantity"]');
    await settle(ext);
    const before = (await readStore<Fact>(ext, 'facts')).filter((f) => f.entityKind === 'item');
    expect(before).toHaveLength(20);
    expect(new Set(before.map((f) => f.shopId))).toEqual(new Set([`nick:${NICK}`]));
    await openHome(page, D);
    await settle(ext);
    const after = (await readStore<Fact>(ext, 'facts')).filter((f) => f.entityKind === 'item');
    expect(after).toHaveLength(20);
    expect(new Set(after.map((f) => f.shopId))).toEqual(new Set([A]));
  });

  it('商品管理: item snapshots (price, stock, 30-day sales) for both pages, linked through the main nick', async () => {
    await page.goto('https://myseller.taobao.com/home.htm/SellManage/on_sale');
    await page.waitForSelector('body[data-rendered="on_sale|1|monthlySoldQuantity"]');
    await page.click('#next');
    await page.waitForSelector('body[data-rendered="on_sale|2|monthlySoldQuantity"]');
    await settle(ext);
    const items = (await facts()).filter((f) => f.entityKind === 'item' && f.grain === 'snapshot');
    const truth = qnItemRows(sandbox.world, A, TODAY);
    expect(items).toHaveLength(truth.length);
    for (const t of truth) {
      const f = items.find((x) => x.entityId === t.itemId);
      expect(f?.date).toBe(shanghaiDate(Date.now()));
      expect(f?.dims).toEqual({});
      expect(f?.entityName).toBe(t.title);
      expect(f?.values).toEqual({ itemPrice: t.price, stockOnHand: t.stock, soldQty30d: t.sold30, soldQtyTotal: t.soldTotal });
    }
    // The hostile title is stored as text and the page shows it as text.
    expect(await page.evaluate(() => document.querySelector('img[src="x"]'))).toBeNull();
  });

  it('已卖出的宝贝: tab totals, a whole day filtered by 成交时间 → that day’s order count and amounts', async () => {
    await page.goto('https://trade.taobao.com/trade/itemlist/list_sold_items.htm');
    await page.waitForSelector('body[data-rendered="latest3Months|1|15|all"]');
    await page.click('#tabs [data-tab="waitSend"]');
    await page.waitForSelector('body[data-rendered="waitSend|1|15|all"]');
    await page.click('#tabs [data-tab="latest3Months"]');
    await page.waitForSelector('body[data-rendered="latest3Months|1|15|all"]');
    await page.selectOption('#page-size', '100');
    await page.waitForSelector('body[data-rendered="latest3Months|1|100|all"]');
    await page.fill('#day', D);
    await page.dispatchEvent('#day', 'change');
    await page.waitForSelector(`body[data-rendered="latest3Months|1|100|${D}"]`);
    await settle(ext);
    const all = await facts();
    const from = beijingMidnightMs('2026-08-25');
    expect(all.find((f) => f.grain === 'snapshot' && f.dims.scope === 'waitSend')?.values.soldListTotal).toBe(qnSoldList(sandbox.world, A, TODAY, 'waitSend', from, null).length);
    expect(all.find((f) => f.grain === 'snapshot' && f.dims.scope === 'latest3Months')?.values.soldListTotal).toBe(
      qnSoldList(sandbox.world, A, TODAY, 'latest3Months', from, null).length,
    );
    const orders = qnOrdersOn(sandbox.world, A, D, TODAY);
    const day = all.find((f) => f.grain === 'day' && f.date === D && f.dims.scope === 'latest3Months' && f.dims.status === 'all');
    expect(day?.values.soldOrderCnt).toBe(orders.length);
    if (orders.length <= 100) {
      expect(day?.values.soldOrderAmt).toBe(sandbox.world.shopDay(A, D).payAmt);
      expect(day?.values.soldItemQty).toBe(orders.reduce((a, o) => a + o.qty, 0));
    }
    // Nothing dated on or after the capture's business day is stored as a closed day (the sandbox's
    // "today" is in the past of the real clock, so its partial day counts as closed here).
    expect(all.filter((f) => f.grain === 'day' && f.date >= shanghaiDate(Date.now()))).toHaveLength(0);
  });

  it('工作台 and 真实体验分: shop snapshots equal to the console', async () => {
    await page.goto('https://myseller.taobao.com/home.htm/QnworkbenchHome/');
    await page.waitForSelector('body[data-rendered="todo"]');
    await page.goto('https://myseller.taobao.com/home.htm/voc-tmall/serverReport');
    await page.waitForSelector('body[data-rendered="experience"]');
    await settle(ext);
    const all = await facts();
    const todo = all.find((f) => f.entityKind === 'shop' && f.dims.panel === 'todo');
    const t = qnTodos(sandbox.world, A, TODAY);
    expect(todo?.values.todoNotDelivery).toBe(t[0]?.details[0]?.count);
    expect(todo?.values.todoLogistics).toBe(t[2]?.details.reduce((a, d) => a + d.count, 0));
    expect(todo?.values.todoTimeOutDelivery).toBe(t[2]?.details[1]?.count);
    const exp = all.find((f) => f.entityKind === 'shop' && f.dims.panel === 'experience');
    expect(exp?.values.experienceScore).toBeGreaterThan(4);
    expect(exp?.values.expPickup48hRate).toBeGreaterThan(0.9);
  });

  it('no buyer data and nothing from another shop anywhere in the database', async () => {
    const everything = JSON.stringify([await readStore(ext, 'facts'), await readStore(ext, 'captures')]);
    const someOrder = qnOrdersOn(sandbox.world, A, D, TODAY)[0];
    expect(everything).not.toContain(`"${someOrder?.buyerNick}"`);
    expect(everything).not.toContain(someOrder?.id ?? 'x');
    expect((await readStore<Fact>(ext, 'facts')).every((f) => f.shopId === A)).toBe(true);
  });
});
