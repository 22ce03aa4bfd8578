import { useEffect, useRef, useState } from 'react';
import { todayShanghai } from '@/lib/capture/business-date';
import { getDb } from '@/lib/db/database';
import { formatByUnit, formatChange } from '@/lib/format';
import { buildReport, type Report, ReportError, reportHtml, reportMarkdown, reportText } from '@/lib/report';
import type { WorkPanelProps } from './WorkView';

const T = {
  daily: { zh: '日报', en: 'Daily' },
  weekly: { zh: '周报', en: 'Weekly' },
  date: { zh: '日期', en: 'Date' },
  copyMd: { zh: '复制 Markdown', en: 'Copy Markdown' },
  copyText: { zh: '复制纯文本', en: 'Copy plain text' },
  download: { zh: '导出 HTML', en: 'Export HTML' },
  print: { zh: '打印', en: 'Print' },
  copied: { zh: '已复制', en: 'Copied' },
  copyFailed: { zh: '复制失败：浏览器不允许访问剪贴板', en: 'Copy failed: the browser denied clipboard access' },
  downloaded: { zh: '已导出', en: 'Exported' },
  building: { zh: '正在生成…', en: 'Building…' },
  noShop: { zh: '还没有店铺数据：先打开 生意参谋 首页。', en: 'No shop yet: open 生意参谋 首页 first.' },
  hint: {
    zh: '复制后粘贴到钉钉（Markdown）或微信（纯文本）；HTML 版可打印或另存为 PDF。',
    en: 'Paste into DingTalk (Markdown) or WeChat (plain text); the HTML version prints or saves as PDF.',
  },
} as const;

function ChangeSpan({ c }: { c: number | null }) {
  const cls = c === null || c === 0 ? '' : c > 0 ? 'up' : 'down';
  return <span className={cls}>{formatChange(c)}</span>;
}

