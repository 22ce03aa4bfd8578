/**
 * Every fact family of a sandbox shop in one list, as the database would hold it: the CS / CNT /
 * TEAM helper's shop, peer, source, agent, content and snapshot facts, the SEL / SC planted test's
 * items, SKUs (day sales + stock snapshots), 千牛 商品管理 and 工作台 snapshots and rival indexes,
 * and the ADS / ACT planted test's 万相台 campaign and keyword rows under two attribution windows.
 * Facts sharing an id are merged the way `mergeFact` stores them (later values win per metric),
 * so the list is one database state — what the incremental-engine test needs.
 */
import { readAdValues } from '@/lib/metrics/ads';
import { type Fact, factId } from '@/lib/schema/fact';
import { campaignRows, keywordRows, withRates } from '../sandbox/generator/adReports.ts';
import { dateRange } from '../sandbox/generator/index.ts';
import { skuSales, skuStock } from '../sandbox/generator/item-trade.ts';
import { MARKET_CATE, marketIndexes, rivalMarketDay, rivalShops, selfMarketDay } from '../sandbox/generator/market.ts';
import { qnItemRows, qnTodos } from '../sandbox/generator/qianniu.ts';
import { serviceWorldFacts } from './cs-cnt-team-helpers';
import { world } from './da-helpers';

export function mkWorldFact(
  shopId: string,
  entityKind: Fact['entityKind'],
  entityId: string,
  date: string,
  values: Record<string, number>,
  dims: Record<string, string>,
  grain: Fact['grain'] = 'day',
  name?: string,
  capturedAt = 1,
): Fact {
  const f = {
    shopId,
    entityKind,
    entityId,
    ...(name ? { entityName: name } : {}),
    grain,
    date,
    dims,
    values,
    source: { adapter: 'world', route: 'world' },
    capturedAt,
    updatedAt: capturedAt,
  };
  return { ...f, id: factId(f) };
}

/** One 万相台 keyword report (one day, one attribution window) of the sandbox shop, as facts. */
export function keywordReport(shopId: string, date: string, attr = 15, capturedAt = 2): Fact[] {
  const w = world();
  return keywordRows(w, shopId, date, attr).map(({ keyword, day, row }) =>
    mkWorldFact(
      shopId,
      'keyword',
      day.keywordId,
      date,
      readAdValues('wanxiang', withRates(row) as unknown as Record<string, unknown>, 'row', []),
      { attr: String(attr), unify: 'zhai' },
      'day',
      keyword?.word,
      capturedAt,
    ),
  );
}

/** Merge facts that share an id as the database does (newer capture wins per metric). */
export function mergeById(facts: readonly Fact[]): Fact[] {
  const byId = new Map<string, Fact>();
  for (const f of facts) {
    const prev = byId.get(f.id);
    byId.set(f.id, prev ? { ...prev, ...f, values: { ...prev.values, ...f.values } } : f);
  }
  return [...byId.values()];
}

/** The sandbox shop's closed days from..to plus the capture-day snapshots of `to + 1`. */
export function fullWorldFacts(shopId: string, from: string, to: string, today: string): Fact[] {
  const w = world();
  const out: Fact[] = serviceWorldFacts(shopId, from, to);
  const put = (
    entityKind: Fact['entityKind'],
    entityId: string,
    date: string,
    values: Record<string, number>,
    dims: Record<string, string>,
    grain: Fact['grain'] = 'day',
    name?: string,
  ) => out.push(mkWorldFact(shopId, entityKind, entityId, date, values, dims, grain, name));
  const shop = w.shop(shopId);
  const items = w.items(shopId);
  const cate = MARKET_CATE[shop.key].cateId;
  const rivals = rivalShops(w.seed, shop);
  const ad = (row: Parameters<typeof withRates>[0]) => readAdValues('wanxiang', withRates(row) as unknown as Record<string, unknown>, 'row', []);
  for (const date of dateRange(from, to)) {
    const day = w.shopDay(shopId, date);
    put('shop', shopId, date, { ...day }, { device: '0' });
    for (const it of w.itemDays(shopId, date)) {
      const { itemId, ...v } = it;
      put('item', itemId, date, v, { device: '0' }, 'day', items.find((x) => x.itemId === itemId)?.title);
      for (const s of skuSales(w, shopId, itemId, date)) {
        put('sku', s.sku.skuId, date, { payAmt: s.payAmt, payByrCnt: s.payByrCnt, payItmCnt: s.payItmCnt }, { device: '0', itemId }, 'day', s.sku.name);
      }
    }
    const own = marketIndexes(selfMarketDay(day));
    put('shop', shopId, date, { tradeIndex: own.tradeIndex, uvIndex: own.uvIndex }, { device: '0', cateId: cate, list: 'compare' });
    for (const r of rivals) {
      const idx = marketIndexes(rivalMarketDay(w.seed, day, r.userId, r.scale, r.rate, date));
      put(
        'rivalShop',
        r.userId,
        date,
        { tradeIndex: idx.tradeIndex, uvIndex: idx.uvIndex },
        { device: '0', cateId: cate, list: 'monitor', sellerType: '-1' },
        'day',
        r.title,
      );
    }
    for (const attr of [3, 15]) {
      for (const { campaign, row } of campaignRows(w, shopId, date, attr))
        put('campaign', campaign.campaignId, date, ad(row), { attr: String(attr), unify: 'zhai' }, 'day', campaign.name);
      out.push(...keywordReport(shopId, date, attr, 1));
    }
  }
  for (const it of items) {
    for (const s of skuStock(w, shopId, it.itemId, today)) {
      put(
        'sku',
        s.sku.skuId,
        today,
        { currentStockCnt: s.currentStockCnt, sellRate: s.sellRate, stockDays: s.stockDays },
        { itemId: it.itemId },
        'snapshot',
        s.sku.name,
      );
    }
  }
  for (const r of qnItemRows(w, shopId, today))
    put('item', r.itemId, today, { itemPrice: r.price, stockOnHand: r.stock, soldQty30d: r.sold30, soldQtyTotal: r.soldTotal }, {}, 'snapshot', r.title);
  const todo: Record<string, number> = {};
  for (const t of qnTodos(w, shopId, today))
    for (const d of t.details)
      if (d.uiCode === 'timeOutDelivery' || d.uiCode === 'willTimeOutDelivery')
        todo[d.uiCode === 'timeOutDelivery' ? 'todoTimeOutDelivery' : 'todoWillTimeOutDelivery'] = d.count;
  put('shop', shopId, today, todo, { panel: 'todo' }, 'snapshot');
  return mergeById(out);
}
