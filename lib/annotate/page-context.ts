/** What the page shows besides its rows: the business date and the ad attribution window. */
import type { AnnotatedFamily } from './types';
import { adAnchors } from './ads';
import type { Anchor } from './anchor';
import { homeAnchors } from './sycm-home';
import { itemAnchors } from './sycm-item';
import { agentAnchors } from './sycm-service';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export const FINDERS: Record<AnnotatedFamily, (doc: Document) => Anchor[]> = {
  'sycm-home': homeAnchors,
  'sycm-item': itemAnchors,
  wanxiang: adAnchors,
  zhitongche: adAnchors,
  'sycm-service': agentAnchors,
};

function params(loc: { search: string; hash: string }): URLSearchParams {
  const p = new URLSearchParams(loc.search);
  const h = loc.hash.indexOf('?');
  if (h >= 0) for (const [k, v] of new URLSearchParams(loc.hash.slice(h + 1))) p.set(k, v);
  return p;
}

/**
 * The business date the page shows: its date picker (the consoles re-render without always
 * updating the URL), then the URL's dateRange end / endTime / startTime / date.
 */
export function pageDate(doc: Document, loc: { search: string; hash: string }): string | null {
  const picker = doc.querySelector<HTMLInputElement>('input[type="date"]');
  if (picker && ISO.test(picker.value)) return picker.value;
  const p = params(loc);
  for (const v of [(p.get('dateRange') ?? '').split('|').pop(), p.get('endDate'), p.get('endTime'), p.get('startTime'), p.get('date')]) {
    if (v && ISO.test(v)) return v;
  }
  return null;
}

/** Attribution window of an ad report: a select showing "15天归因" / "15天转化周期", or effectEqual. */
export function pageAttr(doc: Document, loc: { search: string; hash: string }): string | null {
  for (const sel of doc.querySelectorAll('select')) {
    const opt = (sel as HTMLSelectElement).selectedOptions?.[0] ?? null;
    const m = opt ? /(\d{1,2})\s*天(归因|转化周期)/.exec(opt.textContent ?? '') : null;
    if (m?.[1]) return m[1];
  }
  const v = params(loc).get('effectEqual');
  return v && /^\d{1,2}$/.test(v) ? v : null;
}