/** The report as React (never as HTML markup): the same sections as the copied text. */
function ReportView({ r }: { r: Report }) {
  const zh = r.lang === 'zh';
  const w = {
    numbers: zh ? '核心指标' : 'Key numbers',
    movers: zh ? '变化最大' : 'Biggest changes',
    problems: zh ? '待处理问题' : 'Open problems',
    actions: zh ? '操作与复盘' : 'Actions and reviews',
    tasks: zh ? '任务' : 'Tasks',
    gaps: zh ? '数据缺口' : 'Data gaps',
    prev: r.kind === 'daily' ? (zh ? '较前一日' : 'vs day before') : zh ? '较上周' : 'vs week before',
    weekAgo: zh ? '较上周同日' : 'vs last week',
    yoy: zh ? '同比' : 'YoY',
    none: zh ? '无' : 'None',
    suggestion: zh ? '建议' : 'Suggestion',
  };
  const hasYoy = r.numbers.some((n) => n.lastYearChange !== null);
  return (
    <div className="report-view" data-testid="report-preview">
      <h2 className="report-title">{r.title}</h2>
      <div className="report-headline">{r.headline}</div>
      <div className="section-title">{w.numbers}</div>
      {r.numbers.length === 0 ? (
        <div className="small muted" data-testid="report-no-numbers">
          {zh
            ? '这一期没有店铺核心数据：打开 生意参谋 → 首页，把日期切换到这几天即可补采（或在「导入」里导入后台下载的报表）。'
            : 'No shop numbers for this period: open 生意参谋 → 首页 and switch to these dates to capture them (or import the downloaded reports under Import).'}
        </div>
      ) : (
        <table className="grid report-numbers" data-testid="report-numbers">
          <thead>
            <tr>
              <th />
              <th>{zh ? '本期' : 'Now'}</th>
              <th>{w.prev}</th>
              {r.kind === 'daily' ? <th>{w.weekAgo}</th> : null}
              {hasYoy ? <th>{w.yoy}</th> : null}
            </tr>
          </thead>
          <tbody>
            {r.numbers.map((n) => (
              <tr key={n.id} data-metric={n.id}>
                <td>{n.label}</td>
                <td className="num">
                  <strong>{formatByUnit(n.value, n.unit, r.lang)}</strong>
                </td>
                <td className="num">
                  <ChangeSpan c={n.change} />
                </td>
                {r.kind === 'daily' ? (
                  <td className="num">
                    <ChangeSpan c={n.weekAgoChange} />
                  </td>
                ) : null}
                {hasYoy ? (
                  <td className="num">
                    <ChangeSpan c={n.lastYearChange} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="section-title">{w.movers}</div>
      <ul className="report-list">
        {r.movers.length === 0 ? <li className="muted">{w.none}</li> : null}
        {r.movers.map((m) => (
          <li key={`${m.kind}|${m.metric}|${m.id}`}>
            <span className="muted">
              {m.kindLabel}·{m.metricLabel}
            </span>{' '}
            {m.name} {formatByUnit(m.previous, m.unit, r.lang)} → <strong>{formatByUnit(m.current, m.unit, r.lang)}</strong> <ChangeSpan c={m.changePct} />
          </li>
        ))}
      </ul>
      <div className="section-title">{w.problems}</div>
      {r.problems.length === 0 ? <div className="small muted">{w.none}</div> : null}
      {r.problems.map((g) => (
        <div key={g.area} className="report-area">
          <strong className="small">
            {g.areaLabel}（{g.items.length}）
          </strong>
          <ul className="report-list">
            {g.items.map((p) => (
              <li key={p.id}>
                <span className={`sev sev-${p.severity}`}>{p.severity}</span> <strong>{p.title}</strong>：{p.detail}
                {p.suggestion ? (
                  <div className="small muted">
                    {w.suggestion}：{p.suggestion}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="section-title">{w.actions}</div>
      <ul className="report-list">
        {r.actions.length === 0 ? <li className="muted">{w.none}</li> : null}
        {r.actions.map((a) => (
          <li key={a.id}>
            {a.date} {a.kindLabel} · {a.entity}：<strong>{a.verdictLabel}</strong> <span className="small muted">{a.summary}</span>
          </li>
        ))}
      </ul>
      <div className="section-title">{w.tasks}</div>
      <div className="small">
        {zh
          ? `未完成 ${r.tasks.open} 个（逾期 ${r.tasks.overdue} 个），本期完成 ${r.tasks.doneInPeriod} 个。`
          : `${r.tasks.open} open (${r.tasks.overdue} overdue), ${r.tasks.doneInPeriod} done.`}
      </div>
      <div className="section-title">{w.gaps}</div>
      <div className="small" data-testid="report-gaps">
        {r.gaps.missingDays.length === 0 ? <span className="muted">{w.none}</span> : null}
        {r.gaps.notes.map((n) => (
          <div key={n}>{n}</div>
        ))}
        {r.gaps.missingDays.length ? <div className="muted">{r.gaps.missingDays.join('、')}</div> : null}
      </div>
    </div>
  );
}

export function reportFileName(r: Report): string {
  const kind = r.kind === 'weekly' ? (r.lang === 'zh' ? '运营周报' : 'weekly-report') : r.lang === 'zh' ? '运营日报' : 'daily-report';
  const safe = r.shop.name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  return `${kind}_${safe}_${r.date}.html`;
}

/** 数据与协作 → 日报/周报: pick kind and date, preview, copy for DingTalk / WeChat, print or export. */
export function ReportPanel({ shopId, lang, asOf }: WorkPanelProps) {
  const [kind, setKind] = useState<'daily' | 'weekly'>('daily');
  const [date, setDate] = useState(asOf ?? todayShanghai());
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (asOf) setDate((d) => d || asOf);
  }, [asOf]);

  useEffect(() => {
    if (!shopId || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    let live = true;
    setError(null);
    buildReport(getDb(), { shopId, kind, date, lang }).then(
      (r) => live && setReport(r),
      (e) => {
        if (!live) return;
        setReport(null);
        setError(e instanceof ReportError ? (lang === 'zh' ? e.zh : e.en) : e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [shopId, kind, date, lang]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  if (!shopId) return <div className="card small muted">{T.noShop[lang]}</div>;

  const flash = (msg: string) => {
    setToast(msg);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setToast(null), 2000);
  };
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      flash(T.copied[lang]);
    } catch {
      flash(T.copyFailed[lang]);
    }
  };
  const htmlUrl = () => (report ? URL.createObjectURL(new Blob([reportHtml(report)], { type: 'text/html;charset=utf-8' })) : null);
  const download = () => {
    const url = htmlUrl();
    if (!url || !report) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = reportFileName(report);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    flash(T.downloaded[lang]);
  };
  const print = () => {
    const url = htmlUrl();
    if (!url) return;
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  return (
    <div className="report-panel" data-testid="report-panel">
      <div className="row report-controls">
        <fieldset className="seg" aria-label={lang === 'zh' ? '报告类型' : 'Report kind'}>
          {(['daily', 'weekly'] as const).map((k) => (
            <button key={k} type="button" data-report-kind={k} aria-pressed={kind === k} onClick={() => setKind(k)}>
              {T[k][lang]}
            </button>
          ))}
        </fieldset>
        <label className="row small">
          <span className="muted">{T.date[lang]}</span>
          <input type="date" data-testid="report-date" value={date} max={todayShanghai()} onChange={(e) => setDate(e.target.value)} />
        </label>
      </div>
      <div className="row report-buttons">
        <button type="button" data-testid="report-copy-md" disabled={!report} onClick={() => report && void copy(reportMarkdown(report))}>
          {T.copyMd[lang]}
        </button>
        <button type="button" data-testid="report-copy-text" disabled={!report} onClick={() => report && void copy(reportText(report))}>
          {T.copyText[lang]}
        </button>
        <button type="button" data-testid="report-download" disabled={!report} onClick={download}>
          {T.download[lang]}
        </button>
        <button type="button" data-testid="report-print" disabled={!report} onClick={print}>
          {T.print[lang]}
        </button>
        {toast ? (
          <span className="report-toast small" role="status" data-testid="report-toast">
            {toast}
          </span>
        ) : null}
      </div>
      <p className="small muted">{T.hint[lang]}</p>
      {error ? (
        <div className="card warn small" role="alert" data-testid="report-error">
          {error}
        </div>
      ) : report ? (
        <div className="card">
          <ReportView r={report} />
        </div>
      ) : (
        <div className="card small muted">{T.building[lang]}</div>
      )}
    </div>
  );
}
