import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db/database';
import type { Lang } from '@/lib/format';
import type { Finding } from '@/lib/schema/finding';
import { defaultDue, makeTaskFromFinding, openTaskForFinding, TaskError } from '@/lib/team/tasks';

const T = {
  make: { zh: '转为任务', en: 'Make a task' },
  made: { zh: '已转任务', en: 'Task made' },
  owner: { zh: '负责人', en: 'Owner' },
  ownerPh: { zh: '如：小王', en: 'e.g. Wang' },
  due: { zh: '截止', en: 'Due' },
  save: { zh: '保存任务', en: 'Save task' },
  cancel: { zh: '取消', en: 'Cancel' },
} as const;

/** The newest owner used in this shop: the likely one for the next task. */
async function lastOwner(shopId: string): Promise<string> {
  const tasks = await getDb().tasks.where('shopId').equals(shopId).toArray();
  return tasks.filter((t) => t.owner).sort((a, b) => b.createdAt - a.createdAt)[0]?.owner ?? '';
}

/** 转为任务 on a fired finding: a compact inline form (owner, due); "已转任务" while an open task exists. */
export function MakeTaskButton({ f, lang }: { f: Finding; lang: Lang }) {
  const open = useLiveQuery(() => openTaskForFinding(getDb(), f.shopId, f.id), [f.shopId, f.id]);
  const [form, setForm] = useState<{ owner: string; due: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (open) {
    return (
      <span className="tag task-made" data-testid="task-made" title={`${open.owner || '—'} · ${open.due ?? ''}`}>
        ✓ {T.made[lang]}
      </span>
    );
  }
  if (!form) {
    return (
      <button
        type="button"
        data-testid="make-task"
        onClick={() => {
          setError(null);
          setForm({ owner: '', due: defaultDue() });
          void lastOwner(f.shopId).then((owner) => setForm((cur) => (cur && !cur.owner ? { ...cur, owner } : cur)));
        }}
      >
        {T.make[lang]}
      </button>
    );
  }
  const save = async () => {
    try {
      await makeTaskFromFinding(getDb(), f, { owner: form.owner, due: form.due || undefined, lang });
      setForm(null);
    } catch (e) {
      setError(e instanceof TaskError ? e.text[lang] : e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form
      className="task-form row small"
      data-testid="make-task-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="row">
        {T.owner[lang]}
        <input
          type="text"
          data-testid="task-owner"
          maxLength={100}
          placeholder={T.ownerPh[lang]}
          value={form.owner}
          onChange={(e) => setForm({ ...form, owner: e.target.value })}
        />
      </label>
      <label className="row">
        {T.due[lang]}
        <input type="date" data-testid="task-due" value={form.due} onChange={(e) => setForm({ ...form, due: e.target.value })} />
      </label>
      <button type="submit" className="primary" data-testid="task-save">
        {T.save[lang]}
      </button>
      <button type="button" onClick={() => setForm(null)}>
        {T.cancel[lang]}
      </button>
      {error ? (
        <span className="warn" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
