import { useEffect, useState } from 'react';
import type { EntityRow } from '@/lib/db/area-queries';
import { type Cell, toTsv } from '@/lib/export/csv';
import { formatByUnit, type Lang } from '@/lib/format';
import { metric } from '@/lib/metrics';

/**
 * The table as tab-separated text for Excel / WPS: raw numbers (money without ¥ or 万), rates as
 * percentages Excel reads as numbers ("3.21%").
 */
export function entityTableTsv(rows: EntityRow[], show: string[], lang: Lang): string {
  const header: Cell[] = [lang === 'zh' ? '名称' : 'Name', 'ID', ...show.map((m) => (lang === 'zh' ? (metric(m)?.zh ?? m) : (metric(m)?.en ?? m)))];
  const body = rows.map((r): Cell[] => [
    r.name ?? r.id,
    r.id,
    ...show.map((m) => {
      const v = r.values[m];
      if (v === undefined || v === null || !Number.isFinite(v)) return null;
      return metric(m)?.unit === 'ratio' ? `${(v * 100).toFixed(2)}%` : v;
    }),
  ]);
  return toTsv([header, ...body]);
}

/** 复制: copies the table as TSV and says how many rows went to the clipboard. */
function CopyTsv({ rows, show, lang }: { rows: EntityRow[]; show: string[]; lang: Lang }) {
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!note) return;
    const t = setTimeout(() => setNote(null), 3000);
    return () => clearTimeout(t);
  }, [note]);
  const zh = lang === 'zh';
  return (
    <div className="copy-bar">
      {note ? (
        <span className="toast small" role="status" data-testid="copy-toast">
          {note}
        </span>
      ) : null}
      <button
        type="button"
        className="copy-btn small"
        data-testid="copy-tsv"
        title={zh ? '复制表格，可粘贴到 Excel/WPS' : 'Copy the table for Excel / WPS'}
        onClick={() => {
          navigator.clipboard
            .writeText(entityTableTsv(rows, show, lang))
            .then(() => setNote(zh ? `已复制 ${rows.length} 行，可粘贴到 Excel/WPS` : `Copied ${rows.length} rows; paste into Excel / WPS`))
            .catch(() => setNote(zh ? '无法写入剪贴板' : 'Clipboard not available'));
        }}
      >
        {zh ? '复制' : 'Copy'}
      </button>
    </div>
  );
}

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
    <>
      <CopyTsv rows={rows} show={show} lang={lang} />
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
    </>
  );
}
