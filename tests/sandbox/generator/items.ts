/** Item and SKU catalogue (~40 items per shop, 2–4 SKUs each) and daily item metrics. */
import { allocate, allocateMoney, round } from './alloc.ts';
import { toDayNum } from './dates.ts';
import { effectsOn, stockStall } from './planted.ts';
import { between, intBetween, numericId, pick, rand, tri } from './prng.ts';
import type { CoreSales } from './shopDay.ts';
import type { Shop } from './shops.ts';

export interface Item {
  readonly itemId: string;
  readonly shopId: string;
  readonly title: string;
  readonly price: number;
  /** Relative popularity (share of visitors before daily noise). */
  readonly popularity: number;
  /** Relative conversion (1 = shop average). */
  readonly conversion: number;
}

export interface Sku {
  readonly skuId: string;
  readonly itemId: string;
  readonly name: string;
  readonly price: number;
  readonly baseStock: number;
  /** Expected units per day (from the item's share of the shop's buyers), which sizes the stock. */
  readonly dailyUnits: number;
  /** Restock cycle in days and its phase offset. */
  readonly restockEvery: number;
  readonly restockOffset: number;
}

export interface ItemDay {
  readonly itemId: string;
  readonly uv: number;
  readonly pv: number;
  readonly payByrCnt: number;
  readonly payItmCnt: number;
  readonly payAmt: number;
  readonly cartByrCnt: number;
  readonly cltItmCnt: number;
}

interface ProductKind {
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
}

const PRODUCTS: Record<Shop['key'], readonly ProductKind[]> = {
  A: [
    { name: '纯棉四件套', lo: 199, hi: 499 },
    { name: '珊瑚绒毯', lo: 89, hi: 199 },
    { name: '白鹅绒羽绒被', lo: 399, hi: 999 },
    { name: '桑蚕丝被', lo: 499, hi: 1299 },
    { name: '泰国乳胶枕', lo: 99, hi: 259 },
    { name: '记忆棉枕头', lo: 79, hi: 199 },
    { name: '夏凉被', lo: 99, hi: 229 },
    { name: '防水床笠', lo: 59, hi: 149 },
    { name: '纯棉浴巾套装', lo: 39, hi: 99 },
    { name: '沙发抱枕', lo: 39, hi: 99 },
    { name: '冰丝凉席三件套', lo: 129, hi: 399 },
    { name: '加厚床垫褥子', lo: 299, hi: 899 },
  ],
  B: [
    { name: '三合一冲锋衣', lo: 399, hi: 1299 },
    { name: '速干T恤', lo: 79, hi: 199 },
    { name: '防水登山鞋', lo: 399, hi: 899 },
    { name: '自动速开帐篷', lo: 299, hi: 1599 },
    { name: '羽绒睡袋', lo: 199, hi: 599 },
    { name: '便携折叠露营椅', lo: 99, hi: 299 },
    { name: '碳纤维登山杖', lo: 69, hi: 199 },
    { name: '徒步双肩背包', lo: 199, hi: 699 },
    { name: 'UPF50+防晒衣', lo: 99, hi: 299 },
    { name: '黑胶天幕', lo: 199, hi: 699 },
    { name: '户外保温壶', lo: 89, hi: 199 },
    { name: 'USB充电头灯', lo: 59, hi: 159 },
  ],
};

const ADJECTIVES: Record<Shop['key'], readonly string[]> = {
  A: ['全棉', '60支长绒棉', '加厚', '简约北欧', '磨毛', '天竺棉', '水洗棉', 'ins风', '轻奢', 'A类母婴级', '抗菌防螨', '纯色'],
  B: ['轻量化', '防水透气', '专业级', '超轻', '户外', '自动', '便携', '碳纤维', '冰感', '加厚保暖', '男女款', '2026新款'],
};

const SUFFIXES: Record<Shop['key'], readonly string[]> = {
  A: ['床上用品', '宿舍家用', '秋冬款', '四季通用', '官方正品', '新品'],
  B: ['徒步露营', '登山装备', '野营必备', '旅行出游', '官方旗舰', '新品'],
};

const SKU_SPECS: Record<Shop['key'], readonly [readonly string[], readonly string[]]> = {
  A: [
    ['浅灰', '奶白', '雾蓝', '豆绿', '焦糖'],
    ['1.5m床', '1.8m床', '2.0m床', '标准款'],
  ],
  B: [
    ['曜石黑', '岩石灰', '军绿', '卡其', '冰川蓝'],
    ['S', 'M', 'L', 'XL'],
  ],
};

/** A deliberately hostile title (shop A) so UIs must escape item titles. */
export const XSS_TITLE = '<img src=x onerror=alert(1)>加厚珊瑚绒毯 法兰绒毛毯冬季盖毯';
export const XSS_ITEM_INDEX = 5;
export const ITEMS_PER_SHOP = 40;

function priceIn(lo: number, hi: number, seed: number, ...parts: (string | number)[]): number {
  const raw = between(lo, hi, seed, ...parts);
  return round(Math.floor(raw / 10) * 10 + (rand(seed, ...parts, 'cents') < 0.5 ? 9 : 9.9), 2);
}

