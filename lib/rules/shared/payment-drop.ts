/**
 * Cause-linked explanation of a change in 支付金额 (domain-rules DA-02, DA-03, §3.10 措辞).
 *
 * 1. The day's payment amount against its same-weekday baseline is split exactly into
 *    访客 × 转化率 × 客单价 by log ratios (lib/series decomposeGmv).
 * 2. The change is drilled into traffic sources (leaf channels of the sycm-flow tree) and items.
 * 3. Causes are linked where the data allows: from the shop's own source data (search /
 *    recommendation / paid traffic fell) and from other areas' fired findings passed in
 *    (stock-out, ad budget exhausted, a campaign ended, high-price throttling), each with the
 *    yuan it can account for. Wording stays "伴随 / 可解释", never "导致": these are overlapping
 *    accounting identities, not a causal model.
 */
import { formatMoney, formatSignedPct } from '../../format';
import type { Area, Severity } from '../../schema/finding';
import { decomposeGmv, type GmvFactor } from '../../series/decompose';
import type { RuleContext, Text } from '../types';
import { type Channel, type ChannelKind, channels, compareToBaseline } from './da-channels';

/** The part of another area's finding the explanation reads (a FindingDraft fits). */
export interface CauseFinding {
  ruleId: string;
  area: Area;
  status: string;
  severity?: Severity;
  entity: { kind: string; id: string; name?: string | undefined };
  title?: Text;
}

export type CauseKind = 'stock-out' | 'ad-budget' | 'campaign-ended' | 'price-limit' | 'search-drop' | 'recommend-drop' | 'paid-drop';

export interface Cause {
  kind: CauseKind;
  label: Text;
  /** 'finding' = another rule found it; 'data' = read from the shop's own source data. */
  via: 'finding' | 'data';
  ruleId?: string;
  entity?: CauseFinding['entity'];
  /** Yuan of the payment change this cause can account for (negative = loss); null when the data cannot say. */
  amount: number | null;
  /** amount ÷ |change|, 0–1 for a loss it explains; null when unknown. */
  share: number | null;
}

export interface FactorPart {
  factor: GmvFactor;
  /** cur ÷ base − 1 of the factor. */
  change: number;
  /** Log-ratio share of the total change (sums to 1). */
  share: number;
  /** Yuan of the change booked to this factor (sums to the change of U·C·A). */
  amount: number;
}

export interface ChannelPart {
  id: string;
  name: string;
  kind: ChannelKind;
  uv: number;
  uvBase: number;
  deltaUv: number;
  /** Δuv_s ÷ Σ Δuv over the leaf channels. */
  uvShare: number | null;
  /** Δ payment amount of the channel when the source data carries it. */
  deltaPay: number | null;
}

export interface ItemPart {
  id: string;
  name?: string | undefined;
  pay: number;
  payBase: number;
  deltaPay: number;
  /** deltaPay ÷ shop change. */
  share: number | null;
}

export interface PaymentExplanation {
  status: 'ok' | 'insufficient';
  reason?: Text;
  date: string;
  pay: number | null;
  payBase: number | null;
  /** pay − payBase (the shop's reported amounts). */
  delta: number | null;
  changePct: number | null;
  factors: FactorPart[];
  dominant: GmvFactor | null;
  channels: ChannelPart[];
  items: ItemPart[];
  causes: Cause[];
  /** One or two sentences for a finding's detail. */
  summary: Text;
}

export const FACTOR_NAMES: Record<GmvFactor, Text> = {
  visitors: { zh: '访客数', en: 'visitors' },
  conversion: { zh: '支付转化率', en: 'conversion' },
  orderValue: { zh: '客单价', en: 'order value' },
};

const CAUSE_NAMES: Record<CauseKind, Text> = {
  'stock-out': { zh: '断货', en: 'stock-out' },
  'ad-budget': { zh: '推广预算提前花完', en: 'ad budget exhausted' },
  'campaign-ended': { zh: '活动结束', en: 'campaign ended' },
  'price-limit': { zh: '高价限流', en: 'high-price throttling' },
  'search-drop': { zh: '搜索流量下降', en: 'search traffic fell' },
  'recommend-drop': { zh: '推荐流量下降', en: 'recommendation traffic fell' },
  'paid-drop': { zh: '付费流量下降', en: 'paid traffic fell' },
};

