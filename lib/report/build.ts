/**
 * 日报 / 周报 from stored facts, findings, journal and tasks (issue #6, domain-rules TEAM-02):
 * key numbers with 环比 (and 同比 when last year is stored), the biggest movers, open problems by
 * area, actions and their 复盘, open tasks, data gaps.
 */
import type { OpsRadarDB } from '../db/database';
import { evaluateEntries } from '../journal/store';
import { ACTION_LABELS, ENTITY_LABELS, metricLabel } from '../journal/kinds';
import { AREA_LABELS } from '../i18n';
import { metric } from '../metrics';
import type { MetricUnit } from '../metrics/types';
import { buildContext } from '../rules/context';
import { profileFor } from '../rules/run';
import { promoOf } from '../rules/shared/promo-calendar';
import { addDays, dateRange, isIsoDate } from '../series/dates';
import { AREAS, type Finding } from '../schema/finding';
import type { EntityKind, Fact } from '../schema/fact';
import { getSettings } from '../settings';
import type { Agg } from '../ui/areas';
import { type DayValues, kpiChange, kpiValue } from '../ui/kpi';
import type { Period, Report, ReportAction, ReportKind, ReportLang, ReportMover, ReportNumber, TrendLine } from './types';

export class ReportError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'ReportError';
  }
}

interface NumberDef {
  id: string;
  agg: Agg;
  label?: { zh: string; en: string };
  unit?: MetricUnit;
  /** Weekly reports show visitors as a daily average (domain-rules §3.2). */
  weeklyAvg?: boolean;
}

const NUMBERS: NumberDef[] = [
  { id: 'payAmt', agg: { kind: 'sum' } },
  { id: 'uv', agg: { kind: 'avg' }, weeklyAvg: true },
  { id: 'payRate', agg: { kind: 'ratio', num: 'payByrCnt', den: 'uv' } },
  { id: 'payPct', agg: { kind: 'ratio', num: 'payAmt', den: 'payByrCnt' } },
  { id: 'payByrCnt', agg: { kind: 'sum' } },
  { id: 'netPaymentAmount', agg: { kind: 'sum' } },
  { id: 'rfdSucAmt', agg: { kind: 'sum' } },
  { id: 'payAmtRfdRate', agg: { kind: 'ratio', num: 'payShopRfdAmt', den: 'payAmt' } },
  {
    id: 'adSpendTotal',
    agg: { kind: 'sumOf', parts: ['p4pExpendAmt', 'cubeAmt', 'feedCharge', 'adStrategyAmt'] },
    label: { zh: '推广花费', en: 'Ad spend' },
    unit: 'CNY',
  },
  { id: 'adRoi', agg: { kind: 'ratio', num: 'adGmv', den: 'adSpend' }, label: { zh: '投产比', en: 'ROAS' } },
];

const MOVERS: { kind: EntityKind; metric: string }[] = [
  { kind: 'item', metric: 'payAmt' },
  { kind: 'item', metric: 'uv' },
  { kind: 'source', metric: 'uv' },
  { kind: 'source', metric: 'payAmt' },
  { kind: 'keyword', metric: 'adGmv' },
];
const MOVERS_PER_LIST = 3;

const T = {
  daily: { zh: '运营日报', en: 'Daily report' },
  weekly: { zh: '运营周报', en: 'Weekly report' },
  dailyAvg: { zh: '（日均）', en: ' (daily avg.)' },
};

export interface BuildReportOptions {
  shopId: string;
  kind: ReportKind;
  /** Business date the report is for (the last day of a weekly report). */
  date: string;
  lang: ReportLang;
  now?: number;
}

function periodsFor(kind: ReportKind, date: string) {
  const len = kind === 'weekly' ? 7 : 1;
  const period: Period = { from: addDays(date, -(len - 1)), to: date };
  const previous: Period = { from: addDays(period.from, -len), to: addDays(period.to, -len) };
  const weekAgo: Period | null = kind === 'daily' ? { from: addDays(date, -7), to: addDays(date, -7) } : null;
  const lastYear: Period = { from: addDays(period.from, -364), to: addDays(period.to, -364) };
  return { period, previous, weekAgo, lastYear };
}

function seriesGetter(ctx: ReturnType<typeof buildContext>, kind: EntityKind, id: string): DayValues {
  const cache = new Map<string, Map<string, number> | undefined>();
  return (m) => {
    if (!ctx) return undefined;
    if (!cache.has(m)) {
      const map = new Map<string, number>();
      for (const p of ctx.series(kind, id, m)) if (p.value !== null) map.set(p.date, p.value);
      cache.set(m, map.size ? map : undefined);
    }
    return cache.get(m);
  };
}