export function buildItems(seed: number, shop: Shop): Item[] {
  const used = new Set<string>();
  const items: Item[] = [];
  for (let i = 0; i < ITEMS_PER_SHOP; i++) {
    const kind = pick(PRODUCTS[shop.key], seed, shop.runAsShopId, 'kind', i);
    const adj = pick(ADJECTIVES[shop.key], seed, shop.runAsShopId, 'adj', i);
    const suffix = pick(SUFFIXES[shop.key], seed, shop.runAsShopId, 'suffix', i);
    const brand = shop.key === 'A' ? '暖居' : '轻野';
    const title = shop.key === 'A' && i === XSS_ITEM_INDEX ? XSS_TITLE : `${brand}${adj}${kind.name} ${suffix}`;
    let itemId = numericId(12, seed, shop.runAsShopId, 'item', i);
    for (let k = 1; used.has(itemId); k++) itemId = numericId(12, seed, shop.runAsShopId, 'item', i, k);
    used.add(itemId);
    items.push({
      itemId,
      shopId: shop.runAsShopId,
      title,
      price: shop.key === 'A' && i === XSS_ITEM_INDEX ? 129.9 : priceIn(kind.lo, kind.hi, seed, shop.runAsShopId, 'price', i),
      popularity: round(between(0.8, 1.2, seed, shop.runAsShopId, 'pop', i) / (i + 1) ** 0.9, 6),
      conversion: round(between(0.6, 1.5, seed, shop.runAsShopId, 'conv', i), 4),
    });
  }
  return items;
}

/** Days of demand a well-run shop keeps even just before a restock arrives (above SC-01's 14-day line). */
export const MIN_COVER_DAYS = 28;

export function buildSkus(seed: number, shop: Shop, items: readonly Item[]): Sku[] {
  const [colors, sizes] = SKU_SPECS[shop.key];
  const out: Sku[] = [];
  // Expected units per day of an item: its share of buyers × units per buyer (≈ 1.4) × growth since the start.
  const buyW = items.map((it) => it.popularity * it.conversion);
  const buyTot = buyW.reduce((a, b) => a + b, 0) || 1;
  const shopUnits = shop.profile.baseUv * shop.profile.basePayRate * 1.4 * 1.1;
  items.forEach((item, i) => {
    const count = intBetween(2, 4, seed, item.itemId, 'skuCount');
    const c0 = intBetween(0, colors.length - 1, seed, item.itemId, 'c0');
    const skuTot = Array.from({ length: count }, (_, k) => 1 / (k + 1)).reduce((a, b) => a + b, 0);
    for (let k = 0; k < count; k++) {
      const color = colors[(c0 + k) % colors.length] ?? '';
      const size = sizes[(i + k) % sizes.length] ?? '';
      const dailyUnits = round((shopUnits * ((buyW[i] ?? 0) / buyTot) * (1 / (k + 1))) / skuTot, 4);
      const restockEvery = intBetween(18, 35, seed, item.itemId, 'restock', k);
      out.push({
        skuId: numericId(13, seed, item.itemId, 'sku', k),
        itemId: item.itemId,
        name: `颜色分类:${color};尺码:${size}`,
        price: round(item.price + k * (shop.key === 'A' ? 20 : 30), 2),
        baseStock: Math.max(1, Math.round(dailyUnits * (MIN_COVER_DAYS + restockEvery))),
        dailyUnits,
        restockEvery,
        restockOffset: intBetween(0, 34, seed, item.itemId, 'restockOff', k),
      });
    }
  });
  return out;
}

/**
 * Stock on hand at the end of `date`: a saw-tooth between restocks that never drops below
 * MIN_COVER_DAYS of expected demand (a healthy shop re-orders in time), except where a planted
 * problem stops the restocking (supplier delay): then the stock runs down by expected demand.
 */
export function skuStockOn(sku: Sku, date: string): number {
  const stall = stockStall(sku.skuId, date);
  if (stall) return Math.max(0, Math.round(sku.dailyUnits * Math.max(0, stall.coverAtStart - stall.daysSince)));
  const phase = ((toDayNum(date) + sku.restockOffset) % sku.restockEvery) / sku.restockEvery;
  return Math.max(1, Math.round(sku.dailyUnits * (MIN_COVER_DAYS + sku.restockEvery * (1 - phase))));
}

/**
 * Splits the shop's daily totals across items; uv, pv, payByrCnt, payItmCnt, payAmt, cartByrCnt and
 * cltItmCnt sum exactly to the shop values given.
 */
export function computeItemDays(
  seed: number,
  items: readonly Item[],
  date: string,
  totals: CoreSales & { pv: number; payItmCnt: number; cartByrCnt: number; cltItmCnt: number },
): ItemDay[] {
  const w = items.map((it, i) => it.popularity * (1 + tri(0.2, seed, it.itemId, date, 'w', i)));
  // Planted "no sale" items keep their visitors but nobody buys (the others absorb the buyers).
  const noSale = new Set(effectsOn(items[0]?.shopId ?? '', date).map((e) => e.noSalesItemIndex));
  const wBuy = w.map((x, i) => (noSale.has(i) ? 0 : x * (items[i]?.conversion ?? 1)));
  const wAmt = wBuy.map((x, i) => x * (items[i]?.price ?? 1));
  const uv = allocate(totals.uv, w);
  const pv = allocate(totals.pv, w);
  const payByrCnt = allocate(totals.payByrCnt, wBuy);
  const payItmCnt = allocate(totals.payItmCnt, wBuy);
  const payAmt = allocateMoney(totals.payAmt, wAmt);
  const cart = allocate(totals.cartByrCnt, w);
  const clt = allocate(totals.cltItmCnt, w);
  return items.map((it, i) => ({
    itemId: it.itemId,
    uv: uv[i] ?? 0,
    pv: pv[i] ?? 0,
    payByrCnt: payByrCnt[i] ?? 0,
    payItmCnt: payItmCnt[i] ?? 0,
    payAmt: payAmt[i] ?? 0,
    cartByrCnt: cart[i] ?? 0,
    cltItmCnt: clt[i] ?? 0,
  }));
}
