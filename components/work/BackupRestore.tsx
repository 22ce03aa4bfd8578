import { useState } from 'react';
import { getDb } from '@/lib/db/database';
import { type Backup, type MergeCount, parseBackup, type RestoreSummary, restoreBackup } from '@/lib/export/backup';
import { formatCount } from '@/lib/format';
import { sendMessage } from '@/lib/messaging/protocol';
import type { WorkPanelProps } from './WorkView';

type State =
  | { kind: 'idle' }
  | { kind: 'reading'; file: string }
  | { kind: 'invalid'; file: string; error: { zh: string; en: string } }
  | { kind: 'ready'; file: string; backup: Backup }
  | { kind: 'writing'; file: string }
  | { kind: 'done'; file: string; summary: RestoreSummary }
  | { kind: 'failed'; file: string; message: string };

const TABLES = [
  ['facts', { zh: '数据记录', en: 'Records' }],
  ['shops', { zh: '店铺', en: 'Shops' }],
  ['findings', { zh: '诊断', en: 'Findings' }],
  ['journal', { zh: '操作日志', en: 'Action log' }],
  ['tasks', { zh: '任务', en: 'Tasks' }],
  ['settings', { zh: '设置', en: 'Settings' }],
] as const;

/** 2026-11-22T05:30:00.000Z → 2026-11-22 13:30 (Asia/Shanghai, no DST). */
function beijing(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * 恢复备份: a JSON backup from 导出 → JSON 备份 is checked record by record, previewed, then
 * merged into this computer's data in one transaction (the newest capture wins per metric;
 * restoring twice changes nothing). A bad file is refused with the record and field at fault.
 */
export function BackupRestore({ lang }: WorkPanelProps) {
  const db = getDb();
  const zh = lang === 'zh';
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [inputKey, setInputKey] = useState(0);

  async function pick(file: File | undefined) {
    if (!file) return;
    setState({ kind: 'reading', file: file.name });
    try {
      const text = await file.text();
      const r = parseBackup(text, db.verno);
      setState(r.ok ? { kind: 'ready', file: file.name, backup: r.backup } : { kind: 'invalid', file: file.name, error: r.error });
    } catch (e) {
      setState({
        kind: 'invalid',
        file: file.name,
        error: { zh: `无法读取文件：${String(e)}`, en: `Cannot read the file: ${String(e)}` },
      });
    }
  }

  async function restore(file: string, backup: Backup) {
    setState({ kind: 'writing', file });
    try {
      const summary = await restoreBackup(db, backup);
      setState({ kind: 'done', file, summary });
      // New data: re-run the rules so the findings reflect it (the background may be asleep: ignore).
      for (const shopId of summary.affectedShops) await sendMessage('runRules', { shopId }).catch(() => {});
    } catch (e) {
      setState({ kind: 'failed', file, message: e instanceof Error ? e.message : String(e) });
    }
  }

  const reset = () => {
    setState({ kind: 'idle' });
    setInputKey((k) => k + 1);
  };
  const busy = state.kind === 'reading' || state.kind === 'writing';

  return (
    <section className="card stack" data-testid="backup-restore" aria-label={zh ? '恢复备份' : 'Restore a backup'}>
      <p className="small muted">
        {zh
          ? '选择「导出 → JSON 备份」生成的文件。数据合并到本机：同一条记录以较新的采集为准，本机的设置保持不变；同一个文件恢复两次不会重复。'
          : 'Choose a file made by Export → JSON backup. It is merged into this computer’s data: for the same record the newer capture wins, local settings stay; restoring a file twice adds nothing.'}
      </p>
      <div className="row small">
        <label className="file-button">
          {zh ? '选择备份文件…' : 'Choose a backup file…'}
          <input
            key={inputKey}
            className="sr-only"
            type="file"
            accept=".json,application/json"
            data-testid="backup-file"
            disabled={busy}
            onChange={(e) => pick(e.target.files?.[0])}
          />
        </label>
        <span className="muted">{zh ? '.json 文件' : '.json file'}</span>
      </div>

      {state.kind === 'reading' ? <div className="small muted">{zh ? `正在校验 ${state.file}…` : `Checking ${state.file}…`}</div> : null}
      {state.kind === 'invalid' ? (
        <div className="warn" role="alert" data-testid="backup-error">
          <div>
            <strong>{zh ? `无法恢复 ${state.file}` : `Cannot restore ${state.file}`}</strong>
          </div>
          <div data-testid="backup-reason">{state.error[lang]}</div>
          <div className="small">{zh ? '本机数据没有任何改动。' : 'Nothing stored here was changed.'}</div>
        </div>
      ) : null}
      {state.kind === 'ready' ? (
        <div className="stack" data-testid="backup-preview">
          <div className="small">
            {zh
              ? `备份导出于 ${beijing(state.backup.exportedAt)}（北京时间），包含：`
              : `Backup made ${beijing(state.backup.exportedAt)} (Beijing time), holding:`}
          </div>
          <div className="small">{TABLES.map(([k, label]) => `${label[lang]} ${formatCount(state.backup[k].length, lang)}`).join(zh ? '，' : ', ')}</div>
          <div className="row">
            <button type="button" className="primary" data-testid="backup-restore-run" onClick={() => restore(state.file, state.backup)}>
              {zh ? '合并到本机数据' : 'Merge into this computer'}
            </button>
            <button type="button" onClick={reset}>
              {zh ? '取消' : 'Cancel'}
            </button>
          </div>
        </div>
      ) : null}
      {state.kind === 'writing' ? (
        <div className="small muted" role="status">
          {zh ? '正在写入…' : 'Writing…'}
        </div>
      ) : null}
      {state.kind === 'failed' ? (
        <div className="warn" role="alert">
          {zh ? `写入失败，已全部撤回：${state.message}` : `Writing failed and was rolled back: ${state.message}`}
        </div>
      ) : null}
      {state.kind === 'done' ? (
        <div className="stack" data-testid="backup-summary" role="status">
          <div className="small">
            <strong className="work-ok">✓ {zh ? `已恢复 ${state.file}` : `Restored ${state.file}`}</strong>
          </div>
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{zh ? '内容' : 'Table'}</th>
                <th scope="col" className="num">
                  {zh ? '新增' : 'Added'}
                </th>
                <th scope="col" className="num">
                  {zh ? '更新' : 'Updated'}
                </th>
                <th scope="col" className="num">
                  {zh ? '不变' : 'Unchanged'}
                </th>
              </tr>
            </thead>
            <tbody>
              {TABLES.map(([k, label]) => {
                const c: MergeCount = state.summary[k];
                return (
                  <tr key={k} data-table={k}>
                    <td>{label[lang]}</td>
                    <td className="num">{formatCount(c.added, lang)}</td>
                    <td className="num">{formatCount(c.updated, lang)}</td>
                    <td className="num">{formatCount(c.unchanged, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {state.summary.affectedShops.length ? (
            <div className="small muted">{zh ? '诊断正在后台按新数据重新计算。' : 'Diagnostics are being recomputed in the background.'}</div>
          ) : null}
          <button type="button" onClick={reset}>
            {zh ? '再恢复一个' : 'Restore another'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
