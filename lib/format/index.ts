import type { MetricUnit } from '../metrics/types';

/**
 * Numbers the way 生意参谋 shows them (architecture §8): ¥ with two decimals, 万 above ten
 * thousand (7.35万), rates as percentages with two decimals, changes with a sign.
 */
export type Lang = 'zh' | 'en';

const fixed = (n: number, d: number) => n.toFixed(d).replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m));

export function formatCount(n: number | null | undefined, lang: Lang = 'zh'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (lang === 'zh') {
    if (abs >= 1e8) return `${fixed(n / 1e8, 2)}亿`;
    if (abs >= 1e4) return `${fixed(n / 1e4, 2)}万`;
  } else {
    if (abs >= 1e6) return `${fixed(n / 1e6, 2)}M`;
    if (abs >= 1e4) return `${fixed(n / 1e3, 1)}k`;
  }
  if (Number.isInteger(n)) return String(n);
  // Baselines of counts are medians (x.5): whole numbers read better above 100.
  return abs >= 100 ? String(Math.round(n)) : fixed(n, 2);
}

export function formatMoney(n: number | null | undefined, lang: Lang = 'zh'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (lang === 'zh' && abs >= 1e4) return `${sign}¥${formatCount(abs, 'zh')}`;
  if (lang === 'en' && abs >= 1e4) return `${sign}¥${formatCount(abs, 'en')}`;
  return `${sign}¥${abs.toFixed(2)}`;
}

/** A rate stored as a decimal (0.0221) → "2.21%". */
export function formatRate(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `${(n * 100).toFixed(2)}%`;
}

/** A change as a decimal (−0.1834) → "▼18.34%" / "▲5.21%". */
export function formatChange(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (n === 0) return '0.00%';
  return `${n > 0 ? '▲' : '▼'}${Math.abs(n * 100).toFixed(2)}%`;
}

/** Signed percentage for prose: "-27.0%" / "+5.2%". */
export function formatSignedPct(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `${n > 0 ? '+' : ''}${(n * 100).toFixed(digits)}%`;
}

export function formatSeconds(n: number | null | undefined, lang: Lang = 'zh'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return lang === 'zh' ? `${fixed(n, 1)}秒` : `${fixed(n, 1)} s`;
}

export function formatHours(n: number | null | undefined, lang: Lang = 'zh'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return lang === 'zh' ? `${fixed(n, 1)}小时` : `${fixed(n, 1)} h`;
}

export function formatDays(n: number | null | undefined, lang: Lang = 'zh'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return lang === 'zh' ? `${fixed(n, 1)}天` : `${fixed(n, 1)} d`;
}

export function formatByUnit(n: number | null | undefined, unit: MetricUnit, lang: Lang = 'zh'): string {
  switch (unit) {
    case 'CNY':
      return formatMoney(n, lang);
    case 'ratio':
      return formatRate(n);
    case 'seconds':
      return formatSeconds(n, lang);
    case 'hours':
      return formatHours(n, lang);
    case 'days':
      return formatDays(n, lang);
    case 'multiple':
      return n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(2);
    case 'score':
      return n === null || n === undefined || !Number.isFinite(n) ? '—' : fixed(n, 2);
    default:
      return formatCount(n, lang);
  }
}

export function formatTime(ms: number | null | undefined, lang: Lang = 'zh'): string {
  if (!ms) return '—';
  const d = new Date(ms + 8 * 3600 * 1000);
  const iso = d.toISOString();
  return lang === 'zh' ? `${iso.slice(5, 10).replace('-', '月')}日 ${iso.slice(11, 16)}` : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
