import type { Lang } from '@/lib/i18n';
import type { Period, PeriodKind } from '@/lib/ui/kpi';

export type CompareMode = 'prev' | 'yoy';

const KINDS: { id: PeriodKind; zh: string; en: string }[] = [
  { id: 'day', zh: '日', en: 'Day' },
  { id: 'week', zh: '近7天', en: '7 days' },
  { id: 'month', zh: '近30天', en: '30 days' },
  { id: 'custom', zh: '自定义', en: 'Custom' },
];

/** 日 / 近7天 / 近30天 / 自定义, and what to compare with (环比 or 同比). */
export function PeriodBar({
  lang,
  kind,
  onKind,
  custom,
  onCustom,
  compare,
  onCompare,
  asOf,
}: {
  lang: Lang;
  kind: PeriodKind;
  onKind: (k: PeriodKind) => void;
  custom: Period;
  onCustom: (p: Period) => void;
  compare: CompareMode;
  onCompare: (c: CompareMode) => void;
  asOf: string;
}) {
  return (
    <div className="period-bar">
      <fieldset className="seg" aria-label={lang === 'zh' ? '统计周期' : 'Period'}>
        {KINDS.map((k) => (
          <button key={k.id} type="button" aria-pressed={kind === k.id} onClick={() => onKind(k.id)}>
            {k[lang]}
          </button>
        ))}
      </fieldset>
      <fieldset className="seg" aria-label={lang === 'zh' ? '对比' : 'Compare with'}>
        <button type="button" aria-pressed={compare === 'prev'} onClick={() => onCompare('prev')}>
          {lang === 'zh' ? '环比' : 'vs prev.'}
        </button>
        <button type="button" aria-pressed={compare === 'yoy'} onClick={() => onCompare('yoy')}>
          {lang === 'zh' ? '同比' : 'vs last year'}
        </button>
      </fieldset>
      {kind === 'custom' ? (
        <span className="row small">
          <input
            type="date"
            aria-label={lang === 'zh' ? '开始日期' : 'From'}
            value={custom.from}
            max={asOf}
            onChange={(e) => onCustom({ ...custom, from: e.target.value })}
          />
          <span>~</span>
          <input
            type="date"
            aria-label={lang === 'zh' ? '结束日期' : 'To'}
            value={custom.to}
            max={asOf}
            onChange={(e) => onCustom({ ...custom, to: e.target.value })}
          />
        </span>
      ) : null}
    </div>
  );
}
