/** Ad campaigns (5 per shop) and keywords (~60 per shop) with daily splits of the shop's ad spend. */
import { allocate, allocateMoney, round } from './alloc.ts';
import type { ShopDay } from './metrics.ts';
import { between, numericId, pick, tri } from './prng.ts';
import type { Shop } from './shops.ts';

export type CampaignType = 'keyword' | 'crowd' | 'scene' | 'fullsite';
export type SpendCode = 'p4pExpendAmt' | 'cubeAmt' | 'feedCharge' | 'adStrategyAmt';

export interface Campaign {
  readonly campaignId: string;
  readonly shopId: string;
  readonly name: string;
  readonly type: CampaignType;
  /** Home KPI whose daily value this campaign's charge is part of. */
  readonly spendCode: SpendCode;
  /** Share of that KPI (campaigns of the same code sum to 1). */
  readonly share: number;
  readonly dailyBudget: number;
  readonly roi: number;
}

export interface Keyword {
  readonly keywordId: string;
  readonly campaignId: string;
  readonly word: string;
  readonly bidPrice: number;
  readonly weight: number;
}

export interface CampaignDay {
  readonly campaignId: string;
  readonly charge: number;
  readonly impressions: number;
  readonly clicks: number;
  readonly ctr: number;
  readonly cpc: number;
  readonly alipayInshopAmt: number;
  readonly roi: number;
}

export interface KeywordDay {
  readonly keywordId: string;
  readonly campaignId: string;
  readonly charge: number;
  readonly impressions: number;
  readonly clicks: number;
  readonly alipayInshopAmt: number;
}

const TYPE_CODE: Record<CampaignType, SpendCode> = {
  keyword: 'p4pExpendAmt',
  crowd: 'cubeAmt',
  scene: 'feedCharge',
  fullsite: 'adStrategyAmt',
};

const CAMPAIGNS: Record<Shop['key'], readonly (readonly [string, CampaignType, number])[]> = {
  A: [
    ['关键词-四件套核心词', 'keyword', 0.6],
    ['关键词-冬被毛毯拓词', 'keyword', 0.4],
    ['精准人群-老客召回', 'crowd', 1],
    ['智能场景-上新测款', 'scene', 1],
    ['全站推广-店铺整体', 'fullsite', 1],
  ],
  B: [
    ['关键词-冲锋衣核心词', 'keyword', 0.55],
    ['关键词-露营装备拓词', 'keyword', 0.45],
    ['精准人群-户外兴趣人群', 'crowd', 1],
    ['智能场景-爆款拉新', 'scene', 1],
    ['全站推广-店铺整体', 'fullsite', 1],
  ],
};

const KEYWORD_PARTS: Record<Shop['key'], readonly [readonly string[], readonly string[]]> = {
  A: [
    ['四件套', '床上四件套', '纯棉四件套', '被套', '床单', '珊瑚绒毯', '毛毯', '羽绒被', '蚕丝被', '冬被', '枕头', '乳胶枕'],
    ['纯棉', '全棉', '加厚', '冬季', '家用', '学生宿舍', '1.8m', 'ins风', '简约', '保暖', '', '100%棉'],
  ],
  B: [
    ['冲锋衣', '冲锋衣男', '冲锋衣女', '登山鞋', '帐篷', '露营帐篷', '睡袋', '露营椅', '登山杖', '背包', '防晒衣', '天幕'],
    ['户外', '防水', '三合一', '轻量', '超轻', '便携', '加厚', '冬季', '专业', '徒步', '', '2026新款'],
  ],
};

export function buildCampaigns(seed: number, shop: Shop): Campaign[] {
  const spend = shop.profile.adSpend;
  const base: Record<SpendCode, number> = {
    p4pExpendAmt: spend.p4p,
    cubeAmt: spend.cube,
    feedCharge: spend.feed,
    adStrategyAmt: spend.fullsite,
  };
  return CAMPAIGNS[shop.key].map(([name, type, share], i) => ({
    campaignId: numericId(10, seed, shop.runAsShopId, 'campaign', i),
    shopId: shop.runAsShopId,
    name,
    type,
    spendCode: TYPE_CODE[type],
    share,
    dailyBudget: Math.ceil((base[TYPE_CODE[type]] * share * 1.6) / 100) * 100,
    roi: round(between(2.8, 4.5, seed, shop.runAsShopId, 'roi', i), 2),
  }));
}

