import { todayShanghai } from '@/lib/capture/business-date';
import type { HealthRow } from '@/lib/db/database';
import { formatTime, type Lang } from '@/lib/format';
import { healthLine } from '@/lib/health/summary';
import { t } from '@/lib/i18n';

/** Capture health in plain words: per adapter route, what happened to its captures today. */
export function HealthList({ rows, lang }: { rows: HealthRow[]; lang: Lang }) {
  const known = rows.filter((r) => r.adapter !== '_');
  if (known.length === 0) return <div className="small muted">{t(lang, 'notCapturedYet')}</div>;
  const today = todayShanghai();
  return (
    <div>
      {known.map((r) => {
        const line = healthLine(r, lang, today);
        return (
          <div key={r.id} className="health-row" data-health={r.id} data-level={line.level}>
            <span>{line.name}</span>
            <span className={line.level === 'error' ? 'warn strong' : line.level === 'warn' ? 'warn' : 'muted'}>
              {line.text}
              {r.lastOkAt ? ` · ${formatTime(r.lastOkAt, lang)}` : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}
