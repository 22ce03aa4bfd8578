import type { Lang } from '../format';
import { metric } from '../metrics';
import type { EntityKind, Fact } from '../schema/fact';
import type { Cell } from './csv';
import { dimLabel, dimValue, GRAIN_LABELS, metricLabel, orderDims, orderMetrics } from './labels';

/** Columns of one entity kind's wide table, learnt from the facts that go into it. */
export class WideColumns {
  readonly metrics = new Set<string>();
  readonly ranges = new Set<string>();
  readonly dims = new Set<string>();
  add(f: Fact): void {
    for (const k in f.values) this.metrics.add(k);
    if (f.ranges) for (const k in f.ranges) this.ranges.add(k);
    for (const k in f.dims) this.dims.add(k);
  }
  layout(kind: EntityKind): WideLayout {
    return { kind, dims: orderDims(this.dims), metrics: orderMetrics(this.metrics), ranges: orderMetrics(this.ranges) };
  }
}

export interface WideLayout {
  kind: EntityKind;
  dims: string[];
  metrics: string[];
  ranges: string[];
}

/** Fixed columns in front of the dimensions and metrics. */
const FIXED = {
  zh: ['店铺', '日期', '周期', 'ID', '名称'],
  en: ['Shop', 'Date', 'Grain', 'ID', 'Name'],
};

/**
 * Header of a wide table, the way the console tables read: who and when, the dimensions
 * (终端, 归因窗口…), then the metrics by their Chinese labels in catalog (console) order; a
 * range metric takes two columns (下限, 上限).
 */
export function wideHeader(l: WideLayout, lang: Lang): string[] {
  return [
    ...FIXED[lang],
    ...l.dims.map((d) => dimLabel(d, lang)),
    ...l.metrics.map((m) => metricLabel(m, lang)),
    ...l.ranges.flatMap((m) => {
      const label = metricLabel(m, lang);
      return lang === 'zh' ? [`${label}（下限）`, `${label}（上限）`] : [`${label} (low)`, `${label} (high)`];
    }),
  ];
}

/** Units of the wide columns (null for text columns), aligned with wideHeader: XLSX formats ratios as %. */
export function wideUnits(l: WideLayout): (string | null)[] {
  return [
    ...FIXED.zh.map(() => null),
    ...l.dims.map((d) => (d === 'attr' ? 'count' : null)),
    ...l.metrics.map((m) => metric(m)?.unit ?? 'count'),
    ...l.ranges.flatMap((m) => {
      const u = metric(m)?.unit ?? 'count';
      return [u, u];
    }),
  ];
}

export function wideRow(f: Fact, l: WideLayout, shopName: string, lang: Lang): Cell[] {
  const row: Cell[] = [shopName, f.date, GRAIN_LABELS[f.grain][lang], f.entityId, f.entityName ?? ''];
  for (const d of l.dims) {
    const v = f.dims[d];
    if (v === undefined) row.push(null);
    else if (d === 'attr' && /^-?\d+$/.test(v)) row.push(Number(v));
    else row.push(dimValue(d, v, lang));
  }
  for (const m of l.metrics) row.push(f.values[m] ?? null);
  for (const m of l.ranges) {
    const r = f.ranges?.[m];
    row.push(r ? r[0] : null, r ? r[1] : null);
  }
  return row;
}
