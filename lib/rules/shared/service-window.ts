/**
 * Window sums over 客服 (CS / TEAM) and 内容 (CNT) facts: per-agent inquiry counts and reply
 * times, day checks with persistence (domain-rules §3.10: 2 of the last 3 days), and the
 * console pages to open when data is missing. Missing days stay missing: never a fake zero.
 */
import { formatRate, formatSeconds } from '../../format';
import { addDays } from '../../series/dates';
import { median } from '../../series/stats';
import type { DailySeries } from '../../series/types';
import type { EntityRef, RuleContext, Text } from '../types';

export const OPEN_SERVICE: Text = {
  zh: '打开 生意参谋 → 服务 → 客服绩效（按“日”切换日期）以采集客服数据',
  en: 'Open 生意参谋 → 服务 → 客服绩效 and switch day by day to capture agent data',
};
export const OPEN_EXPERIENCE: Text = {
  zh: '打开 千牛 → 店铺 → 店铺管理 → 真实体验分 以采集体验分',
  en: 'Open 千牛 → 店铺 → 店铺管理 → 真实体验分 to capture the experience score',
};
export const OPEN_HOME: Text = {
  zh: '打开 生意参谋 首页（按“日”切换日期）以采集核心指标',
  en: 'Open the 生意参谋 home page and switch day by day to capture the core KPIs',
};
export const OPEN_CONTENT: Text = {
  zh: '打开 生意参谋 → 内容 → 作品分析（按“日”切换日期）以采集内容数据',
  en: 'Open 生意参谋 → 内容 → 作品分析 and switch day by day to capture content data',
};
export const OPEN_FLOW: Text = {
  zh: '打开 生意参谋 → 流量 → 流量总览 / 店铺来源（终端选“所有终端”）以采集渠道访客',
  en: 'Open 生意参谋 → 流量 → 流量总览 / 店铺来源 (all terminals) to capture channel visitors',
};

export const SERVICE_LINK = {
  url: 'https://sycm.taobao.com/qos/service/frame/customer/performance/new',
  label: { zh: '生意参谋 → 服务 → 客服绩效', en: '生意参谋 → 服务 → 客服绩效' },
};
export const EXPERIENCE_LINK = {
  url: 'https://myseller.taobao.com/home.htm/voc-tmall/serverReport',
  label: { zh: '千牛 → 真实体验分', en: '千牛 → 真实体验分' },
};
export const CONTENT_LINK = {
  url: 'https://sycm.taobao.com/xsite/contentanalysis/overview_new_v2',
  label: { zh: '生意参谋 → 内容 → 作品分析', en: '生意参谋 → 内容 → 作品分析' },
};
export const FLOW_LINK = {
  url: 'https://sycm.taobao.com/flow/monitor/overview',
  label: { zh: '生意参谋 → 流量 → 流量总览', en: '生意参谋 → 流量 → 流量总览' },
};

export const rate = (x: number | null) => formatRate(x);
export const secs = (x: number | null): Text => ({ zh: formatSeconds(x), en: formatSeconds(x, 'en') });
export const pp = (x: number) => `${(x * 100).toFixed(1)}pp`;

/** Value on a date, or null. */
export function valueOn(series: DailySeries, date: string): number | null {
  for (let i = series.length - 1; i >= 0; i--) {
    const p = series[i];
    if (p && p.date === date) return p.value;
    if (p && p.date < date) break;
  }
  return null;
}

/** The first series (of several metric ids) that has any value: the console's alternative codes. */
export function firstSeries(get: (metricId: string) => DailySeries, ids: readonly string[]): { id: string; series: DailySeries } | null {
  for (const id of ids) {
    const s = get(id);
    if (s.some((p) => p.value !== null)) return { id, series: s };
  }
  return null;
}

/** Agent (客服) inquiry and reply figures over [to − days + 1, to]. */
export interface AgentWindow {
  /** 询单人数 summed over observed days (询单人数, else 咨询人数). */
  inquirers: number;
  /** Inquirers who paid: Σ round(rate × inquirers). */
  paid: number;
  /** Days with both an inquiry count and a rate. */
  days: number;
  /** Inquiry-weighted reply times (null when never given). */
  avgReplySec: number | null;
  firstReplySec: number | null;
}

const INQUIRERS = ['wwwConsultUv', 'consultUserCnt'] as const;
const CONV = ['wwConsultPayRate', 'consultFinalPayRate'] as const;

