import { useEffect, useMemo, useRef, useState } from 'react';
import { addDays } from '@/lib/capture/business-date';
import { getDb } from '@/lib/db/database';
import { writeBackup } from '@/lib/export/backup';
import { safeFileName } from '@/lib/export/csv';
import { blobCollector, MIME, saveBlob } from '@/lib/export/download';
import { ENTITY_KIND_LABELS, GRAIN_LABELS } from '@/lib/export/labels';
import { countFacts, type ExportFilter } from '@/lib/export/read-facts';
import { ExportCancelled, type ExportProgress, exportLongCsv, exportWideCsv, exportXlsx } from '@/lib/export/run-export';
import { formatCount } from '@/lib/format';
import { AREA_LABELS } from '@/lib/i18n';
import { ENTITY_KINDS, type EntityKind, GRAINS, type Grain } from '@/lib/schema/fact';
import { AREAS, type Area } from '@/lib/schema/finding';
import type { WorkPanelProps } from './WorkView';

type Format = 'long' | 'wide' | 'xlsx' | 'backup';

const FORMATS: Record<Format, { zh: string; en: string; hintZh: string; hintEn: string }> = {
  long: {
    zh: '明细 CSV',
    en: 'Long CSV',
    hintZh: '一行一个数值（店铺、日期、对象、指标、数值、终端、归因窗口、来源），适合透视表和再加工。',
    hintEn: 'One row per value (shop, date, entity, metric, value, device, attribution, source): for pivot tables.',
  },
  wide: {
    zh: '宽表 CSV',
    en: 'Wide CSV',
    hintZh: '按控制台的样子：一行一个对象一天，列为指标中文名。每次导出一类对象。',
    hintEn: 'As the consoles show it: one row per entity and day, metrics as columns. One entity kind per file.',
  },
  xlsx: {
    zh: '宽表 Excel',
    en: 'Wide XLSX',
    hintZh: '每类对象一个工作表（店铺、商品、关键词…），另有「诊断」表列出问题、证据和建议。',
    hintEn: 'One sheet per entity kind plus a 诊断 sheet with the findings, evidence and suggestions.',
  },
  backup: {
    zh: 'JSON 备份',
    en: 'JSON backup',
    hintZh: '整个数据库（所有店铺、所有日期，含诊断、操作日志和任务），可在另一台电脑或新浏览器里「导入 → 恢复备份」。不含群机器人的地址和密钥。',
    hintEn:
      'The whole database (every shop and date, with findings, action log and tasks), to restore on another computer under Import → Restore a backup. Group robot addresses and secrets are left out.',
  },
};

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExportProgress | null }
  | { kind: 'done'; rows: number; fileName: string; bytes: number; format: Format }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

