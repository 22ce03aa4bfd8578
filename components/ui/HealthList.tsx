import { adapterById } from '@/lib/adapters/registry';
import type { HealthRow } from '@/lib/db/database';
import { formatTime, type Lang } from '@/lib/format';
import { t } from '@/lib/i18n';

/** Capture health in plain words: per adapter route, what happened to its captures. */
export function HealthList({ rows, lang }: { rows: HealthRow[]; lang: Lang }) {
  const known = rows.filter((r) => r.adapter !== '_');
  if (known.length === 0) return <div className="small muted">{t(lang, 'notCapturedYet')}</div>;
  return (
    <div>
      {known.map((r) => {
        const a = adapterById(r.adapter);
        const route = a?.routes.find((x) => x.id === r.route);
        const name = `${a?.label[lang] ?? r.adapter}·${route?.label[lang] ?? r.route}`;
        const ok = (r.counts.stored ?? 0) + (r.counts.unchanged ?? 0);
        const bad =
          (r.counts.rejected ?? 0) + (r.counts.login ?? 0) + (r.counts['platform-error'] ?? 0) + (r.counts.unidentified ?? 0) + (r.counts['too-large'] ?? 0);
        return (
          <div key={r.id} className="health-row" data-health={r.id}>
            <span>{name}</span>
            <span className={bad > 0 && (!r.lastOkAt || (r.lastIssue && r.lastIssue.at > r.lastOkAt)) ? 'down' : 'muted'}>
              {lang === 'zh' ? `成功 ${ok} 次` : `${ok} ok`}
              {bad > 0 ? (lang === 'zh' ? ` · 跳过 ${bad} 次` : ` · ${bad} skipped`) : ''}
              {r.lastIssue && (!r.lastOkAt || r.lastIssue.at >= r.lastOkAt)
                ? ` · ${lang === 'zh' ? '字段' : 'field'} ${r.lastIssue.path}: ${r.lastIssue.message}`
                : ''}
              {r.lastOkAt ? ` · ${formatTime(r.lastOkAt, lang)}` : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}