/**
 * Which other-area finding is which root cause, by the catalogue number in the rule id
 * (ids start with area code and number: sc-02-…, ads-06-…). Keywords catch renamed rules.
 */
export function causeKindOf(ruleId: string): CauseKind | null {
  const id = ruleId.toLowerCase();
  if (/^sc-02\b|stock-?out|sold-?out|断货/.test(id)) return 'stock-out';
  if (/^ads-0[69]\b|budget/.test(id)) return 'ad-budget';
  if (/^act-06\b|campaign-end|after-campaign|post-campaign|post-event/.test(id)) return 'campaign-ended';
  if (/^sel-06\b|price-limit|high-price/.test(id)) return 'price-limit';
  return null;
}

const empty = (date: string, reason: Text): PaymentExplanation => ({
  status: 'insufficient',
  reason,
  date,
  pay: null,
  payBase: null,
  delta: null,
  changePct: null,
  factors: [],
  dominant: null,
  channels: [],
  items: [],
  causes: [],
  summary: reason,
});

/** Shop factors on the day vs their own baselines; conversion from buyers ÷ visitors when 支付转化率 is not stored. */
function factorsOf(ctx: RuleContext, date: string) {
  const uv = compareToBaseline(ctx.shopSeries('uv'), date);
  let conv = compareToBaseline(ctx.shopSeries('payRate'), date);
  if (conv.value === null || conv.base === null) {
    const buyers = ctx.shopSeries('payByrCnt');
    const uvs = ctx.shopSeries('uv');
    const uvMap = new Map(uvs.map((p) => [p.date, p.value]));
    const rate = buyers.flatMap((p) => {
      const u = uvMap.get(p.date);
      return typeof u === 'number' && u > 0 && typeof p.value === 'number' ? [{ date: p.date, value: p.value / u }] : [];
    });
    conv = compareToBaseline(rate, date);
  }
  const aov = compareToBaseline(ctx.shopSeries('payPct'), date);
  return { uv, conv, aov };
}

/**
 * Explain the change of the shop's payment amount on `date` (default: ctx.asOf) against its
 * same-weekday baseline. `findings` are other rules' findings of the same shop and day.
 */
