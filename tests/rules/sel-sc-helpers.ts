/**
 * Synthetic shops for the 选品 (SEL) and 供应链 (SC) rule tests: shop days, items, SKUs (sales with
 * dims.itemId, stock as `snapshot`), 千牛 商品管理 snapshots, 工作台 to-dos and market indexes,
 * in the shapes the adapters store.
 */
import { addDays } from '@/lib/capture/business-date';
import { buildContext, DEFAULT_PROFILE } from '@/lib/rules/context';
import type { RuleContext, ShopProfile } from '@/lib/rules/types';
import { type Fact, factId } from '@/lib/schema/fact';

/** A Wednesday well clear of every 大促 window (its 3 preceding weeks too). */
export const SC_AS_OF = '2026-09-30';
export const SHOP = 's1';

export function fact(
  entityKind: Fact['entityKind'],
  entityId: string,
  date: string,
  values: Record<string, number>,
  opts: { grain?: Fact['grain']; dims?: Record<string, string>; name?: string } = {},
): Fact {
  const f = {
    shopId: SHOP,
    entityKind,
    entityId,
    ...(opts.name ? { entityName: opts.name } : {}),
    grain: opts.grain ?? ('day' as const),
    date,
    dims: opts.dims ?? { device: '0' },
    values,
    source: { adapter: 't', route: 't' },
    capturedAt: 1,
    updatedAt: 1,
  };
  return { ...f, id: factId(f) };
}

const wobble = (i: number, k: number) => 1 + (((i * 7919 + k * 104729) % 13) - 6) / 100;

export interface ShopOpts {
  days?: number;
  items?: number;
  skusPerItem?: number;
  /** Split of an item's units over its SKUs (default 1/(j+1)). */
  skuWeights?: number[];
  /** Per item/day edit of { uv, cartByrCnt, payByrCnt, payItmCnt, payAmt }. */
  editItem?: (itemId: string, date: string, v: Record<string, number>, dayIndex: number) => void;
  /** Stock of a SKU now (default: 30 days of its demand). */
  skuStock?: (skuId: string, dailyUnits: number) => number;
  /** Extra shop-day values or edits. */
  editShop?: (date: string, v: Record<string, number>) => void;
  /** Leave out kinds of facts. */
  without?: ('sku' | 'skuStock' | 'qianniu' | 'todo' | 'items' | 'logistics' | 'market')[];
  todo?: { late: number; soon: number };
  /** Rival shop index per day (default: steady at 80 % of the own shop). */
  rivalIndex?: (date: string, ownIndex: number) => number;
  profile?: Partial<ShopProfile>;
  /** Item ids whose first day is later (a launch), as dayIndex ≥ value. */
  launch?: Record<string, number>;
  extra?: Fact[];
}

export const itemId = (k: number) => `6000000000${String(k).padStart(2, '0')}`;
export const skuId = (k: number, j: number) => `70000000${String(k).padStart(2, '0')}${j}`;

/** Toy 指数: compressive and monotone, like sycm's (never inverted by the product). */
export const toIndex = (v: number) => Math.round(12.3 * v ** 0.74 * 10) / 10;

