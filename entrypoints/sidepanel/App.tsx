import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { EmptyArea } from '@/components/area/EmptyArea';
import { EntityTable } from '@/components/area/EntityTable';
import { KpiGrid, kpiLabel, kpiUnit } from '@/components/area/KpiGrid';
import { type CompareMode, PeriodBar } from '@/components/area/PeriodBar';
import { type Pt, TrendChart } from '@/components/charts/TrendChart';
import { FindingCard } from '@/components/findings/FindingCard';
import { LogActionInline } from '@/components/findings/LogActionButton';
import { useSettings, useShops } from '@/components/hooks';
import { HealthList } from '@/components/ui/HealthList';
import { ProvisionalShop } from '@/components/ui/ProvisionalShop';
import { WORK_TABS, WorkView, type WorkTab } from '@/components/work/WorkView';
import { addDays } from '@/lib/capture/business-date';
import { entityDays, entityTable, shopDays } from '@/lib/db/area-queries';
import { getDb } from '@/lib/db/database';
import { countShopFacts, shopFindings } from '@/lib/db/queries';
import { formatCount, type Lang } from '@/lib/format';
import { AREA_LABELS, t } from '@/lib/i18n';
import { metric } from '@/lib/metrics';
import { profileFor } from '@/lib/rules/run';
import type { EntityKind } from '@/lib/schema/fact';
import { AREAS, type Area, type Finding } from '@/lib/schema/finding';
import { updateSettings } from '@/lib/settings';
import { AREA_DEFS, type AreaDef, OVERVIEW } from '@/lib/ui/areas';
import { kpiDaily, lastYearPeriod, type Period, type PeriodKind, periodFor, periodLength } from '@/lib/ui/kpi';
import { areaScores } from '@/lib/ui/scores';

type Tab = 'OVERVIEW' | Area;

/** `sidepanel.html?view=export` (the popup's 导出 button) opens the 数据与协作 view on that tab. */
function initialWork(): WorkTab | null {
  const v = new URLSearchParams(globalThis.location?.search ?? '').get('view');
  return (WORK_TABS as readonly string[]).includes(v ?? '') ? (v as WorkTab) : null;
}
type Drill = { kind: EntityKind; id: string; name?: string; area: AreaDef };

const RATE_UNITS = new Set(['ratio', 'multiple', 'seconds', 'hours', 'days', 'score']);

