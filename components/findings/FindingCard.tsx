import { SeverityBadge } from '@/components/ui/SeverityBadge';
import { LogActionButton } from './LogActionButton';
import { MakeTaskButton } from './MakeTaskButton';
import { formatByUnit, formatChange, formatMoney, formatRate, type Lang } from '@/lib/format';
import { t } from '@/lib/i18n';
import { RULES } from '@/lib/rules/registry';
import type { Evidence, Finding } from '@/lib/schema/finding';

function evidenceValue(e: Evidence, lang: Lang): string {
  if (e.value === null) return '—';
  switch (e.format) {
    case 'CNY':
      return formatMoney(e.value, lang);
    case 'ratio':
      return formatRate(e.value);
    case 'pct-change':
      return formatChange(e.value);
    case 'z':
      return e.value.toFixed(2);
    case 'seconds':
    case 'hours':
    case 'days':
      return formatByUnit(e.value, e.format, lang);
    case 'count':
      return formatByUnit(e.value, 'count', lang);
    default:
      return Number.isInteger(e.value) ? String(e.value) : e.value.toFixed(2);
  }
}

function thresholdLabel(ruleId: string, key: string, lang: Lang): string {
  const def = RULES.find((r) => r.meta.id === ruleId)?.meta.thresholds[key];
  return def ? def.label[lang] : key;
}

const STATUS_KEY = { fired: 'findings', insufficient: 'insufficient', 'not-applicable': 'notApplicable', ok: 'checkedOk', error: 'ruleError' } as const;

/**
 * One finding, answering in order: what happened (with the number), compared with what
 * (baseline and threshold), why it matters, what to do next and where.
 */
export function FindingCard({ f, lang, compact = false }: { f: Finding; lang: Lang; compact?: boolean }) {
  const fired = f.status === 'fired';
  return (
    <article className={`card finding ${f.status} ${f.severity}`} data-rule={f.ruleId} data-status={f.status} aria-label={f.title[lang]}>
      <div className="spread">
        <h3>{f.title[lang]}</h3>
        {fired ? <SeverityBadge severity={f.severity} lang={lang} /> : <span className="tag">{t(lang, STATUS_KEY[f.status])}</span>}
      </div>
      <p>{f.detail[lang]}</p>
      {!compact && fired && f.suggestion[lang] ? (
        <p>
          <strong>{t(lang, 'suggestion')}：</strong>
          {f.suggestion[lang]}
        </p>
      ) : null}
      {!compact && f.evidence.length > 0 ? (
        <details open={fired}>
          <summary className="small muted">
            {t(lang, 'evidence')} · {t(lang, 'period')} {f.period.from === f.period.to ? f.period.from : `${f.period.from} ~ ${f.period.to}`}
          </summary>
          <table className="evidence">
            <tbody>
              {f.evidence.map((e) => (
                <tr key={e.label.zh}>
                  <td>{e.label[lang]}</td>
                  <td>{evidenceValue(e, lang)}</td>
                </tr>
              ))}
              {Object.entries(f.thresholds).map(([k, v]) => (
                <tr key={k}>
                  <td>
                    {t(lang, 'threshold')}·{thresholdLabel(f.ruleId, k, lang)}
                  </td>
                  <td>
                    {k.toLowerCase().includes('pct') ? formatRate(v) : v}{' '}
                    <span className="tag">{f.thresholdsAreDefaults ? t(lang, 'defaultThreshold') : t(lang, 'customThreshold')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {f.baseline ? (
            <div className="small muted">
              {t(lang, 'baseline')}：{f.baseline.method[lang]}
            </div>
          ) : null}
        </details>
      ) : null}
      {fired && f.link ? (
        <div className="small">
          <a href={f.link.url} target="_blank" rel="noreferrer">
            {t(lang, 'whereToAct')}：{f.link.label[lang]} ↗
          </a>
        </div>
      ) : null}
      {!compact && fired ? (
        <div className="finding-actions row small">
          <LogActionButton f={f} lang={lang} />
          <MakeTaskButton f={f} lang={lang} />
        </div>
      ) : null}
    </article>
  );
}
