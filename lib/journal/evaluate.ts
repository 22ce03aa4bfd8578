/**
 * 复盘 of one journal entry: the N days after the action against the N days before, each day
 * against its same-weekday baseline taken from before the action (domain-rules §3.1–§3.3,
 * TEAM-06), with the raw means next to it and what else happened in the window.
 */
import { metric } from '../metrics';
import { promoOf } from '../rules/shared/promo-calendar';
import { addDays, daysBetween, dateRange } from '../series/dates';
import { sameWeekdayBaseline } from '../series/baseline';
import { robustSigma } from '../series/robust';
import { mean, median } from '../series/stats';
import type { JournalEntry } from '../schema/journal';
import { ACTION_LABELS, betterDirection } from './kinds';

type Text = { zh: string; en: string };

export type Verdict = 'worked' | 'noEffect' | 'worse' | 'insufficient' | 'pending';

export const VERDICT_LABELS: Record<Verdict, Text> = {
  worked: { zh: '有效', en: 'Worked' },
  noEffect: { zh: '无效', en: 'No effect' },
  worse: { zh: '变差', en: 'Worse' },
  insufficient: { zh: '数据不足', en: 'Not enough data' },
  pending: { zh: '观察中', en: 'Observing' },
};

/** Metric id → daily values (business date → value). */
export type SeriesGetter = (metricId: string) => ReadonlyMap<string, number> | undefined;

export interface WindowStats {
  from: string;
  to: string;
  /** Raw mean of the days with data. */
  mean: number | null;
  /** Days with data. */
  days: number;
  /** Days that also have a same-weekday baseline. */
  adjustedDays: number;
}

export interface DayPoint {
  date: string;
  phase: 'before' | 'after';
  value: number | null;
  baseline: number | null;
}

export interface Evaluation {
  entryId: string;
  metric: string;
  better: 'up' | 'down';
  verdict: Verdict;
  label: Text;
  /** One sentence with the numbers. */
  summary: Text;
  before: WindowStats;
  after: WindowStats;
  /** Raw change of the means, after ÷ before − 1. */
  changePct: number | null;
  /** Change after each day is set against its same-weekday baseline (exp of the shift of median log residuals − 1). */
  adjustedChangePct: number | null;
  /** Shift in robust standard errors (null without spread or baseline). */
  z: number | null;
  /** Which comparison the verdict rests on. */
  basis: 'baseline' | 'raw' | 'none';
  /** Days until the window closes (pending only). */
  daysLeft: number;
  confounders: {
    actions: { id: string; kind: JournalEntry['kind']; label: Text; date: string }[];
    promos: { name: Text; days: number }[];
  };
  points: DayPoint[];
}

/** Daily ratios and sums missing on a day come from their parts (the consoles' own formulas). */
const DERIVED: Record<string, [num: string, den: string]> = {
  payRate: ['payByrCnt', 'uv'],
  payPct: ['payAmt', 'payByrCnt'],
  uvValue: ['payAmt', 'uv'],
  adCtr: ['adClicks', 'adImpressions'],
  adCpc: ['adSpend', 'adClicks'],
  adRoi: ['adGmv', 'adSpend'],
  adCvr: ['adOrders', 'adClicks'],
};

export function metricDays(get: SeriesGetter, metricId: string): Map<string, number> {
  const out = new Map<string, number>(get(metricId) ?? []);
  const parts = DERIVED[metricId];
  if (parts) {
    const n = get(parts[0]);
    const d = get(parts[1]);
    if (n && d)
      for (const [date, den] of d) {
        const num = n.get(date);
        if (!out.has(date) && num !== undefined && den > 0) out.set(date, num / den);
      }
  }
  return out;
}

/** Smallest change that counts as a real effect (on top of being ≥ 2 robust standard errors). */
export const MIN_EFFECT = 0.05;
const Z_NEEDED = 2;

function logResidual(x: number, b: number, log1p: boolean): number | null {
  if (log1p) return x > -1 && b > -1 ? Math.log1p(x) - Math.log1p(b) : null;
  return x > 0 && b > 0 ? Math.log(x / b) : null;
}

export interface EvaluateOptions {
  /** Latest closed business day with data (the window is judged only once it has passed). */
  asOf: string | null;
  /** Other journal entries of the shop (confounders on the same entity). */
  journal?: readonly JournalEntry[];
}

