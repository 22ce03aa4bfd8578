import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { shanghaiDate } from '@/lib/capture/business-date';
import { getDb } from '@/lib/db/database';
import { AREA_LABELS, type Lang, SEVERITY_LABELS } from '@/lib/i18n';
import { AREAS } from '@/lib/schema/finding';
import { type Task, TASK_STATUSES, type TaskStatus } from '@/lib/schema/task';
import {
  applyTaskImport,
  buildTaskFile,
  parseTaskFile,
  planTaskImport,
  type TaskFile,
  type TaskImportPlan,
  taskFileName,
  tasksCsv,
} from '@/lib/team/task-file';
import { deleteTask, filterTasks, isOverdue, listTasks, nextStatuses, STATUS_LABELS, TaskError, type TaskFilter, updateTask } from '@/lib/team/tasks';
import type { WorkPanelProps } from './WorkView';

const T = {
  empty: {
    zh: '还没有任务。点「返回诊断」，在问题卡片上点「转为任务」；或点「导入任务…」导入同事导出的任务文件。',
    en: 'No tasks yet. Go back to Diagnostics and use “Make a task” on a finding card, or import a colleague’s task file with “Import tasks…”.',
  },
  noShop: {
    zh: '还没有店铺数据：先打开 生意参谋 首页采集一次，再创建任务或导入同事的任务文件。',
    en: 'No shop yet: open 生意参谋 首页 once, then make tasks or import a colleague’s task file.',
  },
  all: { zh: '全部', en: 'All' },
  owner: { zh: '负责人', en: 'Owner' },
  status: { zh: '状态', en: 'Status' },
  area: { zh: '领域', en: 'Area' },
  due: { zh: '截止', en: 'Due' },
  note: { zh: '备注', en: 'Note' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  del: { zh: '删除', en: 'Delete' },
  confirmDel: { zh: '确认删除', en: 'Confirm delete' },
  cancel: { zh: '取消', en: 'Cancel' },
  exportJson: { zh: '导出任务', en: 'Export tasks' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  importBtn: { zh: '导入任务', en: 'Import tasks' },
  mapTo: { zh: '导入到店铺', en: 'Import into shop' },
  doImport: { zh: '确认导入', en: 'Import' },
  preview: {
    zh: (p: TaskImportPlan, shop: string) => `将导入到「${shop}」：新增 ${p.added} 个，更新 ${p.updated} 个，保留本机较新的 ${p.kept} 个。`,
    en: (p: TaskImportPlan, shop: string) => `Into "${shop}": ${p.added} new, ${p.updated} updated, ${p.kept} kept (newer here).`,
  },
  imported: { zh: (n: number) => `已导入 ${n} 个任务`, en: (n: number) => `Imported ${n} task${n === 1 ? '' : 's'}` },
  count: { zh: (n: number) => `${n} 个`, en: (n: number) => `${n}` },
} as const;

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function TaskRow({ task, lang }: { task: Task; lang: Lang }) {
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const overdue = isOverdue(task);
  const save = (patch: Parameters<typeof updateTask>[2]) =>
    void updateTask(getDb(), task.id, patch).then(
      () => setError(null),
      (e) => setError(e instanceof TaskError ? e.text[lang] : String(e)),
    );
  return (
    <li className={`card task-row${overdue ? ' overdue' : ''} ${task.status}`} data-testid="task-row" data-task={task.id} data-status={task.status}>
      <div className="spread">
        <strong className="task-title">{task.title}</strong>
        {task.severity ? (
          <span className={`tag sev-${task.severity}`}>
            {SEVERITY_LABELS[task.severity].icon}
            {SEVERITY_LABELS[task.severity][lang]}
          </span>
        ) : null}
      </div>
      <div className="small muted">
        {task.area ? AREA_LABELS[task.area][lang] : ''}
        {task.entity && task.entity.kind !== 'shop' ? ` · ${task.entity.name ?? task.entity.id}` : ''}
        {overdue ? (
          <span className="task-overdue" data-testid="task-overdue">
            {' '}
            · {T.overdue[lang]}
          </span>
        ) : null}
      </div>
      <div className="task-fields small">
        <label>
          {T.owner[lang]}
          <input
            type="text"
            defaultValue={task.owner}
            maxLength={100}
            data-testid="task-edit-owner"
            onBlur={(e) => {
              if (e.target.value.trim() !== task.owner) save({ owner: e.target.value });
            }}
          />
        </label>
        <label>
          {T.due[lang]}
          <input type="date" value={task.due ?? ''} data-testid="task-edit-due" onChange={(e) => save({ due: e.target.value })} />
        </label>
        <label>
          {T.status[lang]}
          <select value={task.status} data-testid="task-edit-status" onChange={(e) => save({ status: e.target.value as TaskStatus })}>
            {nextStatuses(task.status).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s][lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="task-note small">
        {T.note[lang]}
        <textarea
          rows={1}
          maxLength={4000}
          defaultValue={task.note}
          data-testid="task-edit-note"
          onBlur={(e) => {
            if (e.target.value !== task.note) save({ note: e.target.value });
          }}
        />
      </label>
      <div className="row small">
        {confirming ? (
          <>
            <button type="button" className="danger" data-testid="task-delete-confirm" onClick={() => void deleteTask(getDb(), task.id)}>
              {T.confirmDel[lang]}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {T.cancel[lang]}
            </button>
          </>
        ) : (
          <button type="button" data-testid="task-delete" onClick={() => setConfirming(true)}>
            {T.del[lang]}
          </button>
        )}
        {error ? (
          <span className="warn" role="alert">
            {error}
          </span>
        ) : null}
      </div>
    </li>
  );
}

type ImportState =
  | { step: 'idle' }
  | { step: 'error'; message: string }
  | { step: 'map'; file: TaskFile; message: string; mapTo: string }
  | { step: 'preview'; file: TaskFile; plan: TaskImportPlan; mapTo?: string }
  | { step: 'done'; message: string };

function ImportTasks({ lang, shops }: Pick<WorkPanelProps, 'lang' | 'shops'>) {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const shopName = (id: string) => shops.find((s) => s.id === id)?.title ?? id;

  const plan = async (file: TaskFile, mapTo?: string) => {
    const r = await planTaskImport(getDb(), file, mapTo);
    if (r.ok) setState({ step: 'preview', file, plan: r.plan, ...(mapTo ? { mapTo } : {}) });
    else if (r.unknownShop) setState({ step: 'map', file, message: r.error[lang], mapTo: shops[0]?.id ?? '' });
    else setState({ step: 'error', message: r.error[lang] });
  };

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    const text = await f.text();
    const parsed = parseTaskFile(text);
    if (!parsed.ok) setState({ step: 'error', message: parsed.error[lang] });
    else await plan(parsed.file);
    if (input.current) input.current.value = '';
  };

  return (
    <div className="task-import">
      <label className={`file-button${shops.length === 0 ? ' disabled' : ''}`}>
        {T.importBtn[lang]}…
        <input
          ref={input}
          className="sr-only"
          disabled={shops.length === 0}
          type="file"
          accept=".json,application/json"
          data-testid="task-import-file"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      {state.step === 'error' ? (
        <p className="task-import-msg warn small" role="alert" data-testid="task-import-error">
          {state.message}
        </p>
      ) : null}
      {state.step === 'map' ? (
        <div className="task-import-msg card small stack" data-testid="task-import-map">
          <p className="warn">{state.message}</p>
          {shops.length > 0 ? (
            <div className="row task-actions">
              <label className="row">
                {T.mapTo[lang]}
                <select data-testid="task-import-map-shop" value={state.mapTo} onChange={(e) => setState({ ...state, mapTo: e.target.value })}>
                  {shops.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" data-testid="task-import-map-go" onClick={() => void plan(state.file, state.mapTo)}>
                {T.doImport[lang]}…
              </button>
              <button type="button" onClick={() => setState({ step: 'idle' })}>
                {T.cancel[lang]}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {state.step === 'preview' ? (
        <div className="task-import-msg card small stack" data-testid="task-import-preview">
          <p>{T.preview[lang](state.plan, shopName(state.plan.targetShopId))}</p>
          <div className="row">
            <button
              type="button"
              className="primary"
              data-testid="task-import-apply"
              onClick={() =>
                void applyTaskImport(getDb(), state.plan).then(
                  (r) => setState({ step: 'done', message: T.imported[lang](r.written) }),
                  (e) =>
                    setState({
                      step: 'error',
                      message: `${lang === 'zh' ? '导入失败，本机任务没有改动：' : 'Import failed; nothing was changed: '}${e instanceof Error ? e.message : String(e)}`,
                    }),
                )
              }
            >
              {T.doImport[lang]}
            </button>
            <button type="button" onClick={() => setState({ step: 'idle' })}>
              {T.cancel[lang]}
            </button>
          </div>
        </div>
      ) : null}
      {state.step === 'done' ? (
        <p className="task-import-msg small work-ok" data-testid="task-import-done">
          ✓ {state.message}
        </p>
      ) : null}
    </div>
  );
}

/** 任务: the shop's tasks grouped by status, filtered, edited inline; export and import a task file. */
export function TasksPanel({ shopId, shops, lang }: WorkPanelProps) {
  const [filter, setFilter] = useState<TaskFilter>({});
  const tasks = useLiveQuery(() => (shopId ? listTasks(getDb(), shopId) : Promise.resolve([] as Task[])), [shopId]);
  const shop = shops.find((s) => s.id === shopId);
  const owners = [...new Set((tasks ?? []).map((t) => t.owner).filter(Boolean))].sort();
  const shown = filterTasks(tasks ?? [], filter);

  const exportJson = async () => {
    if (!shopId) return;
    const file = await buildTaskFile(getDb(), shopId);
    download(taskFileName(shop?.title ?? shopId, shanghaiDate(Date.now())), JSON.stringify(file, null, 2), 'application/json');
  };
  const exportCsv = async () => {
    if (!shopId) return;
    const db = getDb();
    const findings = new Map((await db.findings.where('shopId').equals(shopId).toArray()).map((f) => [f.id, f]));
    download(taskFileName(shop?.title ?? shopId, shanghaiDate(Date.now()), 'csv'), tasksCsv(shown, lang, findings), 'text/csv;charset=utf-8');
  };

  return (
    <div className="tasks-panel stack" data-testid="tasks-panel">
      <div className="row task-actions">
        <button type="button" data-testid="task-export" disabled={!shopId || !tasks?.length} onClick={() => void exportJson()}>
          {T.exportJson[lang]}
        </button>
        <button type="button" data-testid="task-export-csv" disabled={!shopId || !shown.length} onClick={() => void exportCsv()}>
          {T.exportCsv[lang]}
        </button>
        <ImportTasks lang={lang} shops={shops} />
      </div>
      {!shopId ? <div className="card small muted">{T.noShop[lang]}</div> : null}
      {shopId && tasks && tasks.length === 0 ? (
        <div className="card small muted" data-testid="tasks-empty">
          {T.empty[lang]}
        </div>
      ) : null}
      {tasks && tasks.length > 0 ? (
        <>
          <div className="task-filters row small">
            <label className="row">
              {T.owner[lang]}
              <select data-testid="task-filter-owner" value={filter.owner ?? ''} onChange={(e) => setFilter({ ...filter, owner: e.target.value || undefined })}>
                <option value="">{T.all[lang]}</option>
                {owners.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
            <label className="row">
              {T.status[lang]}
              <select
                data-testid="task-filter-status"
                value={filter.status ?? ''}
                onChange={(e) => setFilter({ ...filter, status: (e.target.value || undefined) as TaskStatus | undefined })}
              >
                <option value="">{T.all[lang]}</option>
                {TASK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s][lang]}
                  </option>
                ))}
              </select>
            </label>
            <label className="row">
              {T.area[lang]}
              <select data-testid="task-filter-area" value={filter.area ?? ''} onChange={(e) => setFilter({ ...filter, area: e.target.value || undefined })}>
                <option value="">{T.all[lang]}</option>
                {AREAS.map((a) => (
                  <option key={a} value={a}>
                    {AREA_LABELS[a][lang]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {(['doing', 'todo', 'done', 'dropped'] as const).map((status) => {
            const group = shown.filter((t) => t.status === status);
            if (group.length === 0) return null;
            return (
              <section key={status} data-testid={`task-group-${status}`}>
                <div className="section-title">
                  <span>{STATUS_LABELS[status][lang]}</span>
                  <span className="small muted">{T.count[lang](group.length)}</span>
                </div>
                <ul className="task-list">
                  {group.map((t) => (
                    <TaskRow key={`${t.id}-${t.updatedAt}`} task={t} lang={lang} />
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      ) : null}
    </div>
  );
}
