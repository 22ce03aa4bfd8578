import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { todayShanghai } from '@/lib/capture/business-date';
import { getDb } from '@/lib/db/database';
import { formatByUnit, formatSignedPct, type Lang } from '@/lib/format';
import {
  ACTION_LABELS,
  actionMetrics,
  type DayPoint,
  DEFAULT_WINDOW_DAYS,
  defaultMetric,
  deleteEntry,
  ENTITY_LABELS,
  ENTITY_METRICS,
  type Evaluation,
  evaluateEntries,
  JOURNAL_ENTITY_KINDS,
  JournalError,
  listEntries,
  metricLabel,
  updateEntry,
  addEntry,
} from '@/lib/journal';
import { type MetricUnit, metric } from '@/lib/metrics';
import type { EntityKind } from '@/lib/schema/fact';
import type { Area } from '@/lib/schema/finding';
import { ACTION_KINDS, type ActionKind, type JournalEntry } from '@/lib/schema/journal';
import { addDays } from '@/lib/series/dates';
import type { WorkPanelProps } from './WorkView';

const T = {
  title: { zh: '操作日志', en: 'Action log' },
  intro: {
    zh: '记录做了什么（提高出价、换主图、报名聚划算…），观察期结束后按同星期几基线对比前后数据，给出复盘结论。',
    en: 'Log what you did; after the observation window the before/after is compared against same-weekday baselines.',
  },
  log: { zh: '记录操作', en: 'Log an action' },
  kind: { zh: '操作', en: 'Action' },
  entityKind: { zh: '对象', en: 'On' },
  entity: { zh: '名称或 ID', en: 'Name or id' },
  search: { zh: '搜索名称或 ID', en: 'Search name or id' },
  date: { zh: '生效日期', en: 'Effective date' },
  metric: { zh: '观察指标', en: 'Metric' },
  window: { zh: '观察天数', en: 'Window (days)' },
  note: { zh: '备注', en: 'Note' },
  notePh: { zh: '如：出价 1.2 → 1.5 元；主图改白底', en: 'e.g. bid 1.2 → 1.5' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  edit: { zh: '编辑', en: 'Edit' },
  del: { zh: '删除', en: 'Delete' },
  confirmDel: { zh: '确认删除', en: 'Confirm delete' },
  empty: {
    zh: '还没有操作记录。点上方「+ 记录操作」，或在诊断的问题卡片上点「记录操作」。',
    en: 'No action logged yet. Use “+ Log an action” above, or “Log action” on a finding card.',
  },
  noShop: { zh: '还没有店铺数据：先打开 生意参谋 首页。', en: 'No shop yet: open 生意参谋 首页 first.' },
  pickEntity: { zh: '请先搜索并选中一个对象，或直接填写它的 ID。', en: 'Search and pick the entity first, or type its id.' },
  before: { zh: '前', en: 'Before' },
  after: { zh: '后', en: 'After' },
  baseline: { zh: '同星期几基线', en: 'Same-weekday baseline' },
  adjusted: { zh: '扣除星期因素', en: 'Weekday-adjusted' },
  daysWithData: { zh: '有数据天数', en: 'Days with data' },
  confounders: { zh: '同期干扰', en: 'Confounders' },
  saved: { zh: '已保存', en: 'Saved' },
  noMatch: { zh: '近 30 天没有匹配的对象，可直接填写 ID', en: 'No match in the last 30 days: type the id' },
} as const;

interface EntityOption {
  id: string;
  name?: string;
  metrics: Set<string>;
}

/** Entities of a kind seen in the last 30 days before asOf, with the metrics they have. */
function useEntityOptions(shopId: string | null, kind: EntityKind, asOf: string | null, onlyId?: string): EntityOption[] | undefined {
  return useLiveQuery(async () => {
    if (!shopId) return [];
    const to = asOf ?? todayShanghai();
    const from = addDays(to, -29);
    // One known entity (the shop, or the entity a finding names): its own index range only.
    const one = kind === 'shop' ? shopId : onlyId;
    if (one) {
      const rows = await getDb()
        .facts.where('[shopId+entityKind+entityId+date]')
        .between([shopId, kind, one, from], [shopId, kind, one, to], true, true)
        .toArray();
      const metrics = new Set<string>();
      let name: string | undefined;
      for (const f of rows) {
        for (const k of Object.keys(f.values)) metrics.add(k);
        if (f.entityName) name = f.entityName;
      }
      return [{ id: one, ...(name ? { name } : {}), metrics }];
    }
    const rows = await getDb()
      .facts.where('[shopId+date]')
      .between([shopId, from], [shopId, to], true, true)
      .filter((f) => f.entityKind === kind)
      .toArray();
    const byId = new Map<string, EntityOption>();
    for (const f of rows) {
      let o = byId.get(f.entityId);
      if (!o) {
        o = { id: f.entityId, metrics: new Set() };
        byId.set(f.entityId, o);
      }
      if (f.entityName) o.name = f.entityName;
      for (const k of Object.keys(f.values)) o.metrics.add(k);
    }
    return [...byId.values()].sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id, 'zh'));
  }, [shopId, kind, asOf, onlyId]);
}

