import { type DragEvent, useEffect, useRef, useState } from 'react';
import { getDb } from '@/lib/db/database';
import { formatCount, type Lang } from '@/lib/format';
import { type CommitOutcome, commitReport } from '@/lib/import/commit';
import { type FilePlan, type PlannedReport, planFile } from '@/lib/import/plan';
import type { InputFile } from '@/lib/import/read-file';
import type { Ask, ImportOptions, Label } from '@/lib/import/types';
import { sendMessage } from '@/lib/messaging/protocol';
import { metric } from '@/lib/metrics';
import type { EntityKind } from '@/lib/schema/fact';
import { BackupRestore } from './BackupRestore';
import type { WorkPanelProps } from './WorkView';

const ACCEPT = '.xls,.xlsx,.csv,.zip';

const KIND: Partial<Record<EntityKind, { zh: string; en: string }>> = {
  shop: { zh: '店铺', en: 'shop' },
  item: { zh: '商品', en: 'items' },
  sku: { zh: 'SKU', en: 'SKUs' },
  source: { zh: '流量来源', en: 'traffic sources' },
  keyword: { zh: '关键词', en: 'keywords' },
  adgroup: { zh: '推广单元', en: 'ad groups' },
  campaign: { zh: '推广计划', en: 'campaigns' },
  crowd: { zh: '人群', en: 'crowds' },
  content: { zh: '内容作品', en: 'content works' },
  agent: { zh: '客服', en: 'agents' },
};

const DEVICES: { v: '0' | '1' | '2'; zh: string; en: string }[] = [
  { v: '0', zh: '所有终端', en: 'All terminals' },
  { v: '1', zh: 'PC端', en: 'PC' },
  { v: '2', zh: '无线端', en: 'Mobile' },
];
const ATTRS = ['1', '3', '7', '15', '30'];

type Result = { done: CommitOutcome[]; error?: string };

async function toInput(f: File): Promise<InputFile> {
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), lastModified: f.lastModified };
}

