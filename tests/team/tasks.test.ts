import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/database';
import type { Task } from '@/lib/schema/task';
import { applyTaskImport, buildTaskFile, neutralize, parseTaskFile, planTaskImport, taskFileName, tasksCsv } from '@/lib/team/task-file';
import {
  canMove,
  defaultDue,
  deleteTask,
  filterTasks,
  isOverdue,
  listTasks,
  makeTaskFromFinding,
  openTaskForFinding,
  TaskError,
  taskFromFinding,
  updateTask,
} from '@/lib/team/tasks';
import { finding } from '../notify/finding-helpers';

const db = getDb();
const A = '106033221';
const B = '106078842';
// 2026-06-30 12:00 Asia/Shanghai.
const NOW = Date.parse('2026-06-30T04:00:00Z');

const F = finding({
  id: `sel-02-stock|${A}|item|5521`,
  shopId: A,
  area: 'SC',
  severity: 'P0',
  entity: { kind: 'item', id: '5521', name: '纯棉四件套' },
  title: { zh: '库存只够 3 天', en: 'Stock covers 3 days' },
});

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.shops.bulkPut([
    { id: A, title: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 },
    { id: B, title: '轻野户外旗舰店', firstSeenAt: 1, lastSeenAt: 1 },
  ]);
});

describe('finding → task', () => {
  it('takes title, area, severity, entity and finding id; due = +2 days; status 待办', () => {
    const t = taskFromFinding(F, { owner: ' 小王 ', now: NOW, id: 't1' });
    expect(t).toEqual({
      id: 't1',
      shopId: A,
      title: '库存只够 3 天（纯棉四件套）',
      owner: '小王',
      due: '2026-07-02',
      status: 'todo',
      area: 'SC',
      severity: 'P0',
      entity: { kind: 'item', id: '5521', name: '纯棉四件套' },
      findingId: F.id,
      note: '',
      createdAt: NOW,
      updatedAt: NOW,
    });
    // 23:30 UTC is already the next day in Shanghai.
    expect(defaultDue(Date.parse('2026-06-30T23:30:00Z'))).toBe('2026-07-03');
    expect(taskFromFinding(F, { lang: 'en', now: NOW }).title).toBe('Stock covers 3 days (纯棉四件套)');
  });

  it('one open task per finding: a second make returns the first; a closed one allows a new task', async () => {
    const first = await makeTaskFromFinding(db, F, { owner: '小王', now: NOW });
    expect(first.created).toBe(true);
    const again = await makeTaskFromFinding(db, F, { owner: '小李', now: NOW });
    expect(again).toEqual({ task: first.task, created: false });
    expect(await db.tasks.count()).toBe(1);
    expect((await openTaskForFinding(db, A, F.id))?.id).toBe(first.task.id);
    await updateTask(db, first.task.id, { status: 'done' }, NOW + 1);
    expect(await openTaskForFinding(db, A, F.id)).toBeUndefined();
    expect((await makeTaskFromFinding(db, F, { now: NOW + 2 })).created).toBe(true);
    // Another shop's finding with the same rule never sees shop A's task.
    expect(await openTaskForFinding(db, B, F.id)).toBeUndefined();
  });
});

