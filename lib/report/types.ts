import type { MetricUnit } from '../metrics/types';
import type { Area, Severity } from '../schema/finding';
import type { Verdict } from '../journal/evaluate';

export type ReportKind = 'daily' | 'weekly';
export type ReportLang = 'zh' | 'en';

export interface Period {
  from: string;
  to: string;
}

/** One key number with its comparisons (null = not captured for the whole comparison period). */
export interface ReportNumber {
  id: string;
  label: string;
  unit: MetricUnit;
  value: number | null;
  /** 环比: the period right before. */
  prev: number | null;
  change: number | null;
  /** Daily report: the same weekday a week earlier. */
  weekAgo: number | null;
  weekAgoChange: number | null;
  /** 同比: 364 days earlier (weekdays aligned), when last year's days are stored. */
  lastYear: number | null;
  lastYearChange: number | null;
  /** Days of the period with data behind the value, of `length`. */
  days: number;
  length: number;
}

export interface ReportMover {
  kind: string;
  kindLabel: string;
  id: string;
  name: string;
  metric: string;
  metricLabel: string;
  unit: MetricUnit;
  /** Per-day average over the days with data (the period's value for a daily report). */
  current: number;
  previous: number;
  delta: number;
  changePct: number | null;
}

export interface ReportProblem {
  id: string;
  ruleId: string;
  severity: Severity;
  title: string;
  detail: string;
  suggestion: string;
  entity: string;
  period: Period;
}

export interface ReportAction {
  id: string;
  date: string;
  kindLabel: string;
  entity: string;
  metricLabel: string;
  note: string;
  verdict: Verdict;
  verdictLabel: string;
  summary: string;
  /** logged = taken in the period; review = its observation window closed in the period. */
  why: 'logged' | 'review';
}

export interface TrendLine {
  metric: string;
  label: string;
  unit: MetricUnit;
  current: { date: string; value: number | null }[];
  /** The period of the same length right before, aligned by position. */
  previous: { date: string; value: number | null }[];
}

/** A 日报 / 周报 as plain data: every string already in the report's language. */
export interface Report {
  version: 1;
  kind: ReportKind;
  lang: ReportLang;
  title: string;
  generatedAt: number;
  shop: { id: string; name: string };
  date: string;
  period: Period;
  previous: Period;
  weekAgo: Period | null;
  lastYear: Period;
  /** One sentence: up / down / steady and the factor that moved with it. */
  headline: string;
  numbers: ReportNumber[];
  movers: ReportMover[];
  problems: { area: Area; areaLabel: string; items: ReportProblem[] }[];
  actions: ReportAction[];
  tasks: { open: number; overdue: number; doneInPeriod: number };
  gaps: { missingDays: string[]; notes: string[] };
  trends: TrendLine[];
}
