import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/database';
import { BACKUP_FORMAT, parseBackup, restoreBackup, sanitizeSettings, writeBackup } from '@/lib/export/backup';
import type { Fact } from '@/lib/schema/fact';
import type { JournalEntry } from '@/lib/schema/journal';
import type { Task } from '@/lib/schema/task';
import { collector, makeFact, makeFinding, makeShop, resetDb, SHOP } from './helpers';

const db = getDb();
const T0 = Date.parse('2026-11-22T02:00:00Z');

function task(p: Partial<Task> = {}): Task {
  return { id: 't1', shopId: SHOP, title: '换主图', owner: '小王', status: 'todo', note: '', createdAt: 1, updatedAt: 10, ...p };
}
function entry(p: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'j1',
    shopId: SHOP,
    date: '2026-11-20',
    kind: 'changeMainImage',
    entity: { kind: 'item', id: '601' },
    metric: 'payRate',
    windowDays: 7,
    note: '',
    createdAt: 1,
    updatedAt: 10,
    ...p,
  };
}

async function seed() {
  await db.shops.put(makeShop());
  await db.facts.bulkPut([
    makeFact({ date: '2026-11-19' }, { payAmt: 100, uv: 10 }),
    makeFact({ date: '2026-11-20', ranges: { uvRange: [1, 5] }, crc: { payAmt: -0.1 } }, { payAmt: 200 }),
    makeFact({ date: '2026-11-20', entityKind: 'item', entityId: '601', entityName: '羽绒被' }, { payAmt: 50 }),
  ]);
  await db.findings.put(makeFinding());
  await db.tasks.put(task());
  await db.journal.put(entry());
  await db.settings.bulkPut([
    { key: 'settings', value: { language: 'zh', profiles: { [SHOP]: { grossMargin: 0.4 } } } },
    { key: 'webhooks', value: { dingtalk: { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECxyz' } } },
    { key: 'webhookStatus', value: { ok: true } },
    { key: 'digest', value: { seen: ['a'], token: 'zzz' } },
  ]);
}

async function backupText(): Promise<string> {
  const out = collector();
  await writeBackup(db, out.sink, { now: T0, chunkSize: 2 });
  return out.text();
}

async function snapshot() {
  const facts = (await db.facts.toArray()).map(({ updatedAt: _u, ...f }) => f);
  return {
    facts,
    shops: await db.shops.toArray(),
    findings: await db.findings.toArray(),
    tasks: await db.tasks.toArray(),
    journal: await db.journal.toArray(),
    settings: await db.settings.toArray(),
  };
}

describe('JSON backup', () => {
  beforeEach(async () => {
    await resetDb(db);
    await seed();
  });

  it('writes the versioned envelope with every table and no webhook secrets', async () => {
    const text = await backupText();
    const o = JSON.parse(text);
    expect(o.format).toBe(BACKUP_FORMAT);
    expect(o.version).toBe(1);
    expect(o.schemaVersion).toBe(db.verno);
    expect(o.exportedAt).toBe('2026-11-22T02:00:00.000Z');
    expect(o.facts).toHaveLength(3);
    expect(o.shops).toHaveLength(1);
    expect(o.findings).toHaveLength(1);
    expect(o.tasks).toHaveLength(1);
    expect(o.journal).toHaveLength(1);
    expect(o.settings.map((s: { key: string }) => s.key).sort()).toEqual(['digest', 'settings']);
    expect(text).not.toContain('SECxyz');
    expect(text).not.toContain('access_token');
    expect(text).not.toContain('zzz');
  });

  it('sanitizeSettings drops webhook keys and fields at any depth', () => {
    expect(
      sanitizeSettings([
        { key: 'webhooks', value: {} },
        { key: 'a', value: { webhook: { url: 'u' }, nested: { secret: 's', keep: 1 }, feishuWebhookUrl: 'x' } },
      ]),
    ).toEqual([{ key: 'a', value: { nested: { keep: 1 } } }]);
  });

  it('round trip into an empty database reproduces it', async () => {
    const before = await snapshot();
    const text = await backupText();
    await resetDb(db);
    const parsed = parseBackup(text, db.verno);
    if (!parsed.ok) throw new Error(parsed.error.en);
    const s = await restoreBackup(db, parsed.backup, T0 + 1000);
    expect(s.facts).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect(s.affectedShops).toEqual([SHOP]);
    const after = await snapshot();
    expect(after.facts).toEqual(before.facts);
    expect(after.shops).toEqual(before.shops);
    expect(after.findings).toEqual(before.findings);
    expect(after.tasks).toEqual(before.tasks);
    expect(after.journal).toEqual(before.journal);
    expect(after.settings.map((r) => r.key).sort()).toEqual(['digest', 'settings']);
  });

  it('restoring the same backup twice changes nothing the second time', async () => {
    const text = await backupText();
    const parsed = parseBackup(text, db.verno);
    if (!parsed.ok) throw new Error(parsed.error.en);
    const before = await db.facts.toArray();
    const s1 = await restoreBackup(db, parsed.backup, T0 + 5000);
    expect(s1.facts).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(s1.shops).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(s1.tasks).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(s1.affectedShops).toEqual([]);
    const s2 = await restoreBackup(db, parsed.backup, T0 + 9000);
    expect(s2.facts.unchanged).toBe(3);
    expect(await db.facts.toArray()).toEqual(before);
  });

  it('merges: newest capture wins per metric, both sides keep their own metrics; newest task / journal / finding wins', async () => {
    const text = await backupText();
    const parsed = parseBackup(text, db.verno);
    if (!parsed.ok) throw new Error(parsed.error.en);
    // Locally, a newer capture of 11-19 changed payAmt and added pv; the backup has an older uv.
    const local = makeFact({ date: '2026-11-19', capturedAt: T0 + 60_000 }, { payAmt: 111, pv: 30 });
    await db.facts.put(local);
    // The backup's item fact is newer than the local one.
    const b = parsed.backup;
    const itemIdx = b.facts.findIndex((f) => f.entityKind === 'item');
    b.facts[itemIdx] = { ...(b.facts[itemIdx] as Fact), values: { payAmt: 55, uv: 9 }, capturedAt: T0 + 120_000 };
    b.tasks = [task({ status: 'done', updatedAt: 20 }), task({ id: 't2', updatedAt: 5 })];
    b.journal = [entry({ note: 'older', updatedAt: 5 })];
    b.findings = [{ ...makeFinding(), updatedAt: 50 }];
    b.facts.push(makeFact({ date: '2026-11-21' }, { payAmt: 1 }));
    const s = await restoreBackup(db, b, T0 + 200_000);
    expect(s.facts).toEqual({ added: 1, updated: 2, unchanged: 1 });
    expect((await db.facts.get(local.id))?.values).toEqual({ payAmt: 111, uv: 10, pv: 30 });
    expect((await db.facts.get(b.facts[itemIdx]?.id as string))?.values).toEqual({ payAmt: 55, uv: 9 });
    expect(s.tasks).toEqual({ added: 1, updated: 1, unchanged: 0 });
    expect((await db.tasks.get('t1'))?.status).toBe('done');
    expect(s.journal).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect((await db.journal.get('j1'))?.note).toBe('');
    expect(s.findings).toEqual({ added: 0, updated: 0, unchanged: 1 });
    // Settings of this computer win.
    expect(s.settings.added).toBe(0);
  });

  it('shops merge: earliest first seen, latest last seen, the newer title', async () => {
    const text = await backupText();
    const parsed = parseBackup(text, db.verno);
    if (!parsed.ok) throw new Error(parsed.error.en);
    parsed.backup.shops = [{ ...makeShop(), title: '暖居家纺官方旗舰店', firstSeenAt: 1, lastSeenAt: 1_800_000_000_000 }];
    const s = await restoreBackup(db, parsed.backup, T0);
    expect(s.shops.updated).toBe(1);
    expect(await db.shops.get(SHOP)).toMatchObject({ title: '暖居家纺官方旗舰店', firstSeenAt: 1, lastSeenAt: 1_800_000_000_000 });
  });
});

describe('rejected backups change nothing', () => {
  beforeEach(async () => {
    await resetDb(db);
    await seed();
  });

  async function rejects(text: string, zh: RegExp, en: RegExp) {
    const before = await snapshot();
    const r = parseBackup(text, db.verno);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.zh).toMatch(zh);
    expect(r.error.en).toMatch(en);
    expect(await snapshot()).toEqual(before);
  }

  it('empty, not JSON, truncated', async () => {
    const text = await backupText();
    await rejects('', /空/, /empty/);
    await rejects('<html>', /不是有效的 JSON/, /Not a valid JSON/);
    await rejects(text.slice(0, Math.floor(text.length / 2)), /不完整|不是有效的 JSON/, /incomplete|Not a valid JSON/);
  });

  it('foreign format, wrong version, newer schema, missing section', async () => {
    const o = JSON.parse(await backupText());
    await rejects(JSON.stringify({ ...o, format: 'other-app' }), /不是运营雷达的备份文件.*other-app/, /Not an OpsRadar backup/);
    await rejects(JSON.stringify([1, 2]), /不是运营雷达的备份文件/, /Not an OpsRadar backup/);
    await rejects(JSON.stringify({ ...o, version: 2 }), /版本 2 不受支持/, /version 2 is not supported/);
    await rejects(JSON.stringify({ ...o, schemaVersion: db.verno + 1 }), /更新版本/, /newer OpsRadar/);
    const { tasks: _t, ...partial } = o;
    await rejects(JSON.stringify(partial), /缺少 tasks/, /tasks list/);
  });

  it('a bad record names the section, position, id and field', async () => {
    const o = JSON.parse(await backupText());
    o.facts[2].values.payAmt = 'abc';
    await rejects(
      JSON.stringify(o),
      /第 3 条数据记录有误：facts\[2\]（id .*）字段 values\.payAmt 应为数字/,
      /fact 3 is invalid: facts\[2\] \(id .*\) field values\.payAmt/,
    );
    const o2 = JSON.parse(await backupText());
    o2.tasks[0].status = 'later';
    await rejects(JSON.stringify(o2), /任务有误：tasks\[0\]（id t1）字段 status 取值无效/, /task 1 is invalid/);
    const o3 = JSON.parse(await backupText());
    o3.facts[0].date = '2026-11-18';
    await rejects(JSON.stringify(o3), /id 与其店铺/, /does not match/);
  });

  it('parse failure before restore means restore is never called with partial data', async () => {
    // A valid prefix of facts followed by a broken one: nothing of the prefix is written.
    const o = JSON.parse(await backupText());
    const extra = makeFact({ date: '2026-12-01' }, { payAmt: 9 });
    o.facts.unshift(extra);
    o.facts.push({ id: 'x' });
    await rejects(JSON.stringify(o), /数据记录有误/, /fact 5 is invalid/);
    expect(await db.facts.get(extra.id)).toBeUndefined();
  });
});