/** 导入: 恢复备份 (JSON backup), then the consoles' own downloads, previewed before anything is written. */
export function ImportPanel(props: WorkPanelProps) {
  const { shopId, shops, lang } = props;
  const zh = lang === 'zh';
  const db = getDb();
  const known = shops.filter((s) => !s.provisional || s.id === shopId);
  const [shop, setShop] = useState<string>(shopId ?? known[0]?.id ?? '');
  const [files, setFiles] = useState<InputFile[]>([]);
  const [opts, setOpts] = useState<Omit<ImportOptions, 'shopId'>>({});
  const [plans, setPlans] = useState<FilePlan[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [drag, setDrag] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const run = useRef(0);

  useEffect(() => {
    if (!shop && shopId) setShop(shopId);
  }, [shopId, shop]);

  // Preview again whenever the files, the shop or an option change.
  useEffect(() => {
    const n = ++run.current;
    if (files.length === 0) {
      setPlans(null);
      return;
    }
    setBusy(true);
    (async () => {
      const out: FilePlan[] = [];
      for (const f of files) out.push(await planFile(f, { shopId: shop, ...opts }, { db, now: Date.now() }));
      if (n === run.current) {
        setPlans(out);
        setBusy(false);
      }
    })().catch((e: unknown) => {
      if (n === run.current) {
        setBusy(false);
        setResult({ done: [], error: e instanceof Error ? e.message : String(e) });
      }
    });
  }, [files, shop, opts, db]);

  const choose = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setResult(null);
    setFiles(await Promise.all([...list].slice(0, 20).map(toInput)));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDrag(false);
    void choose(e.dataTransfer.files);
  };
  const cancel = () => {
    setFiles([]);
    setOpts({});
    if (inputRef.current) inputRef.current.value = '';
  };
  const ready = (plans ?? []).flatMap((p) => (p.ok ? [p.report] : []));
  const confirm = async () => {
    setBusy(true);
    const done: CommitOutcome[] = [];
    try {
      for (const r of ready) done.push(await commitReport(db, r, Date.now()));
      setResult({ done });
      setFiles([]);
      if (inputRef.current) inputRef.current.value = '';
      if (done.some((d) => d.written > 0)) sendMessage('runRules', { shopId: shop }).catch(() => undefined);
    } catch (e) {
      setResult({ done, error: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const asks = new Set<Ask>((plans ?? []).flatMap((p) => (p.ok ? p.report.asks : (p.asks ?? []))));
  const needs = (plans ?? []).flatMap((p) => (p.ok ? [] : [p.error.code]));

  return (
    <div className="stack import-panel" data-testid="import-panel">
      <h3 className="section-title">{zh ? '恢复备份' : 'Restore a backup'}</h3>
      <BackupRestore {...props} />

      <h3 className="section-title">{zh ? '导入生意参谋/直通车/万相台报表' : 'Import 生意参谋 / 直通车 / 万相台 reports'}</h3>
      <p className="small muted">
        {zh
          ? '把在后台下载的报表（.xls / .xlsx / .csv / 直通车 .zip）导入为历史数据：生意参谋 商品排行、宏观监控、店铺来源、引流搜索关键词、商品360（核心概况、SKU销售详情）、内容 作品分析；直通车 单元 / 关键词报表；万相台 商品 / 人群 / 账户报表；千牛 客服绩效。写入前先预览。'
          : 'Import reports downloaded from the consoles (.xls / .xlsx / .csv / 直通车 .zip) as history: 生意参谋 item ranking, macro monitor, shop sources, search keywords, item 360 (overview, SKU sales), content works; 直通车 adgroup / keyword reports; 万相台 item / crowd / account reports; 千牛 agent performance. You see a preview before anything is written.'}
      </p>

      {known.length === 0 ? (
        <div className="card small warn" data-testid="import-no-shop">
          {zh ? '还没有已知店铺：请先打开该店铺的 生意参谋 页面采集一次，再导入报表。' : 'No known shop yet: open the shop’s 生意参谋 pages once, then import.'}
        </div>
      ) : (
        <label className="row small">
          <span>{zh ? '导入到店铺' : 'Into shop'}</span>
          <select value={shop} onChange={(e) => setShop(e.target.value)} data-testid="import-shop">
            {known.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({s.id})
              </option>
            ))}
          </select>
        </label>
      )}

      <label
        className={`import-drop card${drag ? ' import-drop-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDrag(true);
        }}
        onDragLeave={() => setDrag(false)}
        onDrop={onDrop}
        data-testid="import-drop"
      >
        <span className="strong">{zh ? '选择文件，或把文件拖到这里' : 'Choose files, or drop them here'}</span>
        <span className="small muted">{zh ? '可多选：.xls .xlsx .csv .zip' : 'Several at once: .xls .xlsx .csv .zip'}</span>
        <span className="row small">
          <span className="file-button" aria-hidden="true">
            {zh ? '选择文件…' : 'Choose files…'}
          </span>
          <span className="muted" data-testid="import-chosen">
            {files.length ? (zh ? `已选 ${files.length} 个文件` : `${files.length} file(s) chosen`) : zh ? '未选择文件' : 'No file chosen'}
          </span>
        </span>
        <input
          ref={inputRef}
          className="sr-only"
          type="file"
          multiple
          accept={ACCEPT}
          disabled={known.length === 0}
          onChange={(e) => void choose(e.target.files)}
          data-testid="import-input"
        />
      </label>

      {plans && (asks.size > 0 || needs.length > 0) ? (
        <div className="card import-options" data-testid="import-options">
          <div className="small strong">{zh ? '文件里没有写明的信息' : 'What the files do not say'}</div>
          {asks.has('itemId') ? (
            <label className="row small">
              <span>{zh ? '商品ID' : 'Item ID'}</span>
              <input
                inputMode="numeric"
                placeholder={zh ? '如 680000000001' : 'e.g. 680000000001'}
                value={opts.itemId ?? ''}
                onChange={(e) => setOpts({ ...opts, itemId: e.target.value.trim() || undefined })}
                data-testid="import-item-id"
              />
            </label>
          ) : null}
          {asks.has('date') ? (
            <label className="row small">
              <span>{zh ? '数据日期' : 'Date of the data'}</span>
              <input type="date" value={opts.date ?? ''} onChange={(e) => setOpts({ ...opts, date: e.target.value || undefined })} data-testid="import-date" />
              <span>{zh ? '至' : 'to'}</span>
              <input
                type="date"
                value={opts.dateTo ?? ''}
                onChange={(e) => setOpts({ ...opts, dateTo: e.target.value || undefined })}
                data-testid="import-date-to"
              />
            </label>
          ) : null}
          {asks.has('device') ? (
            <label className="row small">
              <span>{zh ? '终端' : 'Terminal'}</span>
              <select
                value={opts.device ?? ''}
                onChange={(e) => setOpts({ ...opts, device: (e.target.value || undefined) as ImportOptions['device'] })}
                data-testid="import-device"
              >
                <option value="">{zh ? '按页面默认（商品 所有终端，流量 无线端）' : 'Page default (items: all, traffic: mobile)'}</option>
                {DEVICES.map((d) => (
                  <option key={d.v} value={d.v}>
                    {zh ? d.zh : d.en}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {asks.has('attr') ? (
            <label className="row small">
              <span>{zh ? '转化周期（归因窗口）' : 'Attribution window'}</span>
              <select value={opts.attr ?? ''} onChange={(e) => setOpts({ ...opts, attr: e.target.value || undefined })} data-testid="import-attr">
                <option value="">{zh ? '按店铺设置（默认15天）' : 'Shop setting (default 15 days)'}</option>
                {ATTRS.map((a) => (
                  <option key={a} value={a}>
                    {zh ? `${a}天` : `${a} days`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      ) : null}

      {busy && !plans ? <div className="small muted">{zh ? '正在读取…' : 'Reading…'}</div> : null}

      {plans ? (
        <div className="stack" data-testid="import-preview">
          {plans.map((p) => (
            <PlanCard key={p.file} plan={p} lang={lang} />
          ))}
          <div className="row">
            <button type="button" className="primary" disabled={busy || ready.length === 0} onClick={() => void confirm()} data-testid="import-confirm">
              {zh ? '确认导入' : 'Import'}
              {ready.length > 1 || ready.length < (plans?.length ?? 0)
                ? zh
                  ? `（${ready.length} 个文件）`
                  : ` (${ready.length} file${ready.length === 1 ? '' : 's'})`
                : ''}
            </button>
            <button type="button" disabled={busy} onClick={cancel} data-testid="import-cancel">
              {zh ? '取消' : 'Cancel'}
            </button>
          </div>
        </div>
      ) : null}

      {result ? (
        <div className={`card small${result.error ? ' warn' : ''}`} data-testid="import-result" role="status">
          {result.done.map((d) => (
            <div key={d.file}>
              {zh
                ? `✓ 已导入 ${d.file}：写入 ${formatCount(d.written, lang)} 条，${formatCount(d.unchanged, lang)} 条不变`
                : `✓ Imported ${d.file}: ${formatCount(d.written, lang)} written, ${formatCount(d.unchanged, lang)} unchanged`}
            </div>
          ))}
          {result.error ? <div>{zh ? `导入失败，未写入本文件：${result.error}` : `Import failed; this file was not written: ${result.error}`}</div> : null}
        </div>
      ) : null}
    </div>
  );
}

function PlanCard({ plan, lang }: { plan: FilePlan; lang: Lang }) {
  const zh = lang === 'zh';
  if (!plan.ok)
    return (
      <div className="card import-plan import-plan-bad" data-testid="import-plan" data-ok="false">
        <div className="strong import-file">{plan.file}</div>
        {plan.report ? <div className="small muted">{zh ? plan.report.label.zh : plan.report.label.en}</div> : null}
        <div className="small warn" data-testid="import-error" data-code={plan.error.code}>
          {zh ? plan.error.zh : plan.error.en}
        </div>
        <div className="small muted">{zh ? '此文件不会写入任何数据。' : 'Nothing from this file will be written.'}</div>
      </div>
    );
  return <ReportSummary r={plan.report} lang={lang} />;
}

function label(x: Label, lang: Lang): string {
  return lang === 'zh' ? x.zh : x.en;
}

function ReportSummary({ r, lang }: { r: PlannedReport; lang: Lang }) {
  const zh = lang === 'zh';
  const lb = (x: Label) => label(x, lang);
  const kinds = [...new Set(r.facts.map((f) => f.entityKind))].map((k) => (KIND[k] ? lb(KIND[k]) : k));
  const metrics = r.metrics.map((id) => (metric(id) ? lb(metric(id) as { zh: string; en: string }) : id));
  const range = r.dateRange ? (r.dateRange[0] === r.dateRange[1] ? r.dateRange[0] : `${r.dateRange[0]} ~ ${r.dateRange[1]}`) : '-';
  const used: string[] = [];
  if (r.used.itemId)
    used.push(`${zh ? '商品ID' : 'item'} ${r.used.itemId}${r.used.fromFileName.includes('itemId') ? (zh ? '（取自文件名）' : ' (from the file name)') : ''}`);
  if (r.used.period && r.used.fromFileName.includes('date')) used.push(zh ? '日期取自文件名' : 'date from the file name');
  if (r.used.attr) used.push(zh ? `转化周期 ${r.used.attr}天` : `attribution ${r.used.attr} days`);
  if (r.used.device) used.push(lb(DEVICES.find((d) => d.v === r.used.device) ?? DEVICES[0] ?? { zh: '', en: '' }));
  return (
    <div className="card import-plan" data-testid="import-plan" data-ok="true" data-report={r.report.id}>
      <div className="strong import-file">{r.file}</div>
      <div className="small" data-testid="import-report">
        {lb(r.report.console)} · {lb(r.report.label)}
        {r.sheets.length > 1 ? <span className="muted">（{r.sheets.join('、')}）</span> : null}
      </div>
      <dl className="import-facts small">
        <dt>{zh ? '日期' : 'Dates'}</dt>
        <dd>{range}</dd>
        <dt>{zh ? '数据行' : 'Rows'}</dt>
        <dd>{formatCount(r.rowsRead, lang)}</dd>
        <dt>{zh ? '对象' : 'Entities'}</dt>
        <dd>
          {formatCount(r.entities, lang)} {kinds.join('、')}
        </dd>
        {used.length ? (
          <>
            <dt>{zh ? '口径' : 'Taken as'}</dt>
            <dd>{used.join('；')}</dd>
          </>
        ) : null}
        <dt>{zh ? '将写入' : 'Will write'}</dt>
        <dd data-testid="import-counts">
          {zh
            ? `新增 ${formatCount(r.counts.new, lang)} 条，更新 ${formatCount(r.counts.updated, lang)} 条，不变 ${formatCount(r.counts.unchanged, lang)} 条`
            : `${formatCount(r.counts.new, lang)} new, ${formatCount(r.counts.updated, lang)} updated, ${formatCount(r.counts.unchanged, lang)} unchanged`}
        </dd>
      </dl>
      <div className="small">
        <span className="muted">{zh ? `指标（${metrics.length}）：` : `Metrics (${metrics.length}): `}</span>
        <span data-testid="import-metrics">{metrics.join('、')}</span>
      </div>
      {r.ignoredColumns.length ? (
        <div className="small muted" data-testid="import-ignored">
          {zh ? `未导入的列（无对应指标）：${r.ignoredColumns.join('、')}` : `Columns not imported (no matching metric): ${r.ignoredColumns.join(', ')}`}
        </div>
      ) : null}
      {r.skipped.length ? (
        <details className="small" data-testid="import-skipped">
          <summary>{zh ? `跳过 ${r.skipped.length} 行` : `${r.skipped.length} rows skipped`}</summary>
          <ul>
            {r.skipped.slice(0, 30).map((s) => (
              <li key={`${s.row}-${s.reason.zh}`}>
                {s.row > 0 ? (zh ? `第 ${s.row} 行：` : `Row ${s.row}: `) : ''}
                {lb(s.reason)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {r.cellIssues.length ? (
        <details className="small warn" data-testid="import-cells">
          <summary>{zh ? `${r.cellIssues.length} 个单元格无法读取，已留空` : `${r.cellIssues.length} cells unreadable, left empty`}</summary>
          <ul>
            {r.cellIssues.slice(0, 30).map((c) => (
              <li key={`${c.row}-${c.column}`}>
                {zh ? `第 ${c.row} 行「${c.column}」：${c.value}（${c.reason.zh}）` : `Row ${c.row} “${c.column}”: ${c.value} (${c.reason.en})`}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