export function explainPaymentDrop(
  ctx: RuleContext,
  opts: { date?: string; findings?: readonly CauseFinding[]; channelDropPct?: number; topItems?: number } = {},
): PaymentExplanation {
  const date = opts.date ?? ctx.asOf;
  const channelDropPct = opts.channelDropPct ?? 0.2;
  const pay = compareToBaseline(ctx.shopSeries('payAmt'), date);
  if (pay.value === null)
    return empty(date, { zh: `${date} 没有支付金额数据，打开 生意参谋 首页 以采集`, en: `No payment amount for ${date}: open 生意参谋 首页 to capture it` });
  if (pay.base === null || pay.base <= 0)
    return empty(date, {
      zh: '同星期几的支付金额历史不足 2 周，打开 生意参谋 首页 切换到更早的日期以补齐',
      en: 'Under 2 weeks of same-weekday payment history: browse earlier dates on 生意参谋 首页',
    });
  const delta = pay.value - pay.base;
  const changePct = pay.value / pay.base - 1;

  // 1. Three factors.
  const f = factorsOf(ctx, date);
  let factors: FactorPart[] = [];
  let dominant: GmvFactor | null = null;
  if (f.uv.value !== null && f.uv.base !== null && f.conv.value !== null && f.conv.base !== null && f.aov.value !== null && f.aov.base !== null) {
    const d = decomposeGmv(
      { visitors: f.uv.base, conversion: f.conv.base, orderValue: f.aov.base },
      { visitors: f.uv.value, conversion: f.conv.value, orderValue: f.aov.value },
    );
    if (d.status === 'ok' && d.contributions && d.logRatios) {
      const contributions = d.contributions;
      const logRatios = d.logRatios;
      // Book the reported change (not U·C·A's) to the factors by their log shares.
      factors = (['visitors', 'conversion', 'orderValue'] as const)
        .map((k) => ({ factor: k, change: Math.expm1(logRatios[k]), share: contributions[k], amount: delta * contributions[k] }))
        .sort((a, b) => Math.abs(b.share) - Math.abs(a.share));
      dominant = d.dominant;
    }
  }

  // 2. Channels: leaf sources (children when the tree was captured), same-weekday baselines.
  const all: Channel[] = channels(ctx);
  const leaves = all.filter((c) => c.leaf);
  const chParts: ChannelPart[] = [];
  for (const c of leaves) {
    const u = compareToBaseline(ctx.series('source', c.id, 'uv'), date);
    if (u.value === null || u.base === null) continue;
    const p = compareToBaseline(ctx.series('source', c.id, 'payAmt'), date);
    chParts.push({
      id: c.id,
      name: c.name,
      kind: c.channelKind,
      uv: u.value,
      uvBase: u.base,
      deltaUv: u.value - u.base,
      uvShare: null,
      deltaPay: p.value !== null && p.base !== null ? p.value - p.base : null,
    });
  }
  const totalDeltaUv = chParts.reduce((a, c) => a + c.deltaUv, 0);
  for (const c of chParts) c.uvShare = Math.abs(totalDeltaUv) > 0 ? c.deltaUv / totalDeltaUv : null;
  chParts.sort((a, b) => a.deltaUv - b.deltaUv);

  // 3. Items: the biggest losers (or gainers on a rise).
  const itParts: ItemPart[] = [];
  for (const it of ctx.entities('item')) {
    const p = compareToBaseline(ctx.series('item', it.id, 'payAmt'), date);
    if (p.value === null || p.base === null) continue;
    const dp = p.value - p.base;
    itParts.push({ id: it.id, name: it.name, pay: p.value, payBase: p.base, deltaPay: dp, share: delta !== 0 ? dp / delta : null });
  }
  itParts.sort((a, b) => (delta < 0 ? a.deltaPay - b.deltaPay : b.deltaPay - a.deltaPay));
  const items = itParts.slice(0, opts.topItems ?? 5);

  // 4. Causes (only for a loss).
  const causes: Cause[] = [];
  if (delta < 0) {
    const valuePerUv = pay.base / Math.max(1, f.uv.base ?? 0);
    const lossOf = (kind: ChannelKind): { amount: number; names: string[] } | null => {
      const hit = chParts.filter((c) => c.kind === kind && c.uvBase > 0 && c.deltaUv / c.uvBase <= -channelDropPct);
      if (!hit.length) return null;
      const amount = hit.reduce((a, c) => a + (c.deltaPay ?? c.deltaUv * valuePerUv), 0);
      return { amount, names: hit.map((c) => c.name) };
    };
    const share = (amount: number | null) => (amount === null ? null : Math.max(0, Math.min(1, amount / delta)));
    const adFinding = (opts.findings ?? []).find((x) => x.status === 'fired' && causeKindOf(x.ruleId) === 'ad-budget');
    for (const [kind, cause] of [
      ['search', 'search-drop'],
      ['recommend', 'recommend-drop'],
      ['paid', 'paid-drop'],
    ] as const) {
      const l = lossOf(kind);
      if (!l) continue;
      // A paid-traffic loss with an exhausted-budget finding is that finding's.
      const linked = kind === 'paid' && adFinding ? adFinding : null;
      causes.push({
        kind: linked ? 'ad-budget' : cause,
        label: linked
          ? { zh: `${CAUSE_NAMES['ad-budget'].zh}（${l.names.join('、')}）`, en: `${CAUSE_NAMES['ad-budget'].en} (${l.names.join(', ')})` }
          : { zh: `${CAUSE_NAMES[cause].zh}（${l.names.join('、')}）`, en: `${CAUSE_NAMES[cause].en} (${l.names.join(', ')})` },
        via: linked ? 'finding' : 'data',
        ...(linked ? { ruleId: linked.ruleId, entity: linked.entity } : {}),
        amount: l.amount,
        share: share(l.amount),
      });
    }
    const itemDelta = new Map(itParts.map((i) => [i.id, i.deltaPay]));
    for (const x of opts.findings ?? []) {
      const kind = causeKindOf(x.ruleId);
      if (x.status !== 'fired' || !kind || (kind === 'ad-budget' && causes.some((c) => c.ruleId === x.ruleId))) continue;
      // An item's loss is what the data can pin on an item-level cause; others stay unquantified.
      const itemId = x.entity.kind === 'item' ? x.entity.id : null;
      const d = itemId ? (itemDelta.get(itemId) ?? null) : null;
      const amount = d !== null && d < 0 ? d : null;
      const who = x.entity.name ?? x.entity.id;
      causes.push({
        kind,
        label: { zh: `${CAUSE_NAMES[kind].zh}（${who}）`, en: `${CAUSE_NAMES[kind].en} (${who})` },
        via: 'finding',
        ruleId: x.ruleId,
        entity: x.entity,
        amount,
        share: share(amount),
      });
    }
    causes.sort((a, b) => (b.share ?? -1) - (a.share ?? -1));
  }

  return {
    status: 'ok',
    date,
    pay: pay.value,
    payBase: pay.base,
    delta,
    changePct,
    factors,
    dominant,
    channels: chParts,
    items,
    causes,
    summary: summarize(delta, changePct, factors, causes, items),
  };
}