export function shopFacts(opts: ShopOpts = {}): Fact[] {
  const days = opts.days ?? 60;
  const nItems = opts.items ?? 20;
  const nSku = opts.skusPerItem ?? 3;
  const without = new Set(opts.without ?? []);
  const facts: Fact[] = [];
  const stockDemand = new Map<string, number>();
  for (let i = days - 1; i >= 0; i--) {
    const date = addDays(SC_AS_OF, -i);
    const dayIndex = days - 1 - i;
    let shopUv = 0;
    let shopBuyers = 0;
    let shopAmt = 0;
    for (let k = 0; k < nItems; k++) {
      const id = itemId(k);
      if (opts.launch?.[id] !== undefined && dayIndex < (opts.launch[id] as number)) continue;
      const pop = 1 / (k + 1) ** 0.7;
      const uv = Math.max(1, Math.round(600 * pop * wobble(i, k)));
      const price = 100 + 10 * k;
      const v: Record<string, number> = {
        uv,
        cartByrCnt: Math.round(uv * 0.08 * wobble(i, k + 3)),
        payByrCnt: Math.round(uv * 0.04 * wobble(i, k + 5)),
      };
      v.payItmCnt = v.payByrCnt as number;
      v.payAmt = (v.payItmCnt as number) * price;
      opts.editItem?.(id, date, v, dayIndex);
      shopUv += v.uv as number;
      shopBuyers += v.payByrCnt as number;
      shopAmt += v.payAmt as number;
      if (!without.has('items')) facts.push(fact('item', id, date, v, { name: `商品${k}` }));
      if (!without.has('sku')) {
        // SKU j gets weight 1/(j+1); units split by largest remainder.
        const w = Array.from({ length: nSku }, (_, j) => opts.skuWeights?.[j] ?? 1 / (j + 1));
        const tot = w.reduce((a, b) => a + b, 0);
        let left = v.payItmCnt as number;
        for (let j = 0; j < nSku; j++) {
          const u = j === nSku - 1 ? left : Math.min(left, Math.round(((v.payItmCnt as number) * (w[j] as number)) / tot));
          left -= u;
          facts.push(fact('sku', skuId(k, j), date, { payItmCnt: u, payAmt: u * price }, { dims: { device: '0', itemId: id }, name: `${k}-颜色${j}` }));
          const key = skuId(k, j);
          stockDemand.set(key, (stockDemand.get(key) ?? 0) + u);
        }
      }
    }
    const shop: Record<string, number> = {
      uv: shopUv,
      payByrCnt: shopBuyers,
      payAmt: shopAmt,
      payAmtRfdRate: 0.05 * wobble(i, 1),
      payShopRfdAmt: shopAmt * 0.05 * wobble(i, 1),
    };
    if (!without.has('logistics')) {
      shop.gotInTime24hRate = 0.97;
      shop.gotInTime48hRate = 0.995;
      shop.avgSignTimeHh = 50 * wobble(i, 2);
    }
    opts.editShop?.(date, shop);
    facts.push(fact('shop', SHOP, date, shop));
    if (!without.has('market')) {
      const own = toIndex(shopAmt);
      facts.push(fact('shop', SHOP, date, { tradeIndex: own }, { dims: { device: '0', list: 'compare', cateId: '1' } }));
      facts.push(
        fact(
          'rivalShop',
          '2200000001',
          date,
          { tradeIndex: opts.rivalIndex ? opts.rivalIndex(date, own) : toIndex(shopAmt * 0.8) },
          { dims: { device: '0', list: 'compare', cateId: '1' }, name: '竞店甲' },
        ),
      );
    }
  }
  const snapDate = addDays(SC_AS_OF, 1);
  for (let k = 0; k < nItems; k++) {
    const id = itemId(k);
    let itemStock = 0;
    for (let j = 0; j < nSku; j++) {
      const key = skuId(k, j);
      const daily = (stockDemand.get(key) ?? 0) / days;
      const stock = opts.skuStock ? opts.skuStock(key, daily) : Math.max(1, Math.round(daily * 30));
      itemStock += stock;
      if (!without.has('sku') && !without.has('skuStock'))
        facts.push(fact('sku', key, snapDate, { currentStockCnt: stock }, { grain: 'snapshot', dims: { itemId: id } }));
    }
    if (!without.has('qianniu')) {
      const sold30 = facts
        .filter((f) => f.entityKind === 'item' && f.entityId === id && f.date > addDays(SC_AS_OF, -30))
        .reduce((a, f) => a + (f.values.payItmCnt ?? 0), 0);
      facts.push(fact('item', id, snapDate, { stockOnHand: itemStock, soldQty30d: sold30, itemPrice: 100 + 10 * k }, { grain: 'snapshot', dims: {} }));
    }
  }
  if (!without.has('todo')) {
    facts.push(
      fact(
        'shop',
        SHOP,
        snapDate,
        { todoTimeOutDelivery: opts.todo?.late ?? 0, todoWillTimeOutDelivery: opts.todo?.soon ?? 0 },
        { grain: 'snapshot', dims: { panel: 'todo' } },
      ),
    );
  }
  return [...facts, ...(opts.extra ?? [])];
}

export function scContext(opts: ShopOpts = {}): RuleContext {
  const profile: ShopProfile = { ...DEFAULT_PROFILE, ...opts.profile, assumed: opts.profile ? [] : DEFAULT_PROFILE.assumed };
  const ctx = buildContext(SHOP, shopFacts(opts), profile);
  if (!ctx) throw new Error('no context');
  return ctx;
}
