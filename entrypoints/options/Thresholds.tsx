import { getDb } from '@/lib/db/database';
import type { Lang } from '@/lib/i18n';
import { AREA_LABELS } from '@/lib/i18n';
import { type OptionsKey, ot } from '@/lib/i18n/options';
import { editSettings, isShare, withoutRule, withThreshold } from '@/lib/options/edit';
import { RULES } from '@/lib/rules/registry';
import type { Rule, ThresholdDef } from '@/lib/rules/types';
import { AREAS } from '@/lib/schema/finding';
import type { Settings } from '@/lib/settings';
import { NumberField } from './Field';
import { rerunRules } from './rerun';

const SOURCE_KEY: Record<ThresholdDef['source'], OptionsKey> = { '[P]': 'source_P', '[C]': 'source_C', '[H]': 'source_H', '[S]': 'source_S' };

function fmt(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

function pctHint(def: ThresholdDef, v: number): string {
  return isShare(def) ? `= ${Math.round(v * 10000) / 100}%` : '';
}

function RuleCard({ rule, own, lang, shopIds }: { rule: Rule; own: Record<string, number>; lang: Lang; shopIds: string[] }) {
  const { id, ref, title, description } = rule.meta;
  const entries = Object.entries(rule.meta.thresholds) as [string, ThresholdDef][];
  const custom = Object.keys(own).filter((k) => k in rule.meta.thresholds);
  const save = (key: string, value: number, def: ThresholdDef) =>
    void editSettings(getDb(), (s) => ({ thresholds: withThreshold(s.thresholds, id, key, value, def) })).then(() => rerunRules(shopIds));
  const reset = () => void editSettings(getDb(), (s) => ({ thresholds: withoutRule(s.thresholds, id) })).then(() => rerunRules(shopIds));
  return (
    <div className="card rule" data-testid={`rule-${id}`}>
      <div className="spread">
        <span>
          <span className="tag">{ref}</span> <strong>{title[lang]}</strong>
        </span>
        <button type="button" className="small" onClick={reset} disabled={custom.length === 0} data-testid={`reset-${id}`}>
          {ot(lang, 'reset')}
        </button>
      </div>
      <p className="muted small desc">{description[lang]}</p>
      {entries.length === 0 ? null : (
        <div className="th-list">
          {entries.map(([key, def]) => {
            const v = own[key] ?? def.default;
            const fid = `th-${id}-${key}`;
            return (
              <div className="th-row" key={key}>
                <label htmlFor={fid}>{def.label[lang]}</label>
                <span className="th-input">
                  <NumberField
                    id={fid}
                    testId={fid}
                    label={def.label[lang]}
                    lang={lang}
                    value={v}
                    min={def.min}
                    max={def.max}
                    highlight={key in own}
                    onCommit={(n) => n !== undefined && save(key, n, def)}
                  />
                  <span className="muted small pct">{pctHint(def, v)}</span>
                </span>
                <span className="th-meta small muted">
                  {ot(lang, 'default')} <span data-testid={`${fid}-default`}>{fmt(def.default)}</span>
                  {isShare(def) ? (lang === 'zh' ? `（${Math.round(def.default * 10000) / 100}%）` : ` (${Math.round(def.default * 10000) / 100}%)`) : ''} ·{' '}
                  {ot(lang, 'bounds')} {fmt(def.min)}–{fmt(def.max)}{' '}
                  <span className="tag" title={def.source}>
                    {ot(lang, SOURCE_KEY[def.source])}
                  </span>
                </span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

export function Thresholds({ settings, lang, shopIds }: { settings: Settings; lang: Lang; shopIds: string[] }) {
  // Rendered from the registry: rules added later appear without touching this page.
  return (
    <section id="thresholds" aria-labelledby="h-thresholds">
      <h2 id="h-thresholds">{ot(lang, 'thresholds')}</h2>
      <p className="muted small">{ot(lang, 'thresholdsHint')}</p>
      {AREAS.map((area) => {
        const rules = RULES.filter((r) => r.meta.area === area);
        const custom = rules.reduce((n, r) => n + Object.keys(settings.thresholds[r.meta.id] ?? {}).length, 0);
        return (
          <details key={area} className="area" open={rules.length > 0} data-testid={`area-${area}`}>
            <summary>
              <strong>{AREA_LABELS[area][lang]}</strong>{' '}
              <span className="muted small">
                {rules.length} {ot(lang, 'rules')}
                {custom > 0 ? ` · ${custom} ${ot(lang, 'customized')}` : ''}
              </span>
            </summary>
            {rules.length === 0 ? <p className="muted small">{ot(lang, 'noRules')}</p> : null}
            <div className="stack">
              {rules.map((r) => (
                <RuleCard key={r.meta.id} rule={r} own={settings.thresholds[r.meta.id] ?? {}} lang={lang} shopIds={shopIds} />
              ))}
            </div>
          </details>
        );
      })}
    </section>
  );
}
