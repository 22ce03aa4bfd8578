/** Traffic-source tree with sycm pageId codes (console-sources §5.3) and daily splits of shop uv. */
import { allocate, allocateMoney } from './alloc.ts';
import type { PlantedEffect } from './planted.ts';
import { tri } from './prng.ts';
import type { CoreSales } from './shopDay.ts';
import type { Shop } from './shops.ts';

export interface TrafficSource {
  readonly pageId: string;
  /** '0' for top-level nodes. */
  readonly pPageId: string;
  readonly pageName: string;
  readonly pageLevel: 1 | 2;
  /** Leaf only: typical share of shop visitors and relative conversion. */
  readonly share: number;
  readonly conversion: number;
  /** true when the code is not confirmed by console-sources (invented for the sandbox). */
  readonly guessedCode: boolean;
}

export interface SourceDay {
  readonly pageId: string;
  readonly pPageId: string;
  readonly pageName: string;
  readonly pageLevel: 1 | 2;
  readonly uv: number;
  readonly payByrCnt: number;
  readonly payAmt: number;
}

type LeafSpec = readonly [pageId: string, parent: string, name: string, shareA: number, shareB: number, conv: number, guessed: boolean];

const PARENTS: readonly (readonly [string, string, boolean])[] = [
  ['22', '广告流量', false],
  ['23', '平台流量', false],
  ['24', '自主访问', true],
];

const LEAVES: readonly LeafSpec[] = [
  ['22.2', '22', '直通车(关键词推广)', 0.12, 0.1, 0.9, false],
  ['22.17', '22', '万相台', 0.08, 0.07, 0.95, false],
  ['22.19', '22', '引力魔方(精准人群推广)', 0.04, 0.04, 0.7, false],
  ['22.1', '22', '淘宝客', 0.02, 0.03, 1.2, false],
  ['23.s1150', '23', '手淘搜索', 0.3, 0.33, 1.1, false],
  ['23.s1152', '23', '手淘推荐', 0.18, 0.15, 0.6, true],
  ['23.s2594', '23', '手淘淘宝直播', 0.03, 0.04, 1.0, false],
  ['23.11', '23', '淘内免费其他', 0.05, 0.05, 0.8, false],
  ['24.1', '24', '直接访问', 0.05, 0.06, 1.5, true],
  ['24.2', '24', '购物车', 0.08, 0.07, 2.2, true],
  ['24.3', '24', '我的淘宝', 0.05, 0.06, 1.6, true],
];

export function buildTrafficSources(shop: Shop): TrafficSource[] {
  const parents: TrafficSource[] = PARENTS.map(([pageId, pageName, guessedCode]) => ({
    pageId,
    pPageId: '0',
    pageName,
    pageLevel: 1,
    share: LEAVES.filter((l) => l[1] === pageId).reduce((a, l) => a + (shop.key === 'A' ? l[3] : l[4]), 0),
    conversion: 1,
    guessedCode,
  }));
  const leaves: TrafficSource[] = LEAVES.map(([pageId, pPageId, pageName, a, b, conversion, guessedCode]) => ({
    pageId,
    pPageId,
    pageName,
    pageLevel: 2,
    share: shop.key === 'A' ? a : b,
    conversion,
    guessedCode,
  }));
  return [...parents, ...leaves];
}

/**
 * Leaves split the shop totals exactly; level-1 rows are the sums of their children.
 * Planted traffic losses are taken from the effect's `lostFromSources`, so other sources keep
 * the visitors they would have had.
 */
export function computeSourceDays(
  seed: number,
  shop: Shop,
  sources: readonly TrafficSource[],
  date: string,
  totals: CoreSales,
  effects: readonly PlantedEffect[],
): SourceDay[] {
  const leaves = sources.filter((s) => s.pageLevel === 2);
  let w = leaves.map((s) => s.share * (1 + tri(0.06, seed, shop.runAsShopId, date, 'src', s.pageId)));
  for (const e of effects) {
    const factor = e.uvFactor ?? 1;
    const lost = e.lostFromSources;
    if (factor === 1 || !lost || lost.length === 0) continue;
    const total = w.reduce((a, b) => a + b, 0);
    const sOther = w.reduce((a, x, i) => (lost.includes(leaves[i]?.pageId ?? '') ? a : a + x), 0) / total;
    const sAff = 1 - sOther;
    const k = Math.max(0, (1 - sOther / factor) / sAff);
    w = w.map((x, i) => (lost.includes(leaves[i]?.pageId ?? '') ? x * k : x / factor));
  }
  const wBuy = w.map((x, i) => x * (leaves[i]?.conversion ?? 1));
  const uv = allocate(totals.uv, w);
  const buyers = allocate(totals.payByrCnt, wBuy);
  const amt = allocateMoney(totals.payAmt, wBuy);
  const leafDays: SourceDay[] = leaves.map((s, i) => ({
    pageId: s.pageId,
    pPageId: s.pPageId,
    pageName: s.pageName,
    pageLevel: 2,
    uv: uv[i] ?? 0,
    payByrCnt: buyers[i] ?? 0,
    payAmt: amt[i] ?? 0,
  }));
  const parentDays: SourceDay[] = sources
    .filter((s) => s.pageLevel === 1)
    .map((p) => {
      const kids = leafDays.filter((l) => l.pPageId === p.pageId);
      return {
        pageId: p.pageId,
        pPageId: '0',
        pageName: p.pageName,
        pageLevel: 1,
        uv: kids.reduce((a, k) => a + k.uv, 0),
        payByrCnt: kids.reduce((a, k) => a + k.payByrCnt, 0),
        payAmt: Math.round(kids.reduce((a, k) => a + k.payAmt * 100, 0)) / 100,
      };
    });
  return [...parentDays, ...leafDays];
}