export function SidePanelApp() {
  const db = getDb();
  const settings = useSettings();
  const lang = settings.language;
  const shops = useShops();
  const [pinned, setPinned] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('OVERVIEW');
  const [periodKind, setPeriodKind] = useState<PeriodKind>('day');
  const [custom, setCustom] = useState<Period>({ from: '', to: '' });
  const [compare, setCompare] = useState<CompareMode>('prev');
  const [kpiByTab, setKpiByTab] = useState<Record<string, string>>({});
  const [drill, setDrill] = useState<Drill | null>(null);
  const [work, setWork] = useState<WorkTab | null>(initialWork);

  // Follow the shop the operator is browsing unless they picked one.
  const recent = useMemo(() => [...(shops ?? [])].sort((a, b) => b.lastSeenAt - a.lastSeenAt)[0]?.id ?? null, [shops]);
  const shopId = pinned && shops?.some((s) => s.id === pinned) ? pinned : recent;
  const shop = shops?.find((s) => s.id === shopId);
  const profile = useMemo(() => (shopId ? profileFor(settings, shopId) : undefined), [settings, shopId]);

  const days = useLiveQuery(() => (shopId ? shopDays(db, shopId, 400, profile) : null), [shopId, profile]);
  const findings = useLiveQuery(() => (shopId ? shopFindings(db, shopId) : []), [shopId]);
  const health = useLiveQuery(() => db.health.toArray(), []);
  // Counting every stored fact walks the whole index: do it once, after the first paint, not live.
  const [records, setRecords] = useState<number | null>(null);
  useEffect(() => {
    if (!shopId) return;
    const timer = setTimeout(() => {
      countShopFacts(db, shopId)
        .then(setRecords)
        .catch(() => setRecords(null));
    }, 1500);
    return () => clearTimeout(timer);
  }, [db, shopId]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(lang, 'appName');
  }, [lang]);

  const scores = useMemo(() => areaScores(findings ?? []), [findings]);

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
      <button
        type="button"
        aria-pressed={work !== null}
        data-testid="work-toggle"
        onClick={() => setWork(work ? null : 'export')}
        title={lang === 'zh' ? '导出、导入、日报周报、操作日志、任务' : 'Export, import, reports, action log, tasks'}
      >
        {work ? (lang === 'zh' ? '返回诊断' : 'Diagnostics') : lang === 'zh' ? '数据与协作' : 'Data & team'}
      </button>
      <button type="button" onClick={() => updateSettings(db, { language: lang === 'zh' ? 'en' : 'zh' })}>
        {t(lang, 'language')}
      </button>
    </header>
  );

  if (shops !== undefined && work) {
    return (
      <>
        {header}
        <main>
          <WorkView key={work} initial={work} shopId={shopId ?? null} shops={shops} lang={lang} asOf={days ? days.asOf : null} />
        </main>
      </>
    );
  }

  if (shops === undefined) return header;
  if (!shopId || days === null) {
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
            <p className="small">
              <button type="button" data-testid="empty-import" onClick={() => setWork('import')}>
                {lang === 'zh' ? '从备份或生意参谋下载的报表导入' : 'Import a backup or a console report'}
              </button>
            </p>
          </div>
        </main>
      </>
    );
  }
  if (!days) return header;
  const asOf = days.asOf;
  const period = periodFor(periodKind, asOf, custom.from && custom.to ? custom : undefined);
  const def = tab === 'OVERVIEW' ? OVERVIEW : AREA_DEFS[tab];
  const kpiId = kpiByTab[tab] ?? def.kpis[0]?.id ?? 'payAmt';

  const tabs = (
    <div className="tabs" role="tablist" aria-label={lang === 'zh' ? '领域' : 'Areas'}>
      {(['OVERVIEW', ...AREAS] as Tab[]).map((a) => (
        <button
          key={a}
          type="button"
          role="tab"
          aria-selected={tab === a}
          data-tab={a}
          onClick={() => {
            setTab(a);
            setDrill(null);
          }}
        >
          {a === 'OVERVIEW' ? (lang === 'zh' ? '总览' : 'Overview') : AREA_LABELS[a][lang]}
          {a !== 'OVERVIEW' && scores[a]?.score !== null && scores[a]?.score !== undefined ? <span className="score">{scores[a]?.score}</span> : null}
        </button>
      ))}
    </div>
  );

  const areaFindings = (findings ?? []).filter((f) => tab === 'OVERVIEW' || f.area === tab);

  return (
    <>
      {header}
      {tabs}
      <main role="tabpanel" data-testid={`panel-${tab}`}>
        {shop?.provisional && shops ? <ProvisionalShop shop={shop} shops={shops} lang={lang} /> : null}
        <div className="section-title">
          <span>
            {tab === 'OVERVIEW' ? t(lang, 'kpis') : AREA_LABELS[tab][lang]} <span className="muted small">{shop?.title}</span>
          </span>
          <span className="small muted" data-testid="as-of">
            {t(lang, 'asOf')} {asOf}
          </span>
        </div>
        <PeriodBar
          lang={lang}
          kind={periodKind}
          onKind={(k) => {
            setPeriodKind(k);
            if (k === 'custom' && !custom.from) setCustom({ from: addDays(asOf, -13), to: asOf });
          }}
          custom={custom}
          onCustom={setCustom}
          compare={compare}
          onCompare={setCompare}
          asOf={asOf}
        />
        {drill ? (
          <EntityView drill={drill} shopId={shopId} period={period} lang={lang} findings={findings ?? []} onBack={() => setDrill(null)} />
        ) : (
          <>
            <AreaKpis
              def={def}
              days={days}
              period={period}
              compare={compare}
              lang={lang}
              kpiId={kpiId}
              onKpi={(id) => setKpiByTab({ ...kpiByTab, [tab]: id })}
            />
            {tab === 'OVERVIEW' ? <HealthGrid scores={scores} lang={lang} onOpen={(a) => setTab(a)} /> : null}
            <FindingsList findings={areaFindings} lang={lang} overview={tab === 'OVERVIEW'} />
            {tab !== 'OVERVIEW'
              ? def.drill.map((d) => (
                  <DrillTable
                    key={d.kind}
                    shopId={shopId}
                    d={d}
                    period={period}
                    lang={lang}
                    profileKey={JSON.stringify(profile)}
                    flagged={new Set((findings ?? []).filter((f) => f.status === 'fired' && f.entity.kind === d.kind).map((f) => f.entity.id))}
                    onOpen={(row) => setDrill({ kind: d.kind, id: row.id, ...(row.name ? { name: row.name } : {}), area: def })}
                  />
                ))
              : null}
            {tab !== 'OVERVIEW' && !def.kpis.some((k) => days.metrics.has(k.id) || (k.agg.kind === 'sumOf' && k.agg.parts.some((p) => days.metrics.has(p)))) ? (
              <EmptyArea families={def.families} lang={lang} />
            ) : null}
            {tab === 'OVERVIEW' ? (
              <>
                <div className="section-title">
                  <span>{t(lang, 'captureHealth')}</span>
                  <span className="small muted">
                    {records === null ? '' : `${t(lang, 'records')} ${formatCount(records, lang)}`}
                  </span>
                </div>
                <div className="card">
                  <HealthList rows={health ?? []} lang={lang} />
                </div>
              </>
            ) : null}
          </>
        )}
      </main>
    </>
  );
}