const pctOf = (x: number) => `${Math.round(x * 100)}%`;

function summarize(delta: number, changePct: number, factors: FactorPart[], causes: Cause[], items: ItemPart[]): Text {
  const lead = factors[0];
  const zh: string[] = [];
  const en: string[] = [];
  if (lead) {
    zh.push(
      `拆成 访客 × 转化率 × 客单价：${factors.map((p) => `${FACTOR_NAMES[p.factor].zh} ${formatSignedPct(p.change)}（占 ${pctOf(p.share)}）`).join('，')}；主要伴随因子是${FACTOR_NAMES[lead.factor].zh}。`,
    );
    en.push(
      `Split into visitors × conversion × order value: ${factors.map((p) => `${FACTOR_NAMES[p.factor].en} ${formatSignedPct(p.change)} (${pctOf(p.share)})`).join(', ')}; it mainly goes with ${FACTOR_NAMES[lead.factor].en}.`,
    );
  }
  const known = causes.filter((c) => c.amount !== null && c.share !== null && c.share > 0);
  if (delta < 0 && known.length) {
    zh.push(`可解释的部分：${known.map((c) => `${c.label.zh} 约 ${formatMoney(-(c.amount as number))}（${pctOf(c.share as number)}）`).join('，')}。`);
    en.push(
      `What the data can account for: ${known.map((c) => `${c.label.en} ≈ ${formatMoney(-(c.amount as number), 'en')} (${pctOf(c.share as number)})`).join(', ')}.`,
    );
  }
  const unknown = causes.filter((c) => c.amount === null);
  if (delta < 0 && unknown.length) {
    zh.push(`同时存在：${unknown.map((c) => c.label.zh).join('、')}（数据不足以量化）。`);
    en.push(`Also present: ${unknown.map((c) => c.label.en).join(', ')} (not quantifiable from the data).`);
  }
  const top = items.filter((i) => (delta < 0 ? i.deltaPay < 0 : i.deltaPay > 0)).slice(0, 3);
  if (top.length) {
    zh.push(`变化最大的商品：${top.map((i) => `${i.name ?? i.id} ${formatMoney(i.deltaPay)}`).join('，')}。`);
    en.push(`Items that moved most: ${top.map((i) => `${i.name ?? i.id} ${formatMoney(i.deltaPay, 'en')}`).join(', ')}.`);
  }
  if (!zh.length) {
    zh.push(`支付金额较基线 ${formatSignedPct(changePct)}。`);
    en.push(`Payment amount ${formatSignedPct(changePct)} vs baseline.`);
  }
  return { zh: zh.join(''), en: en.join(' ') };
}