export async function buildReport(db: OpsRadarDB, opts: BuildReportOptions): Promise<Report> {
  const { shopId, kind, date } = opts;
  const lang: ReportLang = opts.lang === 'en' ? 'en' : 'zh';
  if (!isIsoDate(date)) throw new ReportError(`日期无效：${String(date)}（应为 YYYY-MM-DD）`, `Invalid date: ${String(date)} (expected YYYY-MM-DD)`);
  if (kind !== 'daily' && kind !== 'weekly') throw new ReportError(`未知报告类型：${String(kind)}`, `Unknown report kind: ${String(kind)}`);
  const shop = await db.shops.get(shopId);
  if (!shop)
    throw new ReportError(`未知店铺「${String(shopId)}」：还没有采集到这个店铺的数据`, `Unknown shop "${String(shopId)}": nothing captured for it yet`);
  const settings = await getSettings(db);
  const profile = profileFor(settings, shopId);
  const { period, previous, weekAgo, lastYear } = periodsFor(kind, date);
  const trendLen = kind === 'weekly' ? 7 : 30;

  // Shop level: from the start of last year's period (同比) or the trend's previous window, whichever is earlier.
  const from = [lastYear.from, addDays(date, -(2 * trendLen - 1)), addDays(date, -35)].sort()[0] as string;
  const shopFacts = await db.facts
    .where('[shopId+entityKind+entityId+date]')
    .between([shopId, 'shop', shopId, from], [shopId, 'shop', shopId, date], true, true)
    .toArray();
  const shopCtx = buildContext(shopId, shopFacts, profile);
  const get = seriesGetter(shopCtx, 'shop', shopId);

  const numbers: ReportNumber[] = [];
  for (const def of NUMBERS) {
    const cur = kpiValue(get, def.agg, def.id, period);
    if (cur.value === null) continue;
    const prev = kpiValue(get, def.agg, def.id, previous);
    const wk = weekAgo ? kpiValue(get, def.agg, def.id, weekAgo) : null;
    const ly = kpiValue(get, def.agg, def.id, lastYear);
    const m = metric(def.id);
    const base = def.label?.[lang] ?? m?.[lang] ?? def.id;
    numbers.push({
      id: def.id,
      label: kind === 'weekly' && def.weeklyAvg ? `${base}${T.dailyAvg[lang]}` : base,
      unit: def.unit ?? m?.unit ?? 'count',
      value: cur.value,
      prev: prev.days === prev.length ? prev.value : null,
      change: kpiChange(cur, prev),
      weekAgo: wk && wk.days === wk.length ? wk.value : null,
      weekAgoChange: wk ? kpiChange(cur, wk) : null,
      lastYear: ly.days === ly.length ? ly.value : null,
      lastYearChange: kpiChange(cur, ly),
      days: cur.days,
      length: cur.length,
    });
  }

  // Data gaps: days of the period (and its comparison) without the core shop numbers.
  const core = [get('payAmt'), get('uv')];
  const checked = [...new Set([...dateRange(previous.from, period.to), ...(weekAgo ? [weekAgo.from] : [])])].sort();
  const gapDays = checked.filter((d) => core.some((m) => !m?.has(d)));
  const notes: string[] = [];
  if (gapDays.length)
    notes.push(
      lang === 'zh'
        ? `本期及对比期缺 ${gapDays.length} 天的店铺核心数据（支付金额/访客数）：打开 生意参谋 → 首页 并切换到这些日期即可补采。`
        : `${gapDays.length} day(s) of the period or its comparison without the shop's core numbers (payment, visitors): open 生意参谋 → 首页 on those dates to capture them.`,
    );

  const pay = numbers.find((n) => n.id === 'payAmt');
  const basis = kind === 'daily' && pay?.weekAgoChange !== null && weekAgo ? weekAgo : previous;
  const headline = headlineOf(numbers, kind, lang) + promoNote(basis, period, lang);

  // Movers: entities whose payment / visitors moved most, per-day averages over days with data.
  const entFacts = (await db.facts.where('[shopId+date]').between([shopId, previous.from], [shopId, period.to], true, true).toArray()).filter(
    (f) => f.entityKind !== 'shop' && f.entityKind !== 'peer' && f.grain === 'day',
  );
  const movers: ReportMover[] = [];
  if (entFacts.length) {
    // buildContext needs a shop-level day to know "asOf": a neutral anchor on the report date.
    const anchor: Fact = {
      id: '_anchor',
      shopId,
      entityKind: 'shop',
      entityId: shopId,
      grain: 'day',
      date: period.to,
      dims: {},
      values: {},
      source: { adapter: '_', route: '_' },
      capturedAt: 0,
      updatedAt: 0,
    };
    const ctx = buildContext(shopId, [...entFacts, anchor], profile);
    if (ctx) {
      for (const mv of MOVERS) {
        const list: ReportMover[] = [];
        for (const e of ctx.entities(mv.kind)) {
          const s = ctx.series(mv.kind, e.id, mv.metric);
          const cur = s.filter((p) => p.value !== null && p.date >= period.from && p.date <= period.to).map((p) => p.value as number);
          const prv = s.filter((p) => p.value !== null && p.date >= previous.from && p.date <= previous.to).map((p) => p.value as number);
          if (!cur.length || !prv.length) continue;
          const c = cur.reduce((a, b) => a + b, 0) / cur.length;
          const p = prv.reduce((a, b) => a + b, 0) / prv.length;
          if (c === p) continue;
          list.push({
            kind: mv.kind,
            kindLabel: ENTITY_LABELS[mv.kind]?.[lang] ?? mv.kind,
            id: e.id,
            name: e.name ?? e.id,
            metric: mv.metric,
            metricLabel: metricLabel(mv.metric, lang),
            unit: metric(mv.metric)?.unit ?? 'count',
            current: c,
            previous: p,
            delta: c - p,
            changePct: p !== 0 ? c / p - 1 : null,
          });
        }
        list.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.id.localeCompare(b.id));
        movers.push(...list.slice(0, MOVERS_PER_LIST));
      }
    }
  }

  // Open problems: fired P0–P2 findings, by area.
  const findings = (await db.findings.where('shopId').equals(shopId).toArray()).filter(
    (f) => f.status === 'fired' && (f.severity === 'P0' || f.severity === 'P1' || f.severity === 'P2'),
  );
  const sevOrder = { P0: 0, P1: 1, P2: 2, P3: 3 } as const;
  const problems = AREAS.map((area) => ({
    area,
    areaLabel: AREA_LABELS[area][lang],
    items: findings
      .filter((f) => f.area === area)
      .sort((a, b) => sevOrder[a.severity] - sevOrder[b.severity] || a.ruleId.localeCompare(b.ruleId))
      .map((f: Finding) => ({
        id: f.id,
        ruleId: f.ruleId,
        severity: f.severity,
        title: f.title[lang],
        detail: f.detail[lang],
        suggestion: f.suggestion[lang],
        entity: f.entity.kind === 'shop' ? shop.title : (f.entity.name ?? f.entity.id),
        period: f.period,
      })),
  })).filter((g) => g.items.length > 0);

  // Actions logged in the period, and those whose 复盘 window closed in it.
  const journal = await db.journal.where('shopId').equals(shopId).toArray();
  const relevant = journal.filter((e) => {
    const end = addDays(e.date, e.windowDays - 1);
    return (e.date >= period.from && e.date <= period.to) || (end >= period.from && end <= period.to);
  });
  const shopAsOfDay = [...(get('payAmt')?.keys() ?? []), ...(get('uv')?.keys() ?? [])].sort().at(-1) ?? null;
  const asOf = shopAsOfDay && shopAsOfDay < date ? shopAsOfDay : date;
  const evals = await evaluateEntries(db, relevant, { asOf, profile, journal });
  const actions: ReportAction[] = relevant
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt - b.createdAt))
    .map((e) => {
      const ev = evals.get(e.id);
      return {
        id: e.id,
        date: e.date,
        kindLabel: ACTION_LABELS[e.kind][lang],
        entity: e.entity.kind === 'shop' ? shop.title : (e.entity.name ?? e.entity.id),
        metricLabel: metricLabel(e.metric, lang),
        note: e.note,
        verdict: ev?.verdict ?? 'insufficient',
        verdictLabel: ev?.label[lang] ?? '',
        summary: ev?.summary[lang] ?? '',
        why: e.date >= period.from && e.date <= period.to ? 'logged' : 'review',
      };
    });

  const tasks = await db.tasks.where('shopId').equals(shopId).toArray();
  const open = tasks.filter((t) => t.status === 'todo' || t.status === 'doing');
  const periodStart = Date.parse(`${period.from}T00:00:00+08:00`);
  const periodEnd = Date.parse(`${addDays(period.to, 1)}T00:00:00+08:00`);
  const taskCounts = {
    open: open.length,
    overdue: open.filter((t) => t.due !== undefined && t.due < date).length,
    doneInPeriod: tasks.filter((t) => t.status === 'done' && t.updatedAt >= periodStart && t.updatedAt < periodEnd).length,
  };

  const trends: TrendLine[] = ['payAmt', 'uv'].flatMap((id) => {
    const m = get(id);
    if (!m) return [];
    const cur = dateRange(addDays(date, -(trendLen - 1)), date);
    return [
      {
        metric: id,
        label: metricLabel(id, lang),
        unit: metric(id)?.unit ?? 'count',
        current: cur.map((d) => ({ date: d, value: m.get(d) ?? null })),
        previous: cur.map((d) => addDays(d, -trendLen)).map((d) => ({ date: d, value: m.get(d) ?? null })),
      },
    ];
  });

  const title = `${T[kind][lang]} · ${shop.title} · ${kind === 'weekly' ? `${period.from} ~ ${period.to}` : date}`;
  return {
    version: 1,
    kind,
    lang,
    title,
    generatedAt: opts.now ?? Date.now(),
    shop: { id: shopId, name: shop.title },
    date,
    period,
    previous,
    weekAgo,
    lastYear,
    headline,
    numbers,
    movers,
    problems,
    actions,
    tasks: taskCounts,
    gaps: { missingDays: gapDays, notes },
    trends,
  };
}

