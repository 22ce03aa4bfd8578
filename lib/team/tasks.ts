/**
 * Team tasks (任务): made from a finding or by hand, handed to a colleague with an owner and a due
 * date, moved through 待办 → 进行中 → 已完成 / 已放弃. Pure Dexie code over the `tasks` table (v2):
 * the side panel calls it directly (tasks are the operator's own notes, not captured facts), and it
 * runs the same in tests.
 */
import { addDays, shanghaiDate } from '../capture/business-date';
import type { OpsRadarDB } from '../db/database';
import type { Lang } from '../i18n';
import type { Finding } from '../schema/finding';
import { type Task, TaskSchema, type TaskStatus } from '../schema/task';

export const STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  todo: { zh: '待办', en: 'To do' },
  doing: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  dropped: { zh: '已放弃', en: 'Dropped' },
};

/** Open = still someone's work. */
export const OPEN_STATUSES: readonly TaskStatus[] = ['todo', 'doing'];
export const isOpen = (t: Pick<Task, 'status'>): boolean => OPEN_STATUSES.includes(t.status);

/**
 * Allowed moves: forward along 待办 → 进行中 → 已完成, give up from any open state, and reopen a
 * closed task (a 复盘 may show the problem is back).
 */
const MOVES: Record<TaskStatus, readonly TaskStatus[]> = {
  todo: ['doing', 'done', 'dropped'],
  doing: ['todo', 'done', 'dropped'],
  done: ['doing'],
  dropped: ['todo'],
};
export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return from === to || MOVES[from].includes(to);
}
export function nextStatuses(from: TaskStatus): TaskStatus[] {
  return [from, ...MOVES[from]];
}

export const DEFAULT_DUE_DAYS = 2;

/** Default due date: two business days (Asia/Shanghai calendar) from now. */
export function defaultDue(now = Date.now()): string {
  return addDays(shanghaiDate(now), DEFAULT_DUE_DAYS);
}

/** Overdue = still open and its due date is before today (Asia/Shanghai). */
export function isOverdue(t: Pick<Task, 'status' | 'due'>, now = Date.now()): boolean {
  return isOpen(t) && t.due !== undefined && t.due < shanghaiDate(now);
}

export function newTaskId(): string {
  return crypto.randomUUID();
}

/** The title a finding gives its task: the finding's title, plus the entity when the title lacks it. */
export function taskTitle(f: Finding, lang: Lang): string {
  const base = f.title[lang];
  const name = f.entity.name;
  const withEntity = f.entity.kind !== 'shop' && name && !base.includes(name) ? (lang === 'zh' ? `${base}（${name}）` : `${base} (${name})`) : base;
  return withEntity.slice(0, 500);
}

/** A task made from a finding, status 待办. */
export function taskFromFinding(f: Finding, opts: { owner?: string; due?: string; lang?: Lang; now?: number; id?: string } = {}): Task {
  const now = opts.now ?? Date.now();
  return TaskSchema.parse({
    id: opts.id ?? newTaskId(),
    shopId: f.shopId,
    title: taskTitle(f, opts.lang ?? 'zh'),
    owner: (opts.owner ?? '').trim().slice(0, 100),
    due: opts.due || defaultDue(now),
    status: 'todo',
    area: f.area,
    severity: f.severity,
    entity: { kind: f.entity.kind, id: f.entity.id || f.shopId, ...(f.entity.name ? { name: f.entity.name } : {}) },
    findingId: f.id,
    note: '',
    createdAt: now,
    updatedAt: now,
  });
}

export async function addTask(db: OpsRadarDB, task: Task): Promise<Task> {
  const t = TaskSchema.parse(task);
  await db.tasks.add(t);
  return t;
}

/** Make (and store) a task from a finding, unless the finding already has an open task: then that one. */
export async function makeTaskFromFinding(
  db: OpsRadarDB,
  f: Finding,
  opts: { owner?: string; due?: string; lang?: Lang; now?: number } = {},
): Promise<{ task: Task; created: boolean }> {
  return db.transaction('rw', db.tasks, async () => {
    const existing = await openTaskForFinding(db, f.shopId, f.id);
    if (existing) return { task: existing, created: false };
    const task = taskFromFinding(f, opts);
    await db.tasks.add(task);
    return { task, created: true };
  });
}

export async function openTaskForFinding(db: OpsRadarDB, shopId: string, findingId: string): Promise<Task | undefined> {
  return db.tasks
    .where('[shopId+status]')
    .anyOf(OPEN_STATUSES.map((s) => [shopId, s]))
    .filter((t) => t.findingId === findingId)
    .first();
}

export type TaskPatch = Partial<Pick<Task, 'title' | 'owner' | 'due' | 'status' | 'note'>>;

export class TaskError extends Error {
  constructor(readonly text: { zh: string; en: string }) {
    super(text.en);
  }
}

/** Edit a task; validates the status move and the fields; bumps updatedAt. */
export async function updateTask(db: OpsRadarDB, id: string, patch: TaskPatch, now = Date.now()): Promise<Task> {
  return db.transaction('rw', db.tasks, async () => {
    const cur = await db.tasks.get(id);
    if (!cur) throw new TaskError({ zh: '任务不存在（可能已被删除）', en: 'The task no longer exists' });
    if (patch.status && !canMove(cur.status, patch.status)) {
      throw new TaskError({
        zh: `不能从「${STATUS_LABELS[cur.status].zh}」改为「${STATUS_LABELS[patch.status].zh}」`,
        en: `Cannot move from "${STATUS_LABELS[cur.status].en}" to "${STATUS_LABELS[patch.status].en}"`,
      });
    }
    const merged: Record<string, unknown> = { ...cur, ...patch, updatedAt: Math.max(now, cur.updatedAt + 1) };
    if (patch.due === '' || (Object.hasOwn(patch, 'due') && patch.due === undefined)) delete merged.due;
    if (typeof merged.owner === 'string') merged.owner = merged.owner.trim();
    const r = TaskSchema.safeParse(merged);
    if (!r.success) {
      const field = String(r.error.issues[0]?.path[0] ?? '');
      throw new TaskError({ zh: `字段「${field}」无效`, en: `Invalid field "${field}"` });
    }
    await db.tasks.put(r.data);
    return r.data;
  });
}

export async function deleteTask(db: OpsRadarDB, id: string): Promise<boolean> {
  return db.transaction('rw', db.tasks, async () => {
    const had = (await db.tasks.get(id)) !== undefined;
    await db.tasks.delete(id);
    return had;
  });
}

/** A shop's tasks: open first (by due date), then closed (newest first). */
export async function listTasks(db: OpsRadarDB, shopId: string): Promise<Task[]> {
  const all = await db.tasks.where('shopId').equals(shopId).toArray();
  return sortTasks(all);
}

export function sortTasks(tasks: readonly Task[]): Task[] {
  const rank: Record<TaskStatus, number> = { doing: 0, todo: 1, done: 2, dropped: 3 };
  return [...tasks].sort(
    (a, b) => rank[a.status] - rank[b.status] || (a.due ?? '9999').localeCompare(b.due ?? '9999') || b.updatedAt - a.updatedAt || a.id.localeCompare(b.id),
  );
}

export interface TaskFilter {
  owner?: string;
  status?: TaskStatus;
  area?: string;
}

export function filterTasks(tasks: readonly Task[], f: TaskFilter): Task[] {
  return tasks.filter(
    (t) => (f.owner === undefined || t.owner === f.owner) && (f.status === undefined || t.status === f.status) && (f.area === undefined || t.area === f.area),
  );
}