/** 12 KB, 3.4 MB: the size an operator reads. */
function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** 导出: long / wide CSV, XLSX and the JSON backup, filtered, streamed in chunks with progress. */
export function ExportPanel({ shopId, shops, lang, asOf }: WorkPanelProps) {
  const db = getDb();
  const zh = lang === 'zh';
  const [shop, setShop] = useState<string>(shopId ?? '');
  const [from, setFrom] = useState(asOf ? addDays(asOf, -29) : '');
  const [to, setTo] = useState(asOf ?? '');
  const [area, setArea] = useState<Area | ''>('');
  const [grain, setGrain] = useState<Grain | ''>('');
  const [format, setFormat] = useState<Format>('xlsx');
  const [kind, setKind] = useState<EntityKind>('shop');
  const [count, setCount] = useState<number | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  const filter: ExportFilter = useMemo(
    () => ({
      shopIds: shop ? [shop] : [],
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      area: area || null,
      grain: grain || null,
      ...(format === 'wide' ? { kind } : {}),
    }),
    [shop, from, to, area, grain, format, kind],
  );

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      countFacts(db, filter)
        .then((n) => live && setCount(n))
        .catch(() => live && setCount(null));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, filter]);

  useEffect(() => () => abort.current?.abort(), []);

  const badRange = Boolean(from && to && from > to);
  const shopTitle = shop ? (shops.find((s) => s.id === shop)?.title ?? shop) : zh ? '全部店铺' : 'all-shops';
  const range = from || to ? `${from || (zh ? '最早' : 'first')}_${to || (zh ? '最新' : 'latest')}` : zh ? '全部日期' : 'all-dates';

  async function run() {
    const ac = new AbortController();
    abort.current = ac;
    setState({ kind: 'running', progress: null });
    const out = blobCollector();
    const onProgress = (p: ExportProgress) => setState({ kind: 'running', progress: p });
    const job = { filter, lang, sink: out.sink, onProgress, signal: ac.signal };
    try {
      let rows = 0;
      let name: string;
      let type: string;
      if (format === 'long') {
        rows = (await exportLongCsv(db, job)).rows;
        name = `运营雷达_${shopTitle}_${range}_明细.csv`;
        type = MIME.csv;
      } else if (format === 'wide') {
        rows = (await exportWideCsv(db, job)).rows;
        name = `运营雷达_${shopTitle}_${range}_宽表_${ENTITY_KIND_LABELS[kind].zh}.csv`;
        type = MIME.csv;
      } else if (format === 'xlsx') {
        rows = (await exportXlsx(db, job)).rows;
        name = `运营雷达_${shopTitle}_${range}_宽表.xlsx`;
        type = MIME.xlsx;
      } else {
        const c = await writeBackup(db, out.sink, { onProgress, signal: ac.signal });
        rows = c.facts;
        name = `运营雷达_备份_${new Date().toISOString().slice(0, 10)}.json`;
        type = MIME.json;
      }
      const fileName = safeFileName(name);
      saveBlob(out.blob(type), fileName);
      setState({ kind: 'done', rows, fileName, bytes: out.bytes(), format });
    } catch (e) {
      if (e instanceof ExportCancelled) setState({ kind: 'cancelled' });
      else setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      abort.current = null;
    }
  }

  const running = state.kind === 'running';
  const p = running ? state.progress : null;
  const pct = p ? (p.phase === 'write' && p.rowsTotal ? p.rows / Math.max(1, p.rowsTotal) : p.read / Math.max(1, p.total)) : 0;
  const filtersOff = format === 'backup';

  return (
    <section className="card stack export-panel" data-testid="export-panel" aria-label={zh ? '导出数据' : 'Export data'}>
      <div className="export-form">
        <span>{zh ? '格式' : 'Format'}</span>
        <div className="seg">
          {(Object.keys(FORMATS) as Format[]).map((f) => (
            <button key={f} type="button" aria-pressed={format === f} data-format={f} onClick={() => setFormat(f)} disabled={running}>
              {FORMATS[f][lang]}
            </button>
          ))}
        </div>
        {format === 'wide' ? (
          <>
            <label htmlFor="export-kind">{zh ? '对象' : 'Entity'}</label>
            <select id="export-kind" value={kind} onChange={(e) => setKind(e.target.value as EntityKind)} disabled={running}>
              {ENTITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ENTITY_KIND_LABELS[k][lang]}
                </option>
              ))}
            </select>
          </>
        ) : null}
        {filtersOff ? null : (
          <>
            <label htmlFor="export-shop">{zh ? '店铺' : 'Shop'}</label>
            <select id="export-shop" value={shop} onChange={(e) => setShop(e.target.value)} disabled={running || filtersOff}>
              <option value="">{zh ? '全部店铺' : 'All shops'}</option>
              {shops.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <label htmlFor="export-from">{zh ? '日期' : 'Dates'}</label>
            <div className="row export-dates">
              <input
                id="export-from"
                type="date"
                value={from}
                max={to || undefined}
                onChange={(e) => setFrom(e.target.value)}
                disabled={running || filtersOff}
              />
              <span className="muted">~</span>
              <input
                type="date"
                aria-label={zh ? '结束日期' : 'End date'}
                value={to}
                min={from || undefined}
                onChange={(e) => setTo(e.target.value)}
                disabled={running || filtersOff}
              />
            </div>
            <span />
            <div className="row small">
              {asOf ? (
                <>
                  <button
                    type="button"
                    className="link"
                    disabled={running || filtersOff}
                    onClick={() => {
                      setFrom(addDays(asOf, -6));
                      setTo(asOf);
                    }}
                  >
                    {zh ? '近7天' : 'Last 7 days'}
                  </button>
                  <button
                    type="button"
                    className="link"
                    disabled={running || filtersOff}
                    onClick={() => {
                      setFrom(addDays(asOf, -29));
                      setTo(asOf);
                    }}
                  >
                    {zh ? '近30天' : 'Last 30 days'}
                  </button>
                </>
              ) : null}
              <button
                type="button"
                className="link"
                disabled={running || filtersOff}
                onClick={() => {
                  setFrom('');
                  setTo('');
                }}
                data-testid="export-all-dates"
              >
                {zh ? '全部日期' : 'All dates'}
              </button>
            </div>
            <label htmlFor="export-area">{zh ? '领域' : 'Area'}</label>
            <select id="export-area" value={area} onChange={(e) => setArea(e.target.value as Area | '')} disabled={running || filtersOff}>
              <option value="">{zh ? '全部领域' : 'All areas'}</option>
              {AREAS.map((a) => (
                <option key={a} value={a}>
                  {AREA_LABELS[a][lang]}
                </option>
              ))}
            </select>
            <label htmlFor="export-grain">{zh ? '周期' : 'Grain'}</label>
            <select id="export-grain" value={grain} onChange={(e) => setGrain(e.target.value as Grain | '')} disabled={running || filtersOff}>
              <option value="">{zh ? '全部周期' : 'All grains'}</option>
              {GRAINS.map((g) => (
                <option key={g} value={g}>
                  {GRAIN_LABELS[g][lang]}
                </option>
              ))}
            </select>
          </>
        )}
      </div>

      <p className="small muted">{zh ? FORMATS[format].hintZh : FORMATS[format].hintEn}</p>
      {shops.length === 0 ? (
        <p className="small muted" data-testid="export-empty">
          {zh
            ? '还没有可导出的数据：先打开 生意参谋 首页采集一次，或在「导入」里恢复备份、导入后台下载的报表。'
            : 'Nothing to export yet: open 生意参谋 首页 once, or restore a backup / import console reports under Import.'}
        </p>
      ) : null}
      {!filtersOff && shops.length > 0 ? (
        <p className="small" data-testid="export-count">
          {count === null
            ? zh
              ? '正在统计…'
              : 'Counting…'
            : zh
              ? `范围内共 ${formatCount(count, 'zh')} 条记录${area || grain ? '（领域、周期筛选在导出时再细分）' : ''}`
              : `${formatCount(count, 'en')} records in range${area || grain ? ' (area and grain narrow them while exporting)' : ''}`}
        </p>
      ) : null}
      {badRange ? <div className="warn">{zh ? '开始日期晚于结束日期。' : 'The start date is after the end date.'}</div> : null}

      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="export-run"
          disabled={running || badRange || (!filtersOff && count === 0) || (filtersOff && shops.length === 0)}
          onClick={run}
        >
          {zh ? '导出' : 'Export'}
        </button>
        {running ? (
          <button type="button" data-testid="export-cancel" onClick={() => abort.current?.abort()}>
            {zh ? '取消' : 'Cancel'}
          </button>
        ) : null}
      </div>

      {running ? (
        <div className="export-progress" data-testid="export-progress" role="status">
          <progress max={1} value={pct} />
          <span className="small muted">
            {!p
              ? zh
                ? '准备中…'
                : 'Preparing…'
              : p.phase === 'read'
                ? zh
                  ? `已读取 ${formatCount(p.read, 'zh')} / ${formatCount(p.total, 'zh')} 条记录${p.rows ? `，已写出 ${formatCount(p.rows, 'zh')} 行` : ''}`
                  : `Read ${formatCount(p.read, 'en')} / ${formatCount(p.total, 'en')} records${p.rows ? `, ${formatCount(p.rows, 'en')} rows written` : ''}`
                : zh
                  ? `已写出 ${formatCount(p.rows, 'zh')} / ${formatCount(p.rowsTotal ?? p.rows, 'zh')} 行`
                  : `Written ${formatCount(p.rows, 'en')} / ${formatCount(p.rowsTotal ?? p.rows, 'en')} rows`}
          </span>
        </div>
      ) : null}
      {state.kind === 'done' ? (
        <div className="small export-done work-ok" data-testid="export-done" role="status">
          ✓{' '}
          {zh
            ? `已导出 ${formatCount(state.rows, 'zh')} ${state.format === 'backup' ? '条记录' : '行'}（${fileSize(state.bytes)}），已保存到浏览器的下载文件夹：${state.fileName}`
            : `Exported ${formatCount(state.rows, 'en')} ${state.format === 'backup' ? 'records' : 'rows'} (${fileSize(state.bytes)}) to the browser's downloads: ${state.fileName}`}
        </div>
      ) : null}
      {state.kind === 'cancelled' ? <div className="small muted">{zh ? '已取消，没有生成文件。' : 'Cancelled; no file was made.'}</div> : null}
      {state.kind === 'error' ? (
        <div className="warn" role="alert">
          {zh ? `导出失败：${state.message}` : `Export failed: ${state.message}`}
        </div>
      ) : null}
    </section>
  );
}