export function evaluateEntry(entry: JournalEntry, get: SeriesGetter, opts: EvaluateOptions): Evaluation {
  const N = entry.windowDays;
  const D = entry.date;
  const end = addDays(D, N - 1);
  const beforeRange = { from: addDays(D, -N), to: addDays(D, -1) };
  const afterRange = { from: D, to: end };
  const values = metricDays(get, entry.metric);
  const unit = metric(entry.metric)?.unit ?? 'count';
  const log1p = unit === 'count' || unit === 'CNY';
  const better = betterDirection(entry.metric);
  const weeks = 4 + Math.ceil(N / 7);
  // Baselines rest on days before the action only, 大促 days left out (§3.1).
  const exclude = (d: string) => d >= D || promoOf(d) !== null;

  const points: DayPoint[] = [];
  const resid = { before: [] as number[], after: [] as number[] };
  const raw = { before: [] as number[], after: [] as number[] };
  for (const [phase, r] of [
    ['before', beforeRange],
    ['after', afterRange],
  ] as const) {
    for (const d of dateRange(r.from, r.to)) {
      if (opts.asOf !== null && d > opts.asOf) break;
      const x = values.get(d);
      const b = sameWeekdayBaseline(values, d, { weeks, exclude });
      const base = b.fallback === 'none' || b.fallback === 'fewer-weeks' ? b.value : null;
      points.push({ date: d, phase, value: x ?? null, baseline: base });
      if (x === undefined) continue;
      raw[phase].push(x);
      if (base !== null) {
        const res = logResidual(x, base, log1p);
        if (res !== null) resid[phase].push(res);
      }
    }
  }
  const stats = (r: { from: string; to: string }, phase: 'before' | 'after'): WindowStats => ({
    ...r,
    mean: mean(raw[phase]),
    days: raw[phase].length,
    adjustedDays: resid[phase].length,
  });
  const before = stats(beforeRange, 'before');
  const after = stats(afterRange, 'after');
  const changePct = before.mean !== null && after.mean !== null && before.mean !== 0 ? after.mean / before.mean - 1 : null;

  const mb = median(resid.before);
  const ma = median(resid.after);
  const adjustedChangePct = mb !== null && ma !== null ? Math.exp(ma - mb) - 1 : null;

  const others = (opts.journal ?? [])
    .filter(
      (e) =>
        e.id !== entry.id &&
        e.shopId === entry.shopId &&
        e.entity.kind === entry.entity.kind &&
        e.entity.id === entry.entity.id &&
        e.date >= beforeRange.from &&
        e.date <= end,
    )
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((e) => ({ id: e.id, kind: e.kind, label: ACTION_LABELS[e.kind], date: e.date }));
  const promoDays = new Map<string, { name: Text; days: number }>();
  for (const d of dateRange(beforeRange.from, end)) {
    const p = promoOf(d);
    if (!p) continue;
    const cur = promoDays.get(p.zh) ?? { name: p, days: 0 };
    cur.days++;
    promoDays.set(p.zh, cur);
  }
  const confounders = { actions: others, promos: [...promoDays.values()] };

  const need = Math.max(1, Math.ceil(N / 2));
  const pending = opts.asOf === null || opts.asOf < end;
  const daysLeft = pending ? (opts.asOf === null ? N : daysBetween(opts.asOf, end)) : 0;

  let verdict: Verdict;
  let basis: Evaluation['basis'] = 'none';
  let z: number | null = null;
  let shift: number | null = null;
  if (pending) verdict = 'pending';
  else if (before.days < need || after.days < need) verdict = 'insufficient';
  else {
    let sample: number[];
    let nb: number;
    let na: number;
    if (resid.before.length >= need && resid.after.length >= need && mb !== null && ma !== null) {
      basis = 'baseline';
      shift = ma - mb;
      sample = [...resid.before.map((r) => r - mb), ...resid.after.map((r) => r - ma)];
      nb = resid.before.length;
      na = resid.after.length;
    } else {
      // No same-weekday history before the window: compare the windows themselves (both span the same weekdays when N is a multiple of 7).
      basis = 'raw';
      const lb = raw.before.map((x) => (log1p ? Math.log1p(x) : x > 0 ? Math.log(x) : null)).filter((x): x is number => x !== null);
      const la = raw.after.map((x) => (log1p ? Math.log1p(x) : x > 0 ? Math.log(x) : null)).filter((x): x is number => x !== null);
      const mlb = median(lb);
      const mla = median(la);
      if (mlb === null || mla === null) {
        verdict = 'insufficient';
        return finish();
      }
      shift = mla - mlb;
      sample = [...lb.map((r) => r - mlb), ...la.map((r) => r - mla)];
      nb = lb.length;
      na = la.length;
    }
    const sigma = robustSigma(sample);
    const se = sigma === null ? 0 : sigma * Math.sqrt(1 / nb + 1 / na);
    z = se > 0 ? shift / se : null;
    const big = Math.abs(Math.exp(shift) - 1) >= MIN_EFFECT;
    const significant = big && (z === null ? true : Math.abs(z) >= Z_NEEDED);
    const good = better === 'up' ? shift > 0 : shift < 0;
    verdict = !significant ? 'noEffect' : good ? 'worked' : 'worse';
  }
  return finish();

  function finish(): Evaluation {
    const ev: Evaluation = {
      entryId: entry.id,
      metric: entry.metric,
      better,
      verdict,
      label: VERDICT_LABELS[verdict],
      summary: { zh: '', en: '' },
      before,
      after,
      changePct,
      adjustedChangePct,
      z,
      basis,
      daysLeft,
      confounders,
      points,
    };
    ev.summary = summarize(ev, entry);
    return ev;
  }
}