export function buildKeywords(seed: number, shop: Shop, campaigns: readonly Campaign[]): Keyword[] {
  const [heads, mods] = KEYWORD_PARTS[shop.key];
  const out: Keyword[] = [];
  const seen = new Set<string>();
  campaigns
    .filter((c) => c.type === 'keyword')
    .forEach((c, ci) => {
      let n = 0;
      for (let k = 0; n < 30 && k < 500; k++) {
        const head = pick(heads, seed, c.campaignId, 'head', k);
        const mod = pick(mods, seed, c.campaignId, 'mod', k);
        const word = mod ? `${mod}${head}` : head;
        if (seen.has(word)) continue;
        seen.add(word);
        out.push({
          keywordId: numericId(12, seed, c.campaignId, 'kw', k),
          campaignId: c.campaignId,
          word,
          bidPrice: round(between(0.6, 3.2, seed, c.campaignId, 'bid', k) + ci * 0.1, 2),
          weight: round(between(0.5, 1.5, seed, c.campaignId, 'kww', k) / (n + 1) ** 0.7, 6),
        });
        n++;
      }
    });
  return out;
}

export function computeCampaignDays(seed: number, shop: Shop, campaigns: readonly Campaign[], date: string, day: ShopDay): CampaignDay[] {
  const charges = new Map<string, number>();
  for (const code of ['p4pExpendAmt', 'cubeAmt', 'feedCharge', 'adStrategyAmt'] as const) {
    const group = campaigns.filter((c) => c.spendCode === code);
    const split = allocateMoney(
      day[code],
      group.map((c) => c.share * (1 + tri(0.1, seed, c.campaignId, date, 'share'))),
    );
    group.forEach((c, i) => {
      charges.set(c.campaignId, split[i] ?? 0);
    });
  }
  const cpcBase = shop.key === 'A' ? 1.1 : 1.4;
  return campaigns.map((c) => {
    const charge = charges.get(c.campaignId) ?? 0;
    const cpc = cpcBase * (1 + tri(0.15, seed, c.campaignId, date, 'cpc'));
    const clicks = Math.max(1, Math.round(charge / cpc));
    const ctr = 0.035 * (1 + tri(0.2, seed, c.campaignId, date, 'ctr'));
    const impressions = Math.round(clicks / ctr);
    const alipayInshopAmt = round(charge * c.roi * (1 + tri(0.25, seed, c.campaignId, date, 'roi')), 2);
    return {
      campaignId: c.campaignId,
      charge,
      impressions,
      clicks,
      ctr: round(clicks / impressions, 4),
      cpc: round(charge / clicks, 2),
      alipayInshopAmt,
      roi: charge > 0 ? round(alipayInshopAmt / charge, 2) : 0,
    };
  });
}

/** Keyword rows split their campaign's charge, clicks, impressions and GMV exactly. */
export function computeKeywordDays(
  seed: number,
  keywords: readonly Keyword[],
  campaignDays: readonly CampaignDay[],
  date: string,
  /** Planted zero-conversion keyword of this day: campaign # among keyword campaigns, rank, spend factor. */
  zeroConv?: { readonly campaign: number; readonly rank: number; readonly spendFactor: number },
): KeywordDay[] {
  const out: KeywordDay[] = [];
  let kwCampaign = -1;
  for (const cd of campaignDays) {
    const kws = keywords.filter((k) => k.campaignId === cd.campaignId);
    if (kws.length === 0) continue;
    kwCampaign++;
    const planted = zeroConv && zeroConv.campaign === kwCampaign ? zeroConv.rank : -1;
    const w = kws.map((k, i) => k.weight * (1 + tri(0.3, seed, k.keywordId, date, 'w')) * (i === planted ? (zeroConv?.spendFactor ?? 1) : 1));
    const charge = allocateMoney(cd.charge, w);
    const clicks = allocate(cd.clicks, w);
    const imps = allocate(cd.impressions, w);
    // A planted zero-conversion keyword's sales go to the campaign's other keywords (totals unchanged).
    const amt = allocateMoney(
      cd.alipayInshopAmt,
      w.map((x, i) => (i === planted ? 0 : x)),
    );
    kws.forEach((k, i) => {
      out.push({
        keywordId: k.keywordId,
        campaignId: k.campaignId,
        charge: charge[i] ?? 0,
        impressions: imps[i] ?? 0,
        clicks: clicks[i] ?? 0,
        alipayInshopAmt: amt[i] ?? 0,
      });
    });
  }
  return out;
}
