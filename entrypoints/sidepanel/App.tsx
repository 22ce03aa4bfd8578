import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { TrendChart } from '@/components/charts/TrendChart';
import { FindingCard } from '@/components/findings/FindingCard';
import { useSettings, useShops } from '@/components/hooks';
import { HealthList } from '@/components/ui/HealthList';
import { KpiCard } from '@/components/ui/KpiCard';
import { ProvisionalShop } from '@/components/ui/ProvisionalShop';
import { addDays } from '@/lib/capture/business-date';
import { getDb } from '@/lib/db/database';
import { countShopFacts, shopFindings, shopOverview } from '@/lib/db/queries';
import { formatCount } from '@/lib/format';
import { AREA_LABELS, t } from '@/lib/i18n';
import { metric } from '@/lib/metrics';
import { updateSettings } from '@/lib/settings';

const CARD_METRICS = ['payAmt', 'uv', 'payRate', 'payPct', 'payByrCnt', 'cartByrCnt', 'cltItmCnt'] as const;
const PERIODS = [7, 30, 90] as const;

export function SidePanelApp() {
  const db = getDb();
  const settings = useSettings();
  const lang = settings.language;
  const shops = useShops();
  const [pinned, setPinned] = useState<string | null>(null);
  const [days, setDays] = useState<number>(30);
  const [metricId, setMetricId] = useState<string>('payAmt');

  // Follow the shop the operator is browsing unless they picked one.
  const recent = useMemo(() => [...(shops ?? [])].sort((a, b) => b.lastSeenAt - a.lastSeenAt)[0]?.id ?? null, [shops]);
  const shopId = pinned && shops?.some((s) => s.id === pinned) ? pinned : recent;
  const shop = shops?.find((s) => s.id === shopId);

  const overview = useLiveQuery(() => (shopId ? shopOverview(db, shopId, days) : null), [shopId, days]);
  const findings = useLiveQuery(() => (shopId ? shopFindings(db, shopId) : []), [shopId]);
  const health = useLiveQuery(() => db.health.toArray(), []);
  const records = useLiveQuery(() => (shopId ? countShopFacts(db, shopId) : 0), [shopId]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(lang, 'appName');
  }, [lang]);

  const header = (
    <header className="app">
      <span className="brand">{t(lang, 'appName')}</span>
      {shops && shops.length > 0 ? (
        <label className="row small">
          <span className="muted">{t(lang, 'shop')}</span>
          <select aria-label={t(lang, 'shop')} value={shopId ?? ''} onChange={(e) => setPinned(e.target.value)} data-testid="shop-switcher">
            {shops.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
                {s.provisional ? (lang === 'zh' ? '（待确认）' : ' (unconfirmed)') : ''}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="button" onClick={() => updateSettings(db, { language: lang === 'zh' ? 'en' : 'zh' })}>
        {t(lang, 'language')}
      </button>
    </header>
  );

  if (shops === undefined) return header;
  if (!shopId || overview === null) {
    return (
      <>
        {header}
        <main>
          <div className="card empty" data-testid="empty-state">
            <p>
              <strong>{t(lang, 'noData')}</strong>
            </p>
            <p className="muted">{t(lang, 'noDataHint')}</p>
            <a href="https://sycm.taobao.com/portal/home.htm" target="_blank" rel="noreferrer">
              {t(lang, 'openSycmHome')} ↗
            </a>
          </div>
        </main>
      </>
    );
  }
  if (!overview) return header;

  const { asOf, byMetric, consoleCrc } = overview;
  const val = (id: string, d: string) => byMetric.get(id)?.get(d) ?? null;
  const rel = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b - 1);
  const sel = metric(metricId) ?? metric('payAmt');
  const fired = (findings ?? []).filter((f) => f.status === 'fired' || f.status === 'error');
  const pending = (findings ?? []).filter((f) => f.status === 'insufficient');
  const fine = (findings ?? []).filter((f) => f.status === 'ok' || f.status === 'not-applicable');

  return (
    <>
      {header}
      <main>
        {shop?.provisional && shops ? <ProvisionalShop shop={shop} shops={shops} lang={lang} /> : null}
        <div className="section-title">
          <span>
            {t(lang, 'kpis')} <span className="muted small">{shop?.title}</span>
          </span>
          <span className="small muted" data-testid="as-of">
            {t(lang, 'asOf')} {asOf}
          </span>
        </div>
        <div className="kpi-grid">
          {CARD_METRICS.map((id) => {
            const m = metric(id);
            if (!m) return null;
            const v = val(id, asOf);
            const prev = rel(v, val(id, addDays(asOf, -1))) ?? consoleCrc[id] ?? null;
            return (
              <KpiCard
                key={id}
                m={m}
                value={v}
                prevDay={prev}
                lastWeek={rel(v, val(id, addDays(asOf, -7)))}
                lang={lang}
                selected={metricId === id}
                onSelect={() => setMetricId(id)}
              />
            );
          })}
        </div>

        <div className="section-title">
          <span>
            {t(lang, 'trend')} · {sel ? (lang === 'zh' ? sel.zh : sel.en) : ''}
          </span>
          <fieldset className="seg" aria-label={t(lang, 'period')}>
            {PERIODS.map((p) => (
              <button key={p} type="button" aria-pressed={days === p} onClick={() => setDays(p)}>
                {p}
                {lang === 'zh' ? '天' : 'd'}
              </button>
            ))}
          </fieldset>
        </div>
        <div className="card">
          {sel ? (
            <TrendChart
              lang={lang}
              label={`${lang === 'zh' ? sel.zh : sel.en}（${lang === 'zh' ? '近' : 'last '}${days}${lang === 'zh' ? '天' : 'd'}）`}
              previousLabel={t(lang, 'previousPeriod')}
              unit={sel.unit}
              values={byMetric.get(sel.id) ?? new Map()}
              asOf={asOf}
              days={days}
            />
          ) : null}
        </div>

        <div className="section-title">
          <span>
            {t(lang, 'findings')} · {AREA_LABELS.DA[lang]}
          </span>
          <span className="small muted">{fired.length > 0 ? `${fired.length}` : ''}</span>
        </div>
        <div className="stack" data-testid="findings">
          {fired.length === 0 && fine.some((f) => f.status === 'ok') ? <div className="card small">{t(lang, 'noFindings')}</div> : null}
          {fired.map((f) => (
            <FindingCard key={f.id} f={f} lang={lang} />
          ))}
          {pending.map((f) => (
            <FindingCard key={f.id} f={f} lang={lang} compact />
          ))}
          {fine.length > 0 ? (
            <details className="card">
              <summary className="small muted">
                {t(lang, 'checkedOk')}（{fine.length}）
              </summary>
              <div className="stack" style={{ marginTop: 6 }}>
                {fine.map((f) => (
                  <FindingCard key={f.id} f={f} lang={lang} compact />
                ))}
              </div>
            </details>
          ) : null}
        </div>

        <div className="section-title">
          <span>{t(lang, 'captureHealth')}</span>
          <span className="small muted">
            {t(lang, 'records')} {formatCount(records ?? 0, lang)}
          </span>
        </div>
        <div className="card">
          <HealthList rows={health ?? []} lang={lang} />
        </div>
      </main>
    </>
  );
}