export function agentWindow(ctx: RuleContext, e: EntityRef, to: string, days: number): AgentWindow {
  const get = (m: string) => ctx.series(e.kind, e.id, m);
  const inq = firstSeries(get, INQUIRERS)?.series ?? [];
  const conv = firstSeries(get, CONV)?.series ?? [];
  const avg = new Map(get('avgReplyInterval').map((p) => [p.date, p.value]));
  const first = new Map(get('firstReplyInterval').map((p) => [p.date, p.value]));
  const rates = new Map(conv.map((p) => [p.date, p.value]));
  const from = addDays(to, -(days - 1));
  let inquirers = 0;
  let paid = 0;
  let n = 0;
  let aw = 0;
  let av = 0;
  let fw = 0;
  let fv = 0;
  for (const p of inq) {
    if (p.date < from || p.date > to || p.value === null) continue;
    const a = avg.get(p.date);
    if (a !== undefined && a !== null && p.value > 0) {
      aw += p.value;
      av += a * p.value;
    }
    const f = first.get(p.date);
    if (f !== undefined && f !== null && p.value > 0) {
      fw += p.value;
      fv += f * p.value;
    }
    const r = rates.get(p.date);
    if (r === undefined || r === null) continue;
    inquirers += p.value;
    paid += Math.round(Math.min(1, Math.max(0, r)) * p.value);
    n++;
  }
  return { inquirers, paid, days: n, avgReplySec: aw > 0 ? av / aw : null, firstReplySec: fw > 0 ? fv / fw : null };
}

/** Agents (客服子账号) with any day facts. */
export const agentsOf = (ctx: RuleContext) => ctx.entities('agent');

export const agentName = (e: EntityRef) => e.name ?? (e.id.includes(':') ? e.id.slice(e.id.indexOf(':') + 1) : e.id);

/** Latest day ≤ asOf with a value, and the values of the last `n` calendar days to it. */
export function recentDays(series: DailySeries, asOf: string, n = 3): { date: string; value: number | null }[] {
  const m = new Map(series.map((p) => [p.date, p.value]));
  const out: { date: string; value: number | null }[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = addDays(asOf, -i);
    out.push({ date: d, value: m.get(d) ?? null });
  }
  return out;
}

/**
 * Persistence (§3.10): the condition holds on the latest day and on at least `need` of the
 * last `n` days. Null when the latest day has no value.
 */
export function persists(
  series: DailySeries,
  asOf: string,
  cond: (v: number) => boolean,
  need = 2,
  n = 3,
): { latest: number; hits: number; observed: number } | null {
  const days = recentDays(series, asOf, n);
  const latest = days[days.length - 1]?.value ?? null;
  if (latest === null) return null;
  const obs = days.filter((d) => d.value !== null);
  const hits = obs.filter((d) => cond(d.value as number)).length;
  return { latest, hits: cond(latest) && hits >= need ? hits : 0, observed: obs.length };
}

/** Median of numbers, 0 for none (callers check length first). */
export const med = (xs: readonly number[]) => median(xs) ?? 0;

/** Linear 0–100 score between a worst and a best value (either direction), clamped. */
export function linearScore(x: number, worst: number, best: number): number {
  if (worst === best) return x === best ? 100 : 0;
  const s = ((x - worst) / (best - worst)) * 100;
  return Math.max(0, Math.min(100, s));
}

/**
 * Latest shop-level snapshot of a metric. 千牛 workbench snapshots carry a `panel` dimension
 * (todo / experience), which the context may key as a scoped view (`<shopId>|panel=…`): both
 * are read, the newest wins.
 */
export function shopSnapshot(ctx: RuleContext, metricId: string): { date: string; value: number } | null {
  let best = ctx.snapshot('shop', ctx.shopId, metricId);
  // Scoped views are only listed on request (context.ts); older contexts ignore the option.
  const list = (ctx.entities as (k: 'shop', o?: { scoped?: boolean }) => EntityRef[])('shop', { scoped: true });
  for (const e of list) {
    if (e.id === ctx.shopId || !e.id.startsWith(`${ctx.shopId}|`)) continue;
    const s = ctx.snapshot('shop', e.id, metricId);
    if (s && (!best || s.date > best.date)) best = s;
  }
  return best;
}
