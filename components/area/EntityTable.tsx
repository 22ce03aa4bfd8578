import type { EntityRow } from '@/lib/db/area-queries';
import { formatByUnit, type Lang } from '@/lib/format';
import { metric } from '@/lib/metrics';

/** Top entities of the period; a row opens the entity's own history. Names are text, never HTML. */
export function EntityTable({
  rows,
  show,
  lang,
  onOpen,
  flagged,
}: {
  rows: EntityRow[];
  show: string[];
  lang: Lang;
  onOpen: (row: EntityRow) => void;
  flagged: Set<string>;
}) {
  if (rows.length === 0) return <div className="small muted">{lang === 'zh' ? '这个周期还没有采集到明细。' : 'No details captured for this period.'}</div>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th scope="col">{lang === 'zh' ? '名称' : 'Name'}</th>
          {show.map((m) => (
            <th key={m} scope="col" className="num">
              {lang === 'zh' ? (metric(m)?.zh ?? m) : (metric(m)?.en ?? m)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-entity-id={r.id}>
            <td>
              <button type="button" className="link" onClick={() => onOpen(r)} title={r.id}>
                {flagged.has(r.id) ? (
                  <>
                    <span className="flag" aria-hidden="true">
                      ●
                    </span>
                    <span className="sr-only">{lang === 'zh' ? '有诊断：' : 'has findings: '}</span>
                  </>
                ) : null}
                {r.name ?? r.id}
              </button>
            </td>
            {show.map((m) => (
              <td key={m} className="num">
                {formatByUnit(r.values[m] ?? null, metric(m)?.unit ?? 'count', lang)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