describe('CRUD and status flow', () => {
  it('edits owner, due, note and status along the flow; refuses a jump the flow does not allow', async () => {
    const { task } = await makeTaskFromFinding(db, F, { now: NOW });
    const t1 = await updateTask(db, task.id, { owner: '小李', due: '2026-07-05', note: '先补货 200 件', status: 'doing' }, NOW + 10);
    expect(t1).toMatchObject({ owner: '小李', due: '2026-07-05', note: '先补货 200 件', status: 'doing', updatedAt: NOW + 10 });
    const t2 = await updateTask(db, task.id, { status: 'done' }, NOW + 20);
    expect(t2.status).toBe('done');
    await expect(updateTask(db, task.id, { status: 'dropped' }, NOW + 30)).rejects.toBeInstanceOf(TaskError);
    await expect(updateTask(db, task.id, { status: 'dropped' }, NOW + 30)).rejects.toThrow(/Cannot move/);
    expect((await db.tasks.get(task.id))?.status).toBe('done');
    expect(canMove('done', 'doing')).toBe(true);
    expect(canMove('dropped', 'done')).toBe(false);
    // Clearing the due date; an invalid date is refused and nothing changes.
    expect((await updateTask(db, task.id, { due: '' }, NOW + 40)).due).toBeUndefined();
    await expect(updateTask(db, task.id, { due: '2026/07/01' }, NOW + 50)).rejects.toThrow(/due/);
    expect((await db.tasks.get(task.id))?.due).toBeUndefined();
    expect(await deleteTask(db, task.id)).toBe(true);
    expect(await deleteTask(db, task.id)).toBe(false);
    await expect(updateTask(db, task.id, { owner: 'x' })).rejects.toThrow(/no longer exists/);
  });

  it('lists open first by due date; overdue = open and due before today; filters', async () => {
    const mk = (id: string, status: Task['status'], due: string | undefined, owner: string, area?: Task['area']): Task => ({
      id,
      shopId: A,
      title: id,
      owner,
      status,
      note: '',
      createdAt: 1,
      updatedAt: 1,
      ...(due ? { due } : {}),
      ...(area ? { area } : {}),
    });
    await db.tasks.bulkPut([
      mk('late', 'todo', '2026-06-28', '小王', 'ADS'),
      mk('soon', 'todo', '2026-07-01', '小李', 'SC'),
      mk('busy', 'doing', '2026-07-09', '小王', 'ADS'),
      mk('closed', 'done', '2026-06-01', '小王'),
      { ...mk('other', 'todo', '2026-06-01', '小王'), shopId: B },
    ]);
    const list = await listTasks(db, A);
    expect(list.map((t) => t.id)).toEqual(['busy', 'late', 'soon', 'closed']);
    expect(list.filter((t) => isOverdue(t, NOW)).map((t) => t.id)).toEqual(['late']);
    expect(filterTasks(list, { owner: '小王', area: 'ADS' }).map((t) => t.id)).toEqual(['busy', 'late']);
    expect(filterTasks(list, { status: 'todo' }).map((t) => t.id)).toEqual(['late', 'soon']);
  });
});

