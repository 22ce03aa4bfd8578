/**
 * Shared readers of the DA rules: a value on a day, the shop's own same-weekday baseline of any
 * entity series (大促 days skipped, domain-rules §0.3 / §3.1), pooled rates over the same lags,
 * and the traffic-source tree of sycm-flow (`source` facts keyed by the console's pageId:
 * 22 广告流量 / 22.2 直通车 / 23 平台流量 / 23.s1150 手淘搜索 / 23.s1152 手淘推荐 …).
 */
import { addDays } from '../../series/dates';
import type { DailySeries } from '../../series/types';
import type { EntityRef, RuleContext, Text } from '../types';
import { normalBaseline } from './promo-calendar';

export const valueOn = (s: DailySeries, date: string): number | null => {
  const p = s.find((x) => x.date === date);
  return p && typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : null;
};

export interface Compared {
  value: number | null;
  base: number | null;
  /** value ÷ base − 1; null when either side is missing or the base is 0. */
  change: number | null;
  /** Same-weekday lags the base rests on. */
  lags: number[];
}

/** A series' value on `date` against the median of its last 4 non-event same weekdays. */
export function compareToBaseline(series: DailySeries, date: string): Compared {
  const value = valueOn(series, date);
  const b = normalBaseline(series, date);
  const usable = b.fallback !== 'previous-day' && b.fallback !== 'insufficient' && b.n >= 2;
  const base = usable ? b.value : null;
  const change = value !== null && base !== null && base > 0 ? value / base - 1 : null;
  return { value, base, change, lags: usable ? b.lags : [] };
}

/** Σ successes ÷ Σ trials over the same-weekday lags of `date` (counts, not averaged rates; §3.4). */
export function pooledCounts(
  ctx: RuleContext,
  kind: EntityRef['kind'],
  id: string,
  num: string,
  den: string,
  date: string,
  lags: readonly number[],
): { x: number; n: number; weeks: number } {
  const a = new Map(ctx.series(kind, id, num).map((p) => [p.date, p.value]));
  const b = new Map(ctx.series(kind, id, den).map((p) => [p.date, p.value]));
  let x = 0;
  let n = 0;
  let weeks = 0;
  for (const l of lags) {
    const d = addDays(date, -l);
    const xv = a.get(d);
    const nv = b.get(d);
    if (typeof xv === 'number' && typeof nv === 'number') {
      x += xv;
      n += nv;
      weeks++;
    }
  }
  return { x, n, weeks };
}

export type ChannelKind = 'search' | 'recommend' | 'paid' | 'returning' | 'content' | 'other';

export interface Channel extends EntityRef {
  name: string;
  /** Depth in the source tree: 1 = top level. */
  level: number;
  /** Parent pageId, '0' at the top. */
  parent: string;
  /** No child source among the captured ones. */
  leaf: boolean;
  channelKind: ChannelKind;
}

/** Level and parent from the dotted pageId (23.s1150 → level 2 under 23), as sycm-flow stores them. */
export function sourcePositionOf(id: string): { level: number; parent: string } {
  if (/^\d+(\.[A-Za-z0-9_-]+)*$/.test(id)) {
    const parts = id.split('.');
    return { level: parts.length, parent: parts.length === 1 ? '0' : parts.slice(0, -1).join('.') };
  }
  const slash = id.lastIndexOf('/');
  if (slash > 0) {
    const parent = id.slice(0, slash);
    return { level: parent.split('.').length + 1, parent };
  }
  return { level: 1, parent: '0' };
}

/** What a source is for the advice (DA-03): by console code first, then by name. */
export function channelKindOf(id: string, name = ''): ChannelKind {
  if (id === '23.s1150' || /搜索/.test(name)) return 'search';
  if (id === '23.s1152' || /推荐|猜你喜欢/.test(name)) return 'recommend';
  if (/^22(\.|$)/.test(id) || /直通车|万相台|引力魔方|淘宝客|广告|推广/.test(name)) return 'paid';
  if (/直播|逛逛|短视频|内容/.test(name)) return 'content';
  if (/^24(\.|$)/.test(id) || /购物车|收藏|我的淘宝|直接访问|已买到|自主/.test(name)) return 'returning';
  return 'other';
}

export const CHANNEL_KIND_NAMES: Record<ChannelKind, Text> = {
  search: { zh: '搜索', en: 'search' },
  recommend: { zh: '推荐', en: 'recommendation' },
  paid: { zh: '付费', en: 'paid' },
  returning: { zh: '主动回访', en: 'returning visits' },
  content: { zh: '内容', en: 'content' },
  other: { zh: '其他', en: 'other' },
};

/** The captured traffic sources of the shop with their tree position. */
export function channels(ctx: RuleContext): Channel[] {
  const refs = ctx.entities('source');
  const pos = refs.map((r) => ({ r, ...sourcePositionOf(r.id) }));
  const parents = new Set(pos.map((p) => p.parent));
  return pos.map(({ r, level, parent }) => {
    const name = r.name ?? r.id;
    return { ...r, name, level, parent, leaf: !parents.has(r.id), channelKind: channelKindOf(r.id, name) };
  });
}

export function channelName(all: readonly Channel[], id: string): string {
  return all.find((c) => c.id === id)?.name ?? id;
}
