import { adapterById } from '@/lib/adapters/registry';
import type { Lang } from '@/lib/i18n';

/** Says which console pages to open to capture an area's data. */
export function EmptyArea({ families, lang, what }: { families: string[]; lang: Lang; what?: string }) {
  const hints = families.map((f) => adapterById(f)).filter((a) => a !== undefined);
  return (
    <div className="card small" data-testid="empty-area">
      <p style={{ margin: '0 0 4px' }}>{what ?? (lang === 'zh' ? '这一块还没有采集到数据。' : 'Nothing captured for this area yet.')}</p>
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {hints.map((a) => (
          <li key={a.id}>
            <a href={a.openHint.url} target="_blank" rel="noreferrer">
              {a.openHint[lang]}
            </a>
            {lang === 'zh' ? ' 以采集此数据' : ' to capture this data'}
          </li>
        ))}
      </ul>
    </div>
  );
}
