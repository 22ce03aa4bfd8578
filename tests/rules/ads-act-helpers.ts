/** Synthetic ad and activity histories for the ADS / ACT rule tests, in the adapters' fact shapes. */
import { addDays } from '@/lib/capture/business-date';
import { buildContext, DEFAULT_PROFILE } from '@/lib/rules/context';
import type { RuleContext, ShopProfile } from '@/lib/rules/types';
import { type Fact, factId } from '@/lib/schema/fact';

export const ADS_AS_OF = '2026-09-30';
export const SHOP = 's1';
export const ENTERED: ShopProfile = { ...DEFAULT_PROFILE, grossMargin: 0.4, assumed: [] };

export function fact(
  kind: Fact['entityKind'],
  id: string,
  date: string,
  values: Record<string, number>,
  dims: Record<string, string>,
  grain: Fact['grain'] = 'day',
  name?: string,
): Fact {
  const f = {
    shopId: SHOP,
    entityKind: kind,
    entityId: id,
    ...(name ? { entityName: name } : {}),
    grain,
    date,
    dims,
    values,
    source: { adapter: 't', route: 't' },
    capturedAt: 1,
    updatedAt: 1,
  };
  return { ...f, id: factId(f) };
}

export const days = (n: number, asOf = ADS_AS_OF) => Array.from({ length: n }, (_, k) => addDays(asOf, k - n + 1));

/** One ad entity's day: spend, clicks, impressions, orders, GMV, carts (attr 15, unify zhai). */
export interface AdDay {
  spend: number;
  clicks: number;
  imps?: number;
  orders?: number;
  gmv?: number;
  carts?: number;
}

export function adFacts(
  kind: 'keyword' | 'campaign' | 'crowd',
  id: string,
  name: string,
  dates: readonly string[],
  day: (date: string, i: number) => AdDay | null,
): Fact[] {
  const out: Fact[] = [];
  dates.forEach((d, i) => {
    const v = day(d, i);
    if (!v) return;
    const values: Record<string, number> = { adSpend: v.spend, adClicks: v.clicks, adImpressions: v.imps ?? v.clicks * 30 };
    if (v.orders !== undefined) values.adOrders = v.orders;
    if (v.gmv !== undefined) values.adGmv = v.gmv;
    if (v.carts !== undefined) values.adCarts = v.carts;
    out.push(fact(kind, id, d, values, { attr: '15', unify: 'zhai' }, 'day', name));
    // A 3-day-window copy that the default view must ignore.
    out.push(fact(kind, id, d, { ...values, adOrders: 0, adGmv: 0 }, { attr: '3', unify: 'zhai' }, 'day', name));
  });
  return out;
}

/** Shop days: uv, buyers, payAmt and the 首页 ad-spend codes; `edit` tweaks any day. */
export function shopFacts(dates: readonly string[], edit?: (date: string, v: Record<string, number>) => void): Fact[] {
  return dates.map((d, i) => {
    const wob = 1 + ((i * 7919) % 11) / 200;
    const v: Record<string, number> = {
      uv: Math.round(5000 * wob),
      payByrCnt: Math.round(150 * wob),
      payPct: 120,
      p4pExpendAmt: 900,
      cubeAmt: 300,
      feedCharge: 200,
      adStrategyAmt: 400,
      wwReplyManualAvgTimeLen: 20,
    };
    edit?.(d, v);
    v.payAmt = v.payByrCnt! * v.payPct!;
    v.payRate = v.payByrCnt! / v.uv!;
    return fact('shop', SHOP, d, v, { device: '0' });
  });
}

export function ctxOf(facts: Fact[], profile: ShopProfile = DEFAULT_PROFILE): RuleContext {
  const c = buildContext(SHOP, facts, profile);
  if (!c) throw new Error('no context');
  return c;
}

/** 20 ordinary keywords (5% CVR, CTR ~3.3%, ¥1 CPC, ¥100 AOV) plus optional special ones. */
export function keywordShop(opts: { special?: Fact[]; n?: number; profile?: ShopProfile; history?: number } = {}): RuleContext {
  const dates = days(opts.history ?? 30);
  const facts = shopFacts(dates);
  for (let k = 0; k < (opts.n ?? 20); k++)
    facts.push(
      ...adFacts('keyword', `kw${k}`, `词${k}`, dates, (_d, i) => ({ spend: 20, clicks: 20, imps: 600, orders: i % 1 === 0 ? 1 : 0, gmv: 100, carts: 2 })),
    );
  facts.push(...(opts.special ?? []));
  return ctxOf(facts, opts.profile);
}