function AreaKpis({
  def,
  days,
  period,
  compare,
  lang,
  kpiId,
  onKpi,
}: {
  def: AreaDef;
  days: NonNullable<Awaited<ReturnType<typeof shopDays>>>;
  period: Period;
  compare: CompareMode;
  lang: Lang;
  kpiId: string;
  onKpi: (id: string) => void;
}) {
  const sel = def.kpis.find((k) => k.id === kpiId) ?? def.kpis[0];
  // The chart shows at least 30 days ending with the period, and the comparison mapped onto them.
  const len = Math.max(30, periodLength(period));
  const window: Period = { from: addDays(period.to, -(len - 1)), to: period.to };
  const shift = compare === 'prev' ? len : 364;
  const cmp: Period = compare === 'prev' ? { from: addDays(window.from, -len), to: addDays(window.to, -len) } : lastYearPeriod(window);
  const chart = (() => {
    if (!sel) return null;
    const cur = kpiDaily(days.get, sel, window);
    const base = kpiDaily(days.get, sel, cmp);
    const pts: Pt[] = [];
    const cpts: Pt[] = [];
    for (let d = window.from; d <= window.to; d = addDays(d, 1)) {
      pts.push({ x: d, y: cur.get(d) ?? null });
      cpts.push({ x: d, y: base.get(addDays(d, -shift)) ?? null });
    }
    return { pts, cpts, any: cur.size > 0 };
  })();
  if (def.kpis.length === 0 || !sel) return null;
  return (
    <>
      <KpiGrid defs={def.kpis} get={days.get} period={period} compare={compare} lang={lang} selected={sel.id} onSelect={onKpi} />
      {chart?.any ? (
        <>
          <div className="section-title">
            <span>
              {t(lang, 'trend')} · {kpiLabel(sel, lang)}
            </span>
          </div>
          <div className="card">
            <TrendChart
              lang={lang}
              unit={kpiUnit(sel)}
              current={{ label: `${kpiLabel(sel, lang)}（${window.from.slice(5)} ~ ${window.to.slice(5)}）`, points: chart.pts }}
              compare={{ label: compare === 'prev' ? t(lang, 'previousPeriod') : lang === 'zh' ? '去年同期' : 'Last year', points: chart.cpts }}
              {...(sel.id === 'payAmt' && days.forecast.length && period.to === days.asOf
                ? { forecast: { label: lang === 'zh' ? '预测（未来30天）' : 'Forecast (30 days)', points: days.forecast } }
                : {})}
            />
          </div>
        </>
      ) : null}
    </>
  );
}

function HealthGrid({ scores, lang, onOpen }: { scores: ReturnType<typeof areaScores>; lang: Lang; onOpen: (a: Area) => void }) {
  return (
    <>
      <div className="section-title">
        <span>{lang === 'zh' ? '各领域健康分' : 'Health by area'}</span>
      </div>
      <div className="health-grid" data-testid="health-grid">
        {AREAS.map((a) => {
          const s = scores[a];
          const cls = s?.score === null || s?.score === undefined ? '' : s.score < 60 ? 'low' : s.score < 85 ? 'mid' : '';
          return (
            <button key={a} type="button" className={`health-cell ${cls}`} onClick={() => onOpen(a)} title={s?.why[lang] ?? ''} data-area={a}>
              <strong>{s?.score ?? '—'}</strong>
              {AREA_LABELS[a][lang]}
            </button>
          );
        })}
      </div>
    </>
  );
}