describe('task file: export → import', () => {
  async function seedA() {
    const a = await makeTaskFromFinding(db, F, { owner: '小王', now: NOW });
    const b = taskFromFinding(finding({ id: `da-01|${A}|shop|${A}`, shopId: A }), { now: NOW, id: 'fixed-2' });
    await db.tasks.add(b);
    return [a.task, b];
  }

  it('round-trips through a fresh database (another teammate) and is idempotent', async () => {
    const tasks = await seedA();
    const file = await buildTaskFile(db, A, NOW);
    expect(file).toMatchObject({ format: 'opsradar-tasks', version: 1, exportedAt: '2026-06-30T04:00:00.000Z', shop: { id: A, title: '暖居家纺旗舰店' } });
    const text = JSON.stringify(file);
    expect(taskFileName('暖居家纺旗舰店', '2026-06-30')).toBe('运营雷达-任务-暖居家纺旗舰店-2026-06-30.json');
    // "Fresh profile": wipe and import.
    await db.tasks.clear();
    const parsed = parseTaskFile(text);
    if (!parsed.ok) throw new Error(parsed.error.en);
    const plan = await planTaskImport(db, parsed.file);
    if (!plan.ok) throw new Error(plan.error.en);
    expect(plan.plan).toMatchObject({ targetShopId: A, added: 2, updated: 0, kept: 0 });
    expect(await applyTaskImport(db, plan.plan)).toEqual({ written: 2 });
    expect((await listTasks(db, A)).map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(await db.tasks.get(tasks[0]?.id ?? '')).toEqual(tasks[0]);
    // Importing the same file again changes nothing.
    const again = await planTaskImport(db, parsed.file);
    expect(again.ok && again.plan).toMatchObject({ added: 0, updated: 0, kept: 2 });
  });

  it('merges by id: the newest updatedAt wins either way', async () => {
    const [t] = await seedA();
    if (!t) throw new Error('seed');
    const theirs = { ...t, owner: '小李', status: 'doing' as const, updatedAt: NOW + 100 };
    const file = { ...(await buildTaskFile(db, A, NOW)), tasks: [theirs] };
    // Local copy older → theirs wins.
    let plan = await planTaskImport(db, file);
    if (!plan.ok) throw new Error('plan');
    expect(plan.plan).toMatchObject({ added: 0, updated: 1, kept: 0 });
    await applyTaskImport(db, plan.plan);
    expect(await db.tasks.get(t.id)).toMatchObject({ owner: '小李', status: 'doing' });
    // Local edit newer than the file → local kept.
    await updateTask(db, t.id, { owner: '小张' }, NOW + 500);
    plan = await planTaskImport(db, file);
    expect(plan.ok && plan.plan).toMatchObject({ updated: 0, kept: 1 });
    if (plan.ok) await applyTaskImport(db, plan.plan);
    expect((await db.tasks.get(t.id))?.owner).toBe('小张');
  });

  it('refuses an unknown shop unless mapped to a known one; nothing written before', async () => {
    await seedA();
    const file = await buildTaskFile(db, A, NOW);
    const foreign = { ...file, shop: { id: '999', title: '别人的店' }, tasks: file.tasks.map((t) => ({ ...t, shopId: '999', id: `${t.id}-x` })) };
    const before = await db.tasks.toArray();
    const r = await planTaskImport(db, foreign);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.zh).toContain('别人的店');
      expect(r.error.zh).toContain('没有数据');
      expect(r.unknownShop).toEqual({ id: '999', title: '别人的店' });
    }
    expect(await db.tasks.toArray()).toEqual(before);
    const mapped = await planTaskImport(db, foreign, B);
    if (!mapped.ok) throw new Error('mapped');
    await applyTaskImport(db, mapped.plan);
    expect((await listTasks(db, B)).length).toBe(2);
    expect((await listTasks(db, B)).every((t) => t.shopId === B)).toBe(true);
    expect((await planTaskImport(db, foreign, 'nope')).ok).toBe(false);
  });

  it('a task id that belongs to another shop here is refused (no cross-shop overwrite)', async () => {
    const [t] = await seedA();
    if (!t) throw new Error('seed');
    const file = { ...(await buildTaskFile(db, A, NOW)), tasks: [{ ...t, updatedAt: NOW + 9 }] };
    const r = await planTaskImport(db, { ...file, shop: { id: B, title: 'B' }, tasks: [{ ...t, shopId: B, updatedAt: NOW + 9 }] });
    expect(r.ok).toBe(false);
    expect((await db.tasks.get(t.id))?.shopId).toBe(A);
  });

  it('invalid or foreign files: precise message', () => {
    const bad = (text: string) => {
      const r = parseTaskFile(text);
      if (r.ok) throw new Error('accepted');
      return r.error.zh;
    };
    expect(bad('')).toBe('文件是空的');
    expect(bad('shop_id,date\n1,2')).toContain('不是 JSON');
    expect(bad('{"format":"opsradar-backup","version":1}')).toContain('不是运营雷达的任务文件（format = opsradar-backup）');
    expect(bad('[1,2]')).toContain('不是运营雷达的任务文件');
    expect(bad('{"format":"opsradar-tasks","version":2,"tasks":[]}')).toContain('版本 2 不受支持');
    const ok = { format: 'opsradar-tasks', version: 1, exportedAt: 'x', shop: { id: A, title: 'A' } };
    const task = { id: 't', shopId: A, title: 'x', owner: '', status: 'todo', note: '', createdAt: 1, updatedAt: 1 };
    expect(bad(JSON.stringify({ ...ok, tasks: [task, { ...task, id: 'u', status: 'finished' }] }))).toContain('第 2 条任务的「status」');
    expect(bad(JSON.stringify({ ...ok, tasks: [{ ...task, shopId: B }] }))).toContain('属于另一个店铺');
    expect(bad(JSON.stringify({ ...ok, tasks: [task, task] }))).toContain('重复');
    expect(parseTaskFile(`\uFEFF${JSON.stringify({ ...ok, tasks: [task] })}`).ok).toBe(true);
  });
});

describe('CSV', () => {
  it('has the Chinese headers, BOM, and neutralizes formulas', () => {
    const t = taskFromFinding(F, { owner: '=HYPERLINK("http://x")', now: NOW, id: 'c1' });
    const csv = tasksCsv([{ ...t, note: '+1, "加急"\n第二行' }], 'zh', new Map([[F.id, F]]));
    expect(csv.startsWith('\uFEFF任务,负责人,截止日期,状态,领域,对象,来源诊断,备注\r\n')).toBe(true);
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
    expect(csv).toContain(`"'+1, ""加急""\n第二行"`);
    expect(csv).toContain('2026-07-02,待办,供应链,纯棉四件套,库存只够 3 天');
    for (const c of ['=1', '+1', '-1', '@x']) expect(neutralize(c)).toBe(`'${c}`);
    expect(neutralize('正常')).toBe('正常');
  });
});
