/** Words and number formatting shared by the three report renderers. */
import { formatByUnit, formatChange } from '../format';
import type { ReportNumber, ReportLang } from './types';

export const L = {
  zh: {
    headline: '结论',
    numbers: '核心指标',
    prev: { daily: '较前一日', weekly: '较上周' },
    weekAgo: '较上周同日',
    lastYear: '同比',
    movers: '变化最大',
    problems: '待处理问题',
    suggestion: '建议',
    actions: '操作与复盘',
    logged: '本期操作',
    review: '复盘到期',
    noActions: '本期没有记录操作。',
    noProblems: '没有待处理的 P0–P2 问题。',
    noMovers: '没有可对比的商品、来源或关键词数据。',
    tasks: '任务',
    tasksLine: (open: number, overdue: number, done: number) => `未完成 ${open} 个（逾期 ${overdue} 个），本期完成 ${done} 个。`,
    gaps: '数据缺口',
    noGaps: '本期及对比期的店铺核心数据齐全。',
    trend: '趋势',
    current: '本期',
    previous: '上一周期',
    legend: '说明：▲ 上升、▼ 下降（按国内习惯红涨绿跌，颜色只表示方向，不表示好坏）；对比期数据不全时显示“—”。',
    generated: '生成于',
    period: '统计期',
    perDay: '日均',
    partial: (d: number, n: number) => `（${d}/${n} 天有数据）`,
    note: '备注',
  },
  en: {
    headline: 'Summary',
    numbers: 'Key numbers',
    prev: { daily: 'vs day before', weekly: 'vs week before' },
    weekAgo: 'vs same weekday last week',
    lastYear: 'YoY',
    movers: 'Biggest changes',
    problems: 'Open problems',
    suggestion: 'Suggestion',
    actions: 'Actions and reviews',
    logged: 'taken',
    review: 'review due',
    noActions: 'No action logged in the period.',
    noProblems: 'No open P0–P2 problem.',
    noMovers: 'No item, source or keyword data to compare.',
    tasks: 'Tasks',
    tasksLine: (open: number, overdue: number, done: number) => `${open} open (${overdue} overdue), ${done} done in the period.`,
    gaps: 'Data gaps',
    noGaps: 'The shop’s core numbers are complete for the period and its comparison.',
    trend: 'Trend',
    current: 'This period',
    previous: 'Previous period',
    legend: 'Note: ▲ up, ▼ down (Chinese convention: red for up, green for down — direction only, not good or bad); “—” when the comparison is incomplete.',
    generated: 'Generated',
    period: 'Period',
    perDay: 'per day',
    partial: (d: number, n: number) => ` (${d}/${n} days with data)`,
    note: 'Note',
  },
} as const;

export function fmt(n: number | null, unit: ReportNumber['unit'], lang: ReportLang): string {
  return formatByUnit(n, unit, lang);
}

/** "环比 ▼3.20%" parts for a key number, only the comparisons that exist. */
export function comparisons(n: ReportNumber, kind: 'daily' | 'weekly', lang: ReportLang): { label: string; change: number | null; text: string }[] {
  const w = L[lang];
  const out: { label: string; change: number | null; text: string }[] = [{ label: w.prev[kind], change: n.change, text: formatChange(n.change) }];
  if (kind === 'daily') out.push({ label: w.weekAgo, change: n.weekAgoChange, text: formatChange(n.weekAgoChange) });
  if (n.lastYearChange !== null) out.push({ label: w.lastYear, change: n.lastYearChange, text: formatChange(n.lastYearChange) });
  return out;
}

export { formatChange };