export interface JournalDraft {
  kind: ActionKind;
  entity: { kind: EntityKind; id: string; name?: string };
  date: string;
  metric: string;
  windowDays: number;
  note: string;
  area?: Area;
  findingId?: string;
}

export function defaultDate(asOf: string | null): string {
  return asOf ? addDays(asOf, 1) : todayShanghai();
}

/**
 * The 记录操作 form (side panel 操作日志, finding cards, entity view). `fixedEntity` hides the
 * entity picker (the finding or drill view already names it).
 */
export function JournalForm({
  shopId,
  lang,
  asOf,
  initial,
  fixedEntity = false,
  editingId,
  onDone,
  compact = false,
}: {
  shopId: string;
  lang: Lang;
  asOf: string | null;
  initial: JournalDraft;
  fixedEntity?: boolean;
  editingId?: string;
  onDone: (id: string | null) => void;
  compact?: boolean;
}) {
  const [d, setD] = useState<JournalDraft>(initial);
  const [query, setQuery] = useState(initial.entity.kind === 'shop' ? '' : (initial.entity.name ?? initial.entity.id));
  const [error, setError] = useState<string | null>(null);
  const [metricTouched, setMetricTouched] = useState(!!editingId);
  const options = useEntityOptions(shopId, d.entity.kind, asOf, fixedEntity ? d.entity.id : undefined);
  const chosen = options?.find((o) => o.id === d.entity.id);
  const available = chosen?.metrics;
  const shownMetric = metricTouched ? d.metric : defaultMetric(d.kind, d.entity.kind, available);
  const metricChoices = useMemo(() => {
    const ids = [...actionMetrics(d.kind, d.entity.kind), ...(ENTITY_METRICS[d.entity.kind] ?? []), ...(available ?? [])];
    const uniq = [...new Set(ids)].filter((id) => metric(id) && metric(id)?.kind === 'real');
    if (!uniq.includes(shownMetric)) uniq.unshift(shownMetric);
    return uniq;
  }, [d.kind, d.entity.kind, available, shownMetric]);
  const q = query.trim().toLowerCase();
  const matches =
    d.entity.kind === 'shop' || !q ? [] : (options ?? []).filter((o) => o.id.toLowerCase().includes(q) || (o.name ?? '').toLowerCase().includes(q)).slice(0, 8);

  const save = async () => {
    setError(null);
    let entity = d.entity;
    if (entity.kind !== 'shop' && !entity.id) {
      const typed = query.trim();
      if (!typed) {
        setError(T.pickEntity[lang]);
        return;
      }
      entity = { kind: entity.kind, id: typed };
    }
    const payload = { ...d, entity, metric: shownMetric, windowDays: Math.round(Number(d.windowDays)) };
    try {
      const db = getDb();
      const saved = editingId
        ? await updateEntry(db, editingId, payload)
        : await addEntry(db, { shopId, ...payload, ...(payload.area ? { area: payload.area } : {}) });
      onDone(saved.id);
    } catch (e) {
      setError(e instanceof JournalError ? (lang === 'zh' ? e.zh : e.en) : e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      className={`journal-form ${compact ? 'compact' : 'card'}`}
      data-testid="journal-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="journal-grid">
        <label>
          <span className="muted small">{T.kind[lang]}</span>
          <select data-testid="journal-kind" value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value as ActionKind })}>
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {ACTION_LABELS[k][lang]}
              </option>
            ))}
          </select>
        </label>
        {fixedEntity ? (
          <div className="journal-entity small">
            <span className="muted">{ENTITY_LABELS[d.entity.kind]?.[lang] ?? d.entity.kind}</span>{' '}
            {d.entity.kind === 'shop' ? null : <strong>{d.entity.name ?? d.entity.id}</strong>}
          </div>
        ) : (
          <label>
            <span className="muted small">{T.entityKind[lang]}</span>
            <select
              data-testid="journal-entity-kind"
              value={d.entity.kind}
              onChange={(e) => {
                const kind = e.target.value as EntityKind;
                setQuery('');
                setD({ ...d, entity: kind === 'shop' ? { kind, id: shopId } : { kind, id: '' } });
              }}
            >
              {JOURNAL_ENTITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ENTITY_LABELS[k]?.[lang] ?? k}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!fixedEntity && d.entity.kind !== 'shop' ? (
        <div className="journal-search">
          <input
            type="search"
            data-testid="journal-entity-search"
            placeholder={T.search[lang]}
            aria-label={T.entity[lang]}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setD({ ...d, entity: { kind: d.entity.kind, id: '' } });
            }}
          />
          {d.entity.id ? (
            <div className="small" data-testid="journal-entity-chosen">
              ✓ {d.entity.name ?? d.entity.id} <span className="muted">{d.entity.id}</span>
            </div>
          ) : matches.length ? (
            <ul className="journal-matches" data-testid="journal-matches">
              {matches.map((o) => (
                <li key={o.id}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setD({ ...d, entity: { kind: d.entity.kind, id: o.id, ...(o.name ? { name: o.name } : {}) } });
                      setQuery(o.name ?? o.id);
                    }}
                  >
                    {o.name ?? o.id} <span className="muted small">{o.id}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : q ? (
            <div className="muted small">{T.noMatch[lang]}</div>
          ) : null}
        </div>
      ) : null}
      <div className="journal-grid">
        <label>
          <span className="muted small">{T.date[lang]}</span>
          <input type="date" data-testid="journal-date" required value={d.date} onChange={(e) => setD({ ...d, date: e.target.value })} />
        </label>
        <label>
          <span className="muted small">{T.metric[lang]}</span>
          <select
            data-testid="journal-metric"
            value={shownMetric}
            onChange={(e) => {
              setMetricTouched(true);
              setD({ ...d, metric: e.target.value });
            }}
          >
            {metricChoices.map((id) => (
              <option key={id} value={id}>
                {metricLabel(id, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="muted small">{T.window[lang]}</span>
          <input
            type="number"
            data-testid="journal-window"
            min={1}
            max={60}
            value={d.windowDays}
            onChange={(e) => setD({ ...d, windowDays: Number(e.target.value) })}
          />
        </label>
      </div>
      <label className="journal-note">
        <span className="muted small">{T.note[lang]}</span>
        <textarea
          data-testid="journal-note"
          maxLength={2000}
          rows={compact ? 1 : 2}
          placeholder={T.notePh[lang]}
          value={d.note}
          onChange={(e) => setD({ ...d, note: e.target.value })}
        />
      </label>
      {error ? (
        <div className="warn small" role="alert" data-testid="journal-error">
          {error}
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" data-testid="journal-save">
          {T.save[lang]}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {T.cancel[lang]}
        </button>
      </div>
    </form>
  );
}

/** Before (grey) and after (orange) days with the same-weekday baseline dashed, as inline SVG. */
export function BeforeAfterChart({ points, unit, lang }: { points: DayPoint[]; unit: MetricUnit; lang: Lang }) {
  const W = 340;
  const H = 90;
  const P = { l: 4, r: 4, t: 8, b: 16 };
  const vals = points.flatMap((p) => [p.value, p.baseline]).filter((v): v is number => v !== null);
  if (points.length < 2 || !vals.length) return null;
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  if (lo === hi) {
    lo *= 0.9;
    hi = hi * 1.1 || 1;
  }
  const x = (i: number) => P.l + (i * (W - P.l - P.r)) / (points.length - 1);
  const y = (v: number) => P.t + (1 - (v - lo) / (hi - lo)) * (H - P.t - P.b);
  const path = (pick: (p: DayPoint) => number | null, phase?: DayPoint['phase']) => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      const v = pick(p);
      if (v === null || (phase && p.phase !== phase)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const split = points.findIndex((p) => p.phase === 'after');
  return (
    <svg className="journal-chart" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${T.before[lang]} / ${T.after[lang]}`}>
      {split > 0 ? (
        <line x1={(x(split - 1) + x(split)) / 2} x2={(x(split - 1) + x(split)) / 2} y1={P.t - 4} y2={H - P.b} stroke="#9aa3af" strokeDasharray="2 2" />
      ) : null}
      <path d={path((p) => p.baseline)} fill="none" stroke="#1d5fbf" strokeWidth={1} strokeDasharray="3 3" />
      <path d={path((p) => p.value, 'before')} fill="none" stroke="#6b7280" strokeWidth={1.8} />
      <path d={path((p) => p.value, 'after')} fill="none" style={{ stroke: 'var(--brand)' }} strokeWidth={2} />
      {points.map((p, i) =>
        p.value === null ? null : (
          <circle key={p.date} cx={x(i)} cy={y(p.value)} r={2} style={{ fill: p.phase === 'after' ? 'var(--brand)' : 'var(--muted)' }} />
        ),
      )}
      <text x={P.l} y={H - 3} fontSize={9} fill="#6b7280">
        {points[0]?.date.slice(5)}
      </text>
      <text x={W - P.r} y={H - 3} fontSize={9} fill="#6b7280" textAnchor="end">
        {points.at(-1)?.date.slice(5)}
      </text>
      <text x={W - P.r} y={P.t + 2} fontSize={9} fill="#6b7280" textAnchor="end">
        {formatByUnit(hi, unit, lang)}
      </text>
    </svg>
  );
}

const VERDICT_CLASS: Record<Evaluation['verdict'], string> = {
  worked: 'worked',
  noEffect: 'none',
  worse: 'worse',
  insufficient: 'insufficient',
  pending: 'pending',
};

function EntryCard({ e, ev, lang, asOf, shopName }: { e: JournalEntry; ev: Evaluation | undefined; lang: Lang; asOf: string | null; shopName: string }) {
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const m = metric(e.metric);
  const unit = m?.unit ?? 'count';
  if (editing) {
    return (
      <JournalForm
        shopId={e.shopId}
        lang={lang}
        asOf={asOf}
        editingId={e.id}
        initial={{ kind: e.kind, entity: e.entity, date: e.date, metric: e.metric, windowDays: e.windowDays, note: e.note }}
        onDone={() => setEditing(false)}
      />
    );
  }
  return (
    <article className="card journal-entry" data-testid="journal-entry" data-verdict={ev?.verdict ?? ''}>
      <div className="spread">
        <strong>
          {ACTION_LABELS[e.kind][lang]} · {e.entity.kind === 'shop' ? shopName : (e.entity.name ?? e.entity.id)}
        </strong>
        {ev ? (
          <span className={`journal-verdict ${VERDICT_CLASS[ev.verdict]}`} data-testid="journal-verdict">
            {ev.label[lang]}
            {ev.verdict === 'pending' ? (lang === 'zh' ? ` · 还需${ev.daysLeft}天` : ` · ${ev.daysLeft} d left`) : ''}
          </span>
        ) : null}
      </div>
      <div className="small muted">
        {e.date} · {ENTITY_LABELS[e.entity.kind]?.[lang] ?? e.entity.kind} · {metricLabel(e.metric, lang)} · {e.windowDays}
        {lang === 'zh' ? '天' : ' d'}
        {e.findingId ? (lang === 'zh' ? ' · 来自诊断' : ' · from a finding') : ''}
      </div>
      {e.note ? <p className="journal-note-text">{e.note}</p> : null}
      {ev ? (
        <>
          {ev.verdict !== 'pending' ? (
            <table className="evidence journal-numbers">
              <tbody>
                <tr>
                  <td>
                    {T.before[lang]} {ev.before.from.slice(5)}~{ev.before.to.slice(5)}
                  </td>
                  <td>{formatByUnit(ev.before.mean, unit, lang)}</td>
                  <td className="muted">
                    {T.daysWithData[lang]} {ev.before.days}
                  </td>
                </tr>
                <tr>
                  <td>
                    {T.after[lang]} {ev.after.from.slice(5)}~{ev.after.to.slice(5)}
                  </td>
                  <td>{formatByUnit(ev.after.mean, unit, lang)}</td>
                  <td className="muted">
                    {T.daysWithData[lang]} {ev.after.days}
                  </td>
                </tr>
                <tr>
                  <td>{lang === 'zh' ? '变化' : 'Change'}</td>
                  <td>{formatSignedPct(ev.changePct)}</td>
                  <td>
                    {T.adjusted[lang]} {formatSignedPct(ev.adjustedChangePct)}
                  </td>
                </tr>
              </tbody>
            </table>
          ) : null}
          <BeforeAfterChart points={ev.points} unit={unit} lang={lang} />
          <div className="small">{ev.summary[lang]}</div>
          {ev.confounders.actions.length || ev.confounders.promos.length ? (
            <div className="small warn" data-testid="journal-confounders">
              {T.confounders[lang]}：
              {[
                ...ev.confounders.actions.map((a) => `${a.date} ${a.label[lang]}`),
                ...ev.confounders.promos.map((p) => (lang === 'zh' ? `${p.name.zh}（${p.days}天）` : `${p.name.en} (${p.days} d)`)),
              ].join('；')}
            </div>
          ) : null}
        </>
      ) : null}
      <div className="row small journal-actions">
        <button type="button" data-testid="journal-edit" onClick={() => setEditing(true)}>
          {T.edit[lang]}
        </button>
        {confirm ? (
          <button type="button" className="danger" data-testid="journal-delete-confirm" onClick={() => void deleteEntry(getDb(), e.id)}>
            {T.confirmDel[lang]}
          </button>
        ) : (
          <button type="button" data-testid="journal-delete" onClick={() => setConfirm(true)}>
            {T.del[lang]}
          </button>
        )}
      </div>
    </article>
  );
}

/** 数据与协作 → 操作日志: log an action, and every logged action with its 复盘. */
export function JournalPanel({ shopId, shops, lang, asOf }: WorkPanelProps) {
  const [adding, setAdding] = useState(false);
  const data = useLiveQuery(async () => {
    if (!shopId) return null;
    const db = getDb();
    const entries = await listEntries(db, shopId);
    const evals = await evaluateEntries(db, entries, asOf ? { asOf } : {});
    return { entries, evals };
  }, [shopId, asOf]);
  if (!shopId) return <div className="card small muted">{T.noShop[lang]}</div>;
  const shopName = shops.find((s) => s.id === shopId)?.title ?? shopId;
  return (
    <div className="journal-panel" data-testid="journal-panel">
      <p className="small muted">{T.intro[lang]}</p>
      {adding ? (
        <JournalForm
          shopId={shopId}
          lang={lang}
          asOf={asOf}
          initial={{
            kind: 'raiseBid',
            entity: { kind: 'shop', id: shopId },
            date: defaultDate(asOf),
            metric: 'payAmt',
            windowDays: DEFAULT_WINDOW_DAYS,
            note: '',
          }}
          onDone={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="primary" data-testid="journal-add" onClick={() => setAdding(true)}>
          + {T.log[lang]}
        </button>
      )}
      <div className="stack journal-list" data-testid="journal-list">
        {data && data.entries.length === 0 ? <div className="card small muted">{T.empty[lang]}</div> : null}
        {data?.entries.map((e) => (
          <EntryCard key={`${e.id}|${e.updatedAt}`} e={e} ev={data.evals.get(e.id)} lang={lang} asOf={asOf} shopName={shopName} />
        ))}
      </div>
    </div>
  );
}
