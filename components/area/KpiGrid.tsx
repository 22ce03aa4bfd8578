import { Delta } from '@/components/ui/Delta';
import { formatByUnit, type Lang } from '@/lib/format';
import { metric } from '@/lib/metrics';
import type { KpiDef } from '@/lib/ui/areas';
import { type DayValues, kpiChange, kpiValue, lastYearPeriod, type Period, previousPeriod } from '@/lib/ui/kpi';
import type { CompareMode } from './PeriodBar';

export function kpiLabel(def: KpiDef, lang: Lang): string {
  const m = metric(def.id);
  return def.label?.[lang] ?? (m ? (lang === 'zh' ? m.zh : m.en) : def.id);
}

export function kpiUnit(def: KpiDef) {
  return def.unit ?? metric(def.id)?.unit ?? 'count';
}

/** KPI cards of a period with 环比 or 同比; a card without data says so instead of showing 0. */
export function KpiGrid({
  defs,
  get,
  period,
  compare,
  lang,
  selected,
  onSelect,
}: {
  defs: KpiDef[];
  get: DayValues;
  period: Period;
  compare: CompareMode;
  lang: Lang;
  selected: string;
  onSelect: (id: string) => void;
}) {
  const base = compare === 'prev' ? previousPeriod(period) : lastYearPeriod(period);
  return (
    <div className="kpi-grid">
      {defs.map((def) => {
        const cur = kpiValue(get, def.agg, def.id, period);
        const change = kpiChange(cur, kpiValue(get, def.agg, def.id, base));
        const m = metric(def.id);
        return (
          <button
            key={def.id}
            type="button"
            className="kpi"
            aria-pressed={selected === def.id}
            onClick={() => onSelect(def.id)}
            data-kpi={def.id}
            title={m?.caliber[lang] ?? ''}
          >
            <div className="label">{kpiLabel(def, lang)}</div>
            <div className="value">{formatByUnit(cur.value, kpiUnit(def), lang)}</div>
            <div className="delta">
              {cur.value === null ? (
                <span className="muted">{lang === 'zh' ? '暂无数据' : 'no data'}</span>
              ) : (
                <Delta value={change} label={compare === 'prev' ? (lang === 'zh' ? '环比' : 'vs prev.') : lang === 'zh' ? '同比' : 'YoY'} />
              )}
              {cur.value !== null && cur.days < cur.length ? (
                <span className="muted">{lang === 'zh' ? `缺${cur.length - cur.days}天` : `${cur.length - cur.days}d missing`}</span>
              ) : null}
            </div>
          </button>
        );
      })}
    </div>
  );
}