function pct(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return `${n > 0 ? '+' : ''}${(n * 100).toFixed(1)}%`;
}

function num(n: number | null, unit: string): string {
  if (n === null) return '—';
  if (unit === 'ratio') return `${(n * 100).toFixed(2)}%`;
  if (unit === 'CNY') return `¥${n.toFixed(2)}`;
  return Math.abs(n) >= 100 ? String(Math.round(n)) : n.toFixed(2).replace(/\.?0+$/, '');
}

function summarize(ev: Evaluation, entry: JournalEntry): Text {
  const m = metric(entry.metric);
  const unit = m?.unit ?? 'count';
  const name = { zh: m?.zh ?? entry.metric, en: m?.en ?? entry.metric };
  const nums = {
    zh: `${name.zh}：前 ${entry.windowDays} 天均值 ${num(ev.before.mean, unit)} → 后 ${entry.windowDays} 天 ${num(ev.after.mean, unit)}（${pct(ev.changePct)}；扣除星期因素 ${pct(ev.adjustedChangePct)}）`,
    en: `${name.en}: ${entry.windowDays}-day mean before ${num(ev.before.mean, unit)} → after ${num(ev.after.mean, unit)} (${pct(ev.changePct)}; weekday-adjusted ${pct(ev.adjustedChangePct)})`,
  };
  const dir = ev.better === 'up' ? { zh: '越高越好', en: 'higher is better' } : { zh: '越低越好', en: 'lower is better' };
  switch (ev.verdict) {
    case 'pending':
      return {
        zh: `观察中：还需 ${ev.daysLeft} 天（观察期到 ${ev.after.to}）。`,
        en: `Observing: ${ev.daysLeft} more day(s) (window ends ${ev.after.to}).`,
      };
    case 'insufficient':
      return {
        zh: `数据不足：前后各需至少 ${Math.ceil(entry.windowDays / 2)} 天数据，现有前 ${ev.before.days} 天、后 ${ev.after.days} 天。请打开对应的后台页面补采。${nums.zh}`,
        en: `Not enough data: at least ${Math.ceil(entry.windowDays / 2)} days needed on each side, have ${ev.before.days} before and ${ev.after.days} after. Open the console page to capture them. ${nums.en}`,
      };
    case 'worked':
      return { zh: `有效（${dir.zh}）。${nums.zh}`, en: `Worked (${dir.en}). ${nums.en}` };
    case 'worse':
      return { zh: `变差（${dir.zh}）。${nums.zh}`, en: `Worse (${dir.en}). ${nums.en}` };
    default:
      return {
        zh: `无效：变化不显著（需 ≥ ${MIN_EFFECT * 100}% 且超过日常波动的 2 倍标准误）。${nums.zh}`,
        en: `No effect: the change is not significant (needs ≥ ${MIN_EFFECT * 100}% and 2 standard errors of the daily noise). ${nums.en}`,
      };
  }
}
