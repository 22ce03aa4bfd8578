import type { Lang } from '../format';
import { metric } from '../metrics';
import type { Fact } from '../schema/fact';
import type { Cell } from './csv';
import { metricLabel, orderMetrics, shanghaiIso } from './labels';

/** Columns of the long CSV, one row per value (issue #6), exactly in this order. */
export const LONG_COLUMNS = [
  'shop_id',
  'shop_name',
  'date',
  'grain',
  'entity_kind',
  'entity_id',
  'entity_name',
  'metric',
  'metric_label',
  'value',
  'unit',
  'value_kind',
  'device',
  'attribution_days',
  'source',
  'captured_at',
] as const;

/** Facts of one report share their metric set: sort each set once (a million values = 100k sorts otherwise). */
const orderCache = new Map<string, string[]>();
function orderedKeys(values: Record<string, number>): string[] {
  const keys = Object.keys(values);
  const k = keys.join(',');
  let o = orderCache.get(k);
  if (!o) {
    if (orderCache.size > 500) orderCache.clear();
    o = orderMetrics(keys);
    orderCache.set(k, o);
  }
  return o;
}

/** Where a fact came from: `adapter/route`, with ` imported` for facts from a console download. */
export function sourceText(f: Fact): string {
  return `${f.source.adapter}/${f.source.route}${f.source.imported ? ' imported' : ''}`;
}

/**
 * The long rows of one fact. Real and index metrics give one row each (value_kind says which:
 * an index is never a real amount). A range metric (2026 free-edition 区间) gives two rows,
 * value_kind `range_low` and `range_high`, so both bounds stay numbers.
 */
export function longRows(f: Fact, shopName: string, lang: Lang = 'zh'): Cell[][] {
  const base = (id: string): Cell[] => [f.shopId, shopName, f.date, f.grain, f.entityKind, f.entityId, f.entityName ?? '', id];
  const tail: Cell[] = [f.dims.device ?? '', f.dims.attr ?? '', sourceText(f), shanghaiIso(f.capturedAt)];
  const out: Cell[][] = [];
  for (const id of orderedKeys(f.values)) {
    const m = metric(id);
    out.push([...base(id), metricLabel(id, lang), f.values[id], m?.unit ?? '', m?.kind ?? 'real', ...tail]);
  }
  if (f.ranges)
    for (const id of orderMetrics(Object.keys(f.ranges))) {
      const [lo, hi] = f.ranges[id] ?? [];
      const m = metric(id);
      const label = metricLabel(id, lang);
      out.push([...base(id), `${label}${lang === 'zh' ? '（下限）' : ' (low)'}`, lo, m?.unit ?? '', 'range_low', ...tail]);
      out.push([...base(id), `${label}${lang === 'zh' ? '（上限）' : ' (high)'}`, hi, m?.unit ?? '', 'range_high', ...tail]);
    }
  return out;
}
