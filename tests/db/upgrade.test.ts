/**
 * Dexie upgrade from every earlier schema version (tests/fixtures/db/versions.ts): a real database
 * of that version, created with that version's declarations only and filled from its dump, is
 * opened with the current OpsRadarDB; every row survives and the newer tables exist and work.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { OpsRadarDB } from '@/lib/db/database';
import { getSettings } from '@/lib/settings';
import { EARLIER_VERSIONS } from '../fixtures/db/versions';

const dir = join(__dirname, '..', 'fixtures', 'db');

async function createOld(name: string, v: (typeof EARLIER_VERSIONS)[number], tables: Record<string, unknown[]>): Promise<void> {
  const old = new Dexie(name);
  v.stores.forEach((stores, i) => {
    old.version(i + 1).stores(stores);
  });
  await old.open();
  expect(old.verno).toBe(v.version);
  await old.transaction('rw', old.tables, async () => {
    for (const [t, rows] of Object.entries(tables)) await old.table(t).bulkAdd(rows);
  });
  old.close();
}

describe('Dexie upgrade', () => {
  it('lists every earlier version, the one before the current one last', () => {
    const current = new OpsRadarDB('upgrade-probe');
    expect(EARLIER_VERSIONS.map((v) => v.version)).toEqual(Array.from({ length: current.verno - 1 }, (_, i) => i + 1));
  });

  it.each(EARLIER_VERSIONS)('from version $version: every row survives, newer tables exist', async (v) => {
    const dump = JSON.parse(readFileSync(join(dir, v.dump), 'utf8')) as { version: number; tables: Record<string, unknown[]> };
    expect(dump.version).toBe(v.version);
    const oldTables = new Set(v.stores.flatMap((s) => Object.keys(s)));
    expect(Object.keys(dump.tables).sort()).toEqual([...oldTables].sort());
    const total = Object.values(dump.tables).reduce((s, r) => s + r.length, 0);
    expect(total).toBeGreaterThan(0);

    const name = `upgrade-from-v${v.version}`;
    await createOld(name, v, dump.tables);

    const db = new OpsRadarDB(name);
    await db.open();
    expect(db.verno).toBeGreaterThan(v.version);
    for (const [t, rows] of Object.entries(dump.tables)) {
      const now = await db.table(t).toArray();
      expect(now, t).toHaveLength(rows.length);
      expect(now, t).toEqual(expect.arrayContaining(rows));
    }
    // Facts read back equal through the public API, one by one and by index, and are stored in
    // the compact v3 form (read with a plain Dexie, without the codec).
    const facts = (dump.tables.facts ?? []) as { id: string; shopId: string; entityKind: string; entityId: string; date: string }[];
    for (const f of facts) {
      expect(await db.facts.get(f.id)).toEqual(f);
      expect(await db.facts.where('[shopId+entityKind+entityId+date]').equals([f.shopId, f.entityKind, f.entityId, f.date]).toArray()).toContainEqual(f);
    }
    expect(await db.facts.bulkGet(facts.map((f) => f.id))).toEqual(facts);
    db.close();
    const plain = new Dexie(name);
    await plain.open();
    const stored = await plain.table('facts').toArray();
    plain.close();
    expect(stored).toHaveLength(facts.length);
    for (const r of stored) {
      expect(r).not.toHaveProperty('values');
      expect(r).toHaveProperty('v');
    }
    await db.open();
    // Indexes still answer (a lost index would throw or find nothing).
    const fact = dump.tables.facts?.[0] as { shopId: string; date: string } | undefined;
    if (fact) expect(await db.facts.where('[shopId+date]').equals([fact.shopId, fact.date]).count()).toBeGreaterThan(0);
    // Newer tables exist and accept rows.
    for (const t of db.tables.filter((x) => !oldTables.has(x.name))) {
      expect(await t.count(), t.name).toBe(0);
    }
    if (!oldTables.has('journal')) {
      await db.journal.add({ id: 'j1', shopId: '106033221', date: '2026-06-01', kind: 'other', note: '测试', createdAt: 1 } as never);
      expect(await db.journal.where('[shopId+date]').equals(['106033221', '2026-06-01']).count()).toBe(1);
    }
    if (!oldTables.has('tasks')) {
      await db.tasks.add({ id: 't1', shopId: '106033221', title: '测试', owner: '', status: 'todo', note: '', createdAt: 1, updatedAt: 1 } as never);
      expect(await db.tasks.where('[shopId+status]').equals(['106033221', 'todo']).count()).toBe(1);
    }
    // The settings row still reads as settings.
    const settings = await getSettings(db);
    expect(settings.retentionDays).toBe(400);
    db.close();
  });
});