function FindingsList({ findings, lang, overview }: { findings: Finding[]; lang: Lang; overview: boolean }) {
  const fired = findings.filter((f) => f.status === 'fired' || f.status === 'error');
  // On the overview: the top 3 of each area, most severe first (domain-rules §3.10).
  const shown = overview ? AREAS.flatMap((a) => fired.filter((f) => f.area === a).slice(0, 3)).sort((a, b) => a.severity.localeCompare(b.severity)) : fired;
  const pending = overview ? [] : findings.filter((f) => f.status === 'insufficient');
  const fine = overview ? [] : findings.filter((f) => f.status === 'ok' || f.status === 'not-applicable');
  return (
    <>
      <div className="section-title">
        <span>{t(lang, 'findings')}</span>
        <span className="small muted">{fired.length > 0 ? fired.length : ''}</span>
      </div>
      <div className="stack" data-testid="findings">
        {fired.length === 0 && findings.some((f) => f.status === 'ok') ? <div className="card small">{t(lang, 'noFindings')}</div> : null}
        {fired.length === 0 && !findings.some((f) => f.status === 'ok') ? (
          <div className="card small muted">
            {lang === 'zh' ? '还没有可下结论的诊断：数据不足的项目见下方。' : 'Nothing to conclude yet: see what lacks data below.'}
          </div>
        ) : null}
        {shown.map((f) => (
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
    </>
  );
}

function DrillTable({
  shopId,
  d,
  period,
  lang,
  flagged,
  onOpen,
  profileKey,
}: {
  shopId: string;
  d: AreaDef['drill'][number];
  period: Period;
  lang: Lang;
  flagged: Set<string>;
  onOpen: (row: { id: string; name?: string }) => void;
  profileKey: string;
}) {
  const db = getDb();
  const rates = new Set([...d.show, d.rankBy].filter((m) => RATE_UNITS.has(metric(m)?.unit ?? 'count')));
  // Rankings over a single day are noisy: the table uses at least the last 7 days.
  const p: Period = periodLength(period) >= 7 ? period : { from: addDays(period.to, -6), to: period.to };
  const rows = useLiveQuery(
    () => entityTable(db, shopId, d.kind, p, d.show, d.rankBy, rates, profileKey ? JSON.parse(profileKey) : undefined, 30),
    [shopId, d.kind, p.from, p.to, profileKey],
  );
  return (
    <>
      <div className="section-title">
        <span>
          {d.label[lang]} · {p.from.slice(5)} ~ {p.to.slice(5)}
        </span>
        <span className="small muted">{rows ? rows.length : ''}</span>
      </div>
      <div className="card" data-testid={`drill-${d.kind}`}>
        {rows ? <EntityTable rows={rows} show={d.show} lang={lang} onOpen={onOpen} flagged={flagged} /> : null}
      </div>
    </>
  );
}

function EntityView({
  drill,
  shopId,
  period,
  lang,
  findings,
  onBack,
}: {
  drill: Drill;
  shopId: string;
  period: Period;
  lang: Lang;
  findings: Finding[];
  onBack: () => void;
}) {
  const db = getDb();
  const d = drill.area.drill.find((x) => x.kind === drill.kind);
  const get = useLiveQuery(() => entityDays(db, shopId, drill.kind, drill.id), [shopId, drill.kind, drill.id]);
  const [metricId, setMetricId] = useState(d?.rankBy ?? 'payAmt');
  const own = findings.filter((f) => f.entity.kind === drill.kind && f.entity.id === drill.id);
  const series = get?.(metricId);
  const pts: Pt[] = series ? [...series.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([x, y]) => ({ x, y })) : [];
  const m = metric(metricId);
  return (
    <div data-testid="entity-view">
      <button type="button" className="back" onClick={onBack}>
        ← {lang === 'zh' ? '返回' : 'Back'}
      </button>
      <div className="section-title">
        <span>{drill.name ?? drill.id}</span>
        <span className="small muted">{drill.id}</span>
      </div>
      <div className="row small finding-actions" data-testid="entity-log-action">
        <LogActionInline
          shopId={shopId}
          entity={{ kind: drill.kind, id: drill.id, ...(drill.name ? { name: drill.name } : {}) }}
          {...(drill.area.id !== 'OVERVIEW' ? { area: drill.area.id } : {})}
          asOf={period.to}
          lang={lang}
        />
      </div>
      <fieldset className="seg" aria-label={lang === 'zh' ? '指标' : 'Metric'}>
        {(d?.show ?? []).map((id) => (
          <button key={id} type="button" aria-pressed={metricId === id} onClick={() => setMetricId(id)}>
            {lang === 'zh' ? (metric(id)?.zh ?? id) : (metric(id)?.en ?? id)}
          </button>
        ))}
      </fieldset>
      <div className="card" style={{ marginTop: 6 }}>
        {pts.length ? (
          <TrendChart lang={lang} unit={m?.unit ?? 'count'} current={{ label: lang === 'zh' ? (m?.zh ?? metricId) : (m?.en ?? metricId), points: pts }} />
        ) : (
          <div className="small muted">{lang === 'zh' ? `${period.to} 前没有这个指标的记录。` : 'No history for this metric yet.'}</div>
        )}
      </div>
      <FindingsList findings={own} lang={lang} overview={false} />
    </div>
  );
}