/** 结论: payment up / down / steady and the factor (visitors, conversion, order value) that moved with it. */
function headlineOf(numbers: ReportNumber[], kind: ReportKind, lang: ReportLang): string {
  const by = (id: string) => numbers.find((n) => n.id === id);
  const pay = by('payAmt');
  if (!pay || pay.value === null) return lang === 'zh' ? '缺少支付金额数据，无法下结论。' : 'No payment amount captured: no conclusion.';
  const useWeek = kind === 'daily' && pay.weekAgoChange !== null;
  const ch = (n: ReportNumber | undefined) => (n ? (useWeek ? n.weekAgoChange : n.change) : null);
  const vs = useWeek
    ? lang === 'zh'
      ? '较上周同日'
      : 'vs the same weekday last week'
    : kind === 'daily'
      ? lang === 'zh'
        ? '较前一日'
        : 'vs the day before'
      : lang === 'zh'
        ? '较上周'
        : 'vs the week before';
  const c = ch(pay);
  if (c === null) return lang === 'zh' ? '对比期数据不全，只列出本期数字。' : 'The comparison period is incomplete: this period’s numbers only.';
  const pctTxt = `${c > 0 ? '▲' : '▼'}${Math.abs(c * 100).toFixed(1)}%`;
  if (Math.abs(c) < 0.05) return lang === 'zh' ? `支付金额${vs}基本持平（${pctTxt}）。` : `Payment amount steady ${vs} (${pctTxt}).`;
  const factors = ['uv', 'payRate', 'payPct']
    .map((id) => ({ n: by(id), c: ch(by(id)) }))
    .filter((f): f is { n: ReportNumber; c: number } => !!f.n && f.c !== null && f.c > -1 && Math.sign(f.c) === Math.sign(c))
    .sort((a, b) => Math.abs(Math.log1p(b.c)) - Math.abs(Math.log1p(a.c)));
  const lead = factors[0];
  const up = c > 0;
  const leadTxt = lead
    ? lang === 'zh'
      ? `，主要伴随${lead.n.label}${lead.c > 0 ? '▲' : '▼'}${Math.abs(lead.c * 100).toFixed(1)}%`
      : `, mainly with ${lead.n.label} ${lead.c > 0 ? '▲' : '▼'}${Math.abs(lead.c * 100).toFixed(1)}%`
    : '';
  return lang === 'zh' ? `支付金额${vs}${up ? '上升' : '下降'} ${pctTxt}${leadTxt}。` : `Payment amount ${up ? 'up' : 'down'} ${pctTxt} ${vs}${leadTxt}.`;
}

/** A 大促 in the comparison period (or this one) explains much of a change: say so (§3.10: "可能"). */
function promoNote(basis: Period, period: Period, lang: ReportLang): string {
  const names = (p: Period) => [...new Set(dateRange(p.from, p.to).flatMap((d) => promoOf(d)?.[lang] ?? []))];
  const before = names(basis);
  const now = names(period);
  if (before.length && !now.length)
    return lang === 'zh'
      ? `对比期含大促（${before.join('、')}），变化可能主要来自大促后的回落。`
      : ` The comparison period includes a sale (${before.join(', ')}): much of the change may be the post-sale dip.`;
  if (now.length && !before.length)
    return lang === 'zh'
      ? `本期含大促（${now.join('、')}），变化可能主要来自大促。`
      : ` This period includes a sale (${now.join(', ')}): much of the change may come from it.`;
  return '';
}
