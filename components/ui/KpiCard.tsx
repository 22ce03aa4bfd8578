import { Delta } from '@/components/ui/Delta';
import { formatByUnit, type Lang } from '@/lib/format';
import type { MetricDef } from '@/lib/metrics';

export function KpiCard({
  m,
  value,
  prevDay,
  lastWeek,
  lang,
  selected,
  onSelect,
}: {
  m: MetricDef;
  value: number | null;
  prevDay: number | null;
  lastWeek: number | null;
  lang: Lang;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <button type="button" className="kpi" aria-pressed={selected} onClick={onSelect} data-kpi={m.id} title={m.caliber[lang]}>
      <div className="label">{lang === 'zh' ? m.zh : m.en}</div>
      <div className="value">{formatByUnit(value, m.unit, lang)}</div>
      <div className="delta">
        <Delta value={prevDay} label={lang === 'zh' ? '环比' : 'DoD'} />
      </div>
      <div className="delta">
        <Delta value={lastWeek} label={lang === 'zh' ? '周同比' : 'WoW'} />
      </div>
    </button>
  );
}
