/**
 * 千牛 end to end: the sycm home page makes the shop known by its main nick, then the 千牛 pages
 * (identified by the .taobao.com login cookies only) are browsed with the real extension →
 * item snapshots, order aggregates and workbench snapshots under that shop, equal to generator truth,
 * and no buyer data anywhere in the database.
 */
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '@/lib/capture/business-date';
import { beijingMidnightMs } from '../sandbox/generator/index.ts';
import { qnItemRows, qnOrdersOn, qnSoldList, qnTodos } from '../sandbox/generator/qianniu.ts';
import { extensionSession, storedFacts } from './family-helpers';
import { openHome, readStore, settle } from './harness';

const A = '106033221';
const NICK = '暖居家纺旗舰店';
const TODAY = '2026-11-25';
const D = '2026-11-24';

const rig = extensionSession(TODAY);

const facts = async () => (await storedFacts(rig.ext)).filter((f) => f.shopId === A);

describe('千牛 capture', () => {
  it('千牛 before 生意参谋: kept under a provisional nick shop, folded into the real shop by the sycm visit', async () => {
    await rig.page.goto('https://myseller.taobao.com/home.htm/SellManage/on_sale');
    await rig.page.waitForSelector('body[data-rendered="on_sale|1|monthlySoldQuantity"]');
    await settle(rig.ext);
    const before = (await storedFacts(rig.ext)).filter((f) => f.entityKind === 'item');
    expect(before).toHaveLength(20);
    expect(new Set(before.map((f) => f.shopId))).toEqual(new Set([`nick:${NICK}`]));
    await openHome(rig.page, D);
    await settle(rig.ext);
    const after = (await storedFacts(rig.ext)).filter((f) => f.entityKind === 'item');
    expect(after).toHaveLength(20);
    expect(new Set(after.map((f) => f.shopId))).toEqual(new Set([A]));
  });

  it('商品管理: item snapshots (price, stock, 30-day sales) for both pages, linked through the main nick', async () => {
    await rig.page.goto('https://myseller.taobao.com/home.htm/SellManage/on_sale');
    await rig.page.waitForSelector('body[data-rendered="on_sale|1|monthlySoldQuantity"]');
    await rig.page.click('#next');
    await rig.page.waitForSelector('body[data-rendered="on_sale|2|monthlySoldQuantity"]');
    await settle(rig.ext);
    const items = (await facts()).filter((f) => f.entityKind === 'item' && f.grain === 'snapshot');
    const truth = qnItemRows(rig.sandbox.world, A, TODAY);
    expect(items).toHaveLength(truth.length);
    for (const t of truth) {
      const f = items.find((x) => x.entityId === t.itemId);
      expect(f?.date).toBe(shanghaiDate(Date.now()));
      expect(f?.dims).toEqual({});
      expect(f?.entityName).toBe(t.title);
      expect(f?.values).toEqual({ itemPrice: t.price, stockOnHand: t.stock, soldQty30d: t.sold30, soldQtyTotal: t.soldTotal });
    }
    // The hostile title is stored as text and the page shows it as text.
    expect(await rig.page.evaluate(() => document.querySelector('img[src="x"]'))).toBeNull();
  });

  it('已卖出的宝贝: tab totals, a whole day filtered by 成交时间 → that day’s order count and amounts', async () => {
    await rig.page.goto('https://trade.taobao.com/trade/itemlist/list_sold_items.htm');
    await rig.page.waitForSelector('body[data-rendered="latest3Months|1|15|all"]');
    await rig.page.click('#tabs [data-tab="waitSend"]');
    await rig.page.waitForSelector('body[data-rendered="waitSend|1|15|all"]');
    await rig.page.click('#tabs [data-tab="latest3Months"]');
    await rig.page.waitForSelector('body[data-rendered="latest3Months|1|15|all"]');
    await rig.page.selectOption('#page-size', '100');
    await rig.page.waitForSelector('body[data-rendered="latest3Months|1|100|all"]');
    await rig.page.fill('#day', D);
    await rig.page.dispatchEvent('#day', 'change');
    await rig.page.waitForSelector(`body[data-rendered="latest3Months|1|100|${D}"]`);
    await settle(rig.ext);
    const all = await facts();
    const from = beijingMidnightMs('2026-08-25');
    expect(all.find((f) => f.grain === 'snapshot' && f.dims.scope === 'waitSend')?.values.soldListTotal).toBe(
      qnSoldList(rig.sandbox.world, A, TODAY, 'waitSend', from, null).length,
    );
    expect(all.find((f) => f.grain === 'snapshot' && f.dims.scope === 'latest3Months')?.values.soldListTotal).toBe(
      qnSoldList(rig.sandbox.world, A, TODAY, 'latest3Months', from, null).length,
    );
    const orders = qnOrdersOn(rig.sandbox.world, A, D, TODAY);
    const day = all.find((f) => f.grain === 'day' && f.date === D && f.dims.scope === 'latest3Months' && f.dims.status === 'all');
    expect(day?.values.soldOrderCnt).toBe(orders.length);
    if (orders.length <= 100) {
      expect(day?.values.soldOrderAmt).toBe(rig.sandbox.world.shopDay(A, D).payAmt);
      expect(day?.values.soldItemQty).toBe(orders.reduce((a, o) => a + o.qty, 0));
    }
    // Nothing dated on or after the capture's business day is stored as a closed day (the sandbox's
    // "today" is in the past of the real clock, so its partial day counts as closed here).
    expect(all.filter((f) => f.grain === 'day' && f.date >= shanghaiDate(Date.now()))).toHaveLength(0);
  });

  it('工作台 and 真实体验分: shop snapshots equal to the console', async () => {
    await rig.page.goto('https://myseller.taobao.com/home.htm/QnworkbenchHome/');
    await rig.page.waitForSelector('body[data-rendered="todo"]');
    await rig.page.goto('https://myseller.taobao.com/home.htm/voc-tmall/serverReport');
    await rig.page.waitForSelector('body[data-rendered="experience"]');
    await settle(rig.ext);
    const all = await facts();
    const todo = all.find((f) => f.entityKind === 'shop' && f.dims.panel === 'todo');
    const t = qnTodos(rig.sandbox.world, A, TODAY);
    expect(todo?.values.todoNotDelivery).toBe(t[0]?.details[0]?.count);
    expect(todo?.values.todoLogistics).toBe(t[2]?.details.reduce((a, d) => a + d.count, 0));
    expect(todo?.values.todoTimeOutDelivery).toBe(t[2]?.details[1]?.count);
    const exp = all.find((f) => f.entityKind === 'shop' && f.dims.panel === 'experience');
    expect(exp?.values.experienceScore).toBeGreaterThan(4);
    expect(exp?.values.expPickup48hRate).toBeGreaterThan(0.9);
  });

  it('no buyer data and nothing from another shop anywhere in the database', async () => {
    const everything = JSON.stringify([await readStore(rig.ext, 'facts'), await readStore(rig.ext, 'captures')]);
    const someOrder = qnOrdersOn(rig.sandbox.world, A, D, TODAY)[0];
    expect(everything).not.toContain(`"${someOrder?.buyerNick}"`);
    expect(everything).not.toContain(someOrder?.id ?? 'x');
    expect((await storedFacts(rig.ext)).every((f) => f.shopId === A)).toBe(true);
  });
});
