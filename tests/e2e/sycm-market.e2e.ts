/**
 * 生意参谋 市场/竞争 end to end: browse the sandbox 市场排行 (encrypted rank lists), 竞店监控 (plain list +
 * encrypted rival compare) and the free 竞店对比 (range strings) with the real extension → rival facts
 * under the right shop and date, 指数 as values, free-edition ranges in `ranges`, values = generator truth.
 */
import { describe, expect, it } from 'vitest';
import { SHOP_A } from '../sandbox/generator/index.ts';
import { countRange, MARKET_CATE, marketIndexes } from '../sandbox/generator/market.ts';
import { monitoredRivals, rankRows, rivalDay } from '../sandbox/hosts/sycm/market.ts';
import { extensionSession, storedFacts, typeDate } from './family-helpers';
import { settle } from './harness';

const A = SHOP_A.runAsShopId;
const D1 = '2026-11-20';
const D2 = '2026-11-21';
const CATE = MARKET_CATE.A.cateId;

const rig = extensionSession();

const market = async () => storedFacts(rig.ext, 'sycm-market');

async function open(path: string, date: string, marker: string) {
  await rig.page.goto(`https://sycm.taobao.com${path}?dateType=day&dateRange=${date}%7C${date}&cateId=${CATE}`);
  await rig.page.waitForSelector(`body[data-rendered="${marker}"]`, { timeout: 30_000 });
}

describe('sycm-market capture', () => {
  it('市场排行: encrypted shop and item lists → rival facts equal to the generator truth', async () => {
    await open('/mc/mq/market_rank', D1, `shop.hotsale.${D1}`);
    await rig.page.click('#rank-tabs button[data-type="item"]');
    await rig.page.waitForSelector(`body[data-rendered="item.hotsale.${D1}"]`);
    await rig.page.click('#rank-tabs button[data-card="hotsearch"]');
    await rig.page.waitForSelector(`body[data-rendered="item.hotsearch.${D1}"]`);
    await typeDate(rig.page, D2);
    await rig.page.waitForSelector(`body[data-rendered="item.hotsearch.${D2}"]`);
    await settle(rig.ext);
    const facts = await market();
    const shops = facts.filter((f) => f.entityKind === 'rivalShop' && f.dims.list === 'hotsale' && f.date === D1);
    const truth = rankRows(rig.sandbox.world, SHOP_A, 'shop', 'hotsale', D1) as {
      shop: { userId: number; title: string };
      tradeIndex: { value: number };
      cateRankId: { value: number };
    }[];
    expect(shops).toHaveLength(truth.length);
    for (const t of truth) {
      const f = shops.find((x) => x.entityId === String(t.shop.userId));
      expect(f).toMatchObject({ shopId: A, grain: 'day', entityName: t.shop.title, dims: { device: '0', cateId: CATE, sellerType: '-1', list: 'hotsale' } });
      expect(f?.values.tradeIndex).toBe(t.tradeIndex.value);
      expect(f?.values.cateRank).toBe(t.cateRankId.value);
    }
    // The HTML-looking rival title is kept as text.
    expect(shops.some((f) => f.entityName === '<i>梦</i>洁家纺官方店')).toBe(true);
    const items = facts.filter((f) => f.entityKind === 'rivalItem' && f.dims.list === 'hotsearch');
    expect(new Set(items.map((f) => f.date))).toEqual(new Set([D1, D2]));
    const itemTruth = rankRows(rig.sandbox.world, SHOP_A, 'item', 'hotsearch', D2)[0] as { item: { itemId: number }; uvIndex: { value: number } };
    expect(items.find((f) => f.date === D2 && f.entityId === String(itemTruth.item.itemId))?.values.uvIndex).toBe(itemTruth.uvIndex.value);
    expect(facts.every((f) => Object.keys(f.ranges ?? {}).length === 0)).toBe(true);
  });

  it('竞店监控: plain monitored list and the encrypted compare (own shop kept apart from 首页 facts)', async () => {
    await open('/mc/ci/shop/monitor', D1, `monitor.${D1}`);
    await settle(rig.ext);
    const facts = await market();
    const rivals = monitoredRivals(rig.sandbox.world, SHOP_A);
    const truth = marketIndexes(rivalDay(rig.sandbox.world, SHOP_A, rivals[1] as never, D1));
    const mon = facts.find((f) => f.dims.list === 'monitor' && f.entityId === rivals[1]?.userId);
    expect(mon?.values).toMatchObject({ tradeIndex: truth.tradeIndex, uvIndex: truth.uvIndex });
    const cmp = facts.filter((f) => f.dims.list === 'compare' && f.date === D1 && f.source.route === 'rival-shop');
    expect(cmp.map((f) => [f.entityKind, f.entityId]).sort()).toEqual(
      [
        ['rivalShop', rivals[0]?.userId],
        ['rivalShop', rivals[1]?.userId],
        ['shop', A],
      ].sort(),
    );
    expect(cmp.find((f) => f.entityId === rivals[1]?.userId)?.values.payByrCntIndex).toBe(truth.payByrCntIndex);
    expect(cmp.find((f) => f.entityKind === 'shop')?.dims).toEqual({ device: '0', cateId: CATE, list: 'compare' });
  });

  it('free 竞店对比: own shop real, rival ranges containing the truth, 7 days of trend', async () => {
    await open('/mc/free/ci_shop', D2, `free.${D2}`);
    await settle(rig.ext);
    const facts = (await market()).filter((f) => f.source.route === 'rival-shop' && f.dims.list === 'compare' && !f.dims.cateId);
    const rival = monitoredRivals(rig.sandbox.world, SHOP_A)[0];
    const truth = rivalDay(rig.sandbox.world, SHOP_A, rival as never, D2);
    const rf = facts.find((f) => f.entityKind === 'rivalShop' && f.date === D2);
    expect(rf?.entityId).toBe(rival?.userId);
    expect(rf?.values).toEqual({});
    const r = countRange(truth.uv);
    expect(rf?.ranges?.uvRange).toEqual([r.lo, r.hi]);
    const self = facts.find((f) => f.entityKind === 'shop' && f.date === D2);
    expect(self?.values.uv).toBe(rig.sandbox.world.shopDay(A, D2).uv);
    expect(self?.values.payRate).toBe(rig.sandbox.world.shopDay(A, D2).payRate);
    expect(new Set(facts.map((f) => f.date)).size).toBe(7);
  });

  it('reloading stores nothing new', async () => {
    const before = await storedFacts(rig.ext);
    await rig.page.reload();
    await rig.page.waitForSelector(`body[data-rendered="free.${D2}"]`);
    await settle(rig.ext, 'captures');
    expect(await storedFacts(rig.ext)).toEqual(before);
  });
});
