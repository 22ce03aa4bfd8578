import { useLiveQuery } from 'dexie-react-hooks';
import { createElement, Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { getDb } from '@/lib/db/database';
import { formatCount } from '@/lib/format';
import type { Lang } from '@/lib/i18n';
import { type OptionsKey, ot } from '@/lib/i18n/options';
import readme from '@/README.md?raw';

const TABLES = ['facts', 'findings', 'captures', 'health', 'shops', 'settings'] as const;

function fmtBytes(n: number | undefined): string {
  if (n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** The README's data section, cut at build time, so the page and the README never disagree. */
function readmeDataSection(): string {
  const start = readme.indexOf('## What data it keeps');
  if (start < 0) return '';
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end < 0 ? undefined : end).trim();
}

/** `code` spans as <code>, the rest as text (our own README; still never parsed as HTML). */
function inline(text: string): ReactNode {
  const parts = text
    .split(/(`[^`]+`)/)
    .filter((p) => p !== '')
    .map((p) => (p.length > 1 && p.startsWith('`') && p.endsWith('`') ? createElement('code', null, p.slice(1, -1)) : p));
  // Children passed as arguments: a static list, no keys needed.
  return createElement(Fragment, null, ...parts);
}

/** Cells of a table line; a pipe inside `code` does not split. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let code = false;
  for (const ch of line.trim().replace(/^\||\|$/g, '')) {
    if (ch === '`') code = !code;
    if (ch === '|' && !code) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((c) => c.trim());
}

function block(b: string): ReactNode {
  const lines = b.split('\n');
  const first = lines[0] ?? '';
  if (first.startsWith('## ')) return createElement('h3', null, first.slice(3));
  if (lines.every((l) => l.trim().startsWith('|'))) {
    const [head = [], ...body] = lines.filter((l) => !/^\|[\s\-:|]+\|$/.test(l.trim())).map(cells);
    const row = (tag: 'th' | 'td', r: string[]) => createElement('tr', null, ...r.map((c) => createElement(tag, null, inline(c))));
    return createElement(
      'table',
      { className: 'grid-table small' },
      createElement('thead', null, row('th', head)),
      createElement('tbody', null, ...body.map((r) => row('td', r))),
    );
  }
  return createElement('p', { className: 'small' }, inline(lines.join(' ')));
}

function Markdown({ source }: { source: string }) {
  return createElement('div', { className: 'readme' }, ...source.split(/\n\s*\n/).map(block));
}

export function Storage({ lang }: { lang: Lang }) {
  const counts = useLiveQuery(() => Promise.all(TABLES.map((t) => getDb()[t].count())), []);
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const total = counts?.reduce((a, b) => a + b, 0);
  useEffect(() => {
    // Re-measured whenever the counts move (after a deletion, a new capture).
    void total;
    navigator.storage
      ?.estimate()
      .then(setEstimate)
      .catch(() => setEstimate(null));
  }, [total]);
  const section = readmeDataSection();
  const readmeRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    // The link opens the README section it points at.
    const open = () => {
      if (location.hash === '#readme-data' && readmeRef.current) readmeRef.current.open = true;
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
  return (
    <section id="storage" aria-labelledby="h-storage">
      <h2 id="h-storage">{ot(lang, 'storage')}</h2>
      <div className="card stack">
        <p className="small">{ot(lang, 'storageWhere', { origin: location.origin })}</p>
        <table className="grid-table small" data-testid="storage-table">
          <thead>
            <tr>
              <th>{ot(lang, 'table')}</th>
              <th className="num">{ot(lang, 'rows')}</th>
            </tr>
          </thead>
          <tbody>
            {TABLES.map((t, i) => (
              <tr key={t} data-testid={`count-${t}`}>
                <td>
                  {ot(lang, `table_${t}` as OptionsKey)} <code className="muted">{t}</code>
                </td>
                <td className="num">{counts ? formatCount(counts[i], lang) : '…'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small" data-testid="storage-estimate">
          {ot(lang, 'usage')} <strong>{fmtBytes(estimate?.usage)}</strong> · {ot(lang, 'quota')} {fmtBytes(estimate?.quota)}
        </p>
        {section ? (
          <>
            <a href="#readme-data" className="small">
              {ot(lang, 'readmeLink')} ↓
            </a>
            <details id="readme-data" className="readme-box" ref={readmeRef}>
              <summary className="small">{ot(lang, 'readmeSection')}</summary>
              <Markdown source={section} />
            </details>
          </>
        ) : null}
      </div>
    </section>
  );
}
