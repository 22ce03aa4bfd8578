/**
 * ratio = a share stored as a decimal (shown as %); multiple = a factor such as ROI (2.5 = 2.5×);
 * score = a rating such as DSR 4.8 or 体验分.
 */
export type MetricUnit = 'CNY' | 'count' | 'ratio' | 'multiple' | 'score' | 'seconds' | 'hours' | 'days';
export type ValueKind = 'real' | 'index' | 'range';

export interface MetricDef {
  /** Canonical camelCase id, used as the key in Fact.values. */
  id: string;
  zh: string;
  en: string;
  unit: MetricUnit;
  kind: ValueKind;
  /** 口径: what the number means, in the console's own words. */
  caliber: { zh: string; en: string };
  /** Console field codes that map to this metric, as `<console>.<code>`. */
  sources: string[];
  /** Whether a rise is good news (used for wording, never for colour: colours follow 红涨绿跌). */
  better: 'up' | 'down' | 'neutral';
  /** Whether values of several days may be summed (amounts, counts of buyers are not quite, but close). */
  additive: boolean;
}

/** A catalog line whose source codes mostly follow from its id: `sources` only where they do not. */
export type DerivedSourceRow = [
  id: string,
  zh: string,
  en: string,
  unit: MetricUnit,
  better: MetricDef['better'],
  additive: boolean,
  caliberZh: string,
  caliberEn: string,
  sources?: string[],
];

/** One catalog line as the per-console files write it: id, labels, unit, direction, additivity, 口径, source codes. */
export type MetricRow = Required<DerivedSourceRow>;

/**
 * Real-valued metrics from catalog lines (index and range metrics say their kind themselves).
 * With `sourcesOf`, a line without its own source codes gets `sourcesOf(id)`.
 */
export function realMetrics(rows: readonly MetricRow[]): MetricDef[];
export function realMetrics(rows: readonly DerivedSourceRow[], sourcesOf: (id: string) => string[]): MetricDef[];
export function realMetrics(rows: readonly DerivedSourceRow[], sourcesOf?: (id: string) => string[]): MetricDef[] {
  return rows.map(([id, zh, en, unit, better, additive, cz, ce, sources]) => ({
    id,
    zh,
    en,
    unit,
    kind: 'real',
    caliber: { zh: cz, en: ce },
    sources: sources ?? sourcesOf?.(id) ?? [],
    better,
    additive,
  }));
}

/** console → code → `entry(metric, source)` for every `<console>.<code>` source of the metrics (later sources win). */
export function indexByConsole<T>(metrics: readonly MetricDef[], entry: (m: MetricDef, source: string) => T): Map<string, Map<string, T>> {
  const out = new Map<string, Map<string, T>>();
  for (const m of metrics)
    for (const s of m.sources) {
      const dot = s.indexOf('.');
      const c = s.slice(0, dot);
      let inner = out.get(c);
      if (!inner) {
        inner = new Map();
        out.set(c, inner);
      }
      inner.set(s.slice(dot + 1), entry(m, s));
    }
  return out;
}
