import { todayShanghai } from '@/lib/capture/business-date';
import type { HealthRow } from '@/lib/db/database';
import { formatTime, type Lang } from '@/lib/format';
import { type HealthLine, healthLine } from '@/lib/health/summary';
import { t } from '@/lib/i18n';

function Line({ line, row, lang }: { line: HealthLine; row: HealthRow; lang: Lang }) {
  return (
    <div className="health-row" data-health={row.id} data-level={line.level}>
      <span>{line.name}</span>
      <span className={line.level === 'error' ? 'warn strong' : line.level === 'warn' ? 'warn' : 'muted'}>
        {line.text}
        {row.lastOkAt ? ` · ${formatTime(row.lastOkAt, lang)}` : ''}
      </span>
    </div>
  );
}

/**
 * Capture health in plain words. Problems are listed first and always shown; routes that are
 * fine fold into one line ("23 个数据接口采集正常") that opens to the full list.
 */
export function HealthList({ rows, lang }: { rows: HealthRow[]; lang: Lang }) {
  const known = rows.filter((r) => r.adapter !== '_');
  if (known.length === 0) return <div className="small muted">{t(lang, 'notCapturedYet')}</div>;
  const today = todayShanghai();
  const lines = known.map((row) => ({ row, line: healthLine(row, lang, today) }));
  const bad = lines.filter((l) => l.line.level === 'error' || l.line.level === 'warn');
  const good = lines.filter((l) => l.line.level === 'ok' || l.line.level === 'idle');
  return (
    <div>
      {bad.map(({ row, line }) => (
        <Line key={row.id} row={row} line={line} lang={lang} />
      ))}
      {good.length > 0 ? (
        <details>
          <summary className="small muted">{lang === 'zh' ? `${good.length} 个数据接口采集正常` : `${good.length} data sources captured fine`}</summary>
          {good.map(({ row, line }) => (
            <Line key={row.id} row={row} line={line} lang={lang} />
          ))}
        </details>
      ) : null}
    </div>
  );
}
