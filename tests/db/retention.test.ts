import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/database';
import { applyRetention, countFactsBefore, deleteShopData, factShopIds, RETENTION_STATE_KEY, retentionCutoff, retentionDue } from '@/lib/db/retention';
import { NOTIFY_STATE_KEY } from '@/lib/notify/digest';
import { type Fact, factId } from '@/lib/schema/fact';
import { getSettings, updateSettings } from '@/lib/settings';
import { WEBHOOK_P0_STATE_KEY } from '@/lib/team/webhooks';
import { finding } from '../notify/finding-helpers';

const db = getDb();
// 2026-06-30 12:00 in Asia/Shanghai.
const NOW = Date.parse('2026-06-30T04:00:00Z');

function fact(shopId: string, date: string, kind: Fact['entityKind'] = 'shop', entityId = shopId): Fact {
  const base = { shopId, entityKind: kind, entityId, grain: 'day' as const, date, dims: {} };
  return { ...base, id: factId(base), values: { uv: 1 }, source: { adapter: 'sycm-home', route: 'trend' }, capturedAt: 1, updatedAt: 1 };
}

async function seed() {
  const dates = ['2026-01-01', '2026-03-01', '2026-05-31', '2026-06-01', '2026-06-30'];
  await db.facts.bulkPut([...dates.map((d) => fact('A', d)), ...dates.map((d) => fact('B', d)), fact('B', '2026-01-01', 'item', '42')]);
  await db.shops.bulkPut([
    { id: 'A', title: '店A', firstSeenAt: 1, lastSeenAt: 1 },
    { id: 'B', title: '店B', firstSeenAt: 1, lastSeenAt: 1 },
  ]);
}

describe('retention', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await seed();
  });

  it('cutoff keeps N business days including today (Asia/Shanghai); null keeps everything', () => {
    expect(retentionCutoff(30, NOW)).toBe('2026-06-01');
    expect(retentionCutoff(1, NOW)).toBe('2026-06-30');
    expect(retentionCutoff(null, NOW)).toBeNull();
    // 23:30 UTC is already the next day in Shanghai.
    expect(retentionCutoff(1, Date.parse('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
  });

  it('lists the shops that have facts, one index seek each', async () => {
    await db.facts.put(fact('C-no-shop-row', '2026-06-01'));
    expect(await factShopIds(db)).toEqual(['A', 'B', 'C-no-shop-row']);
  });

  it('previews and deletes facts dated before the cutoff, of every shop, and records the run', async () => {
    expect(await countFactsBefore(db, '2026-06-01')).toBe(7);
    expect(await retentionDue(db, NOW)).toBe(true);
    expect(await applyRetention(db, 30, NOW)).toEqual({ cutoff: '2026-06-01', deleted: 7 });
    expect((await db.facts.toArray()).map((f) => `${f.shopId}:${f.date}`).sort()).toEqual(['A:2026-06-01', 'A:2026-06-30', 'B:2026-06-01', 'B:2026-06-30']);
    expect(await retentionDue(db, NOW + 3600_000)).toBe(false);
    expect(await retentionDue(db, NOW + 25 * 3600_000)).toBe(true);
    expect((await db.settings.get(RETENTION_STATE_KEY))?.value).toMatchObject({ lastRunAt: NOW, deleted: 7 });
  });

  it('keep everything deletes nothing', async () => {
    expect(await applyRetention(db, null, NOW)).toEqual({ cutoff: null, deleted: 0 });
    expect(await db.facts.count()).toBe(11);
  });
});

describe('deleteShopData', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await seed();
    await db.findings.bulkPut([finding({ id: 'x|A', shopId: 'A' }), finding({ id: 'x|B', shopId: 'B' })]);
    await db.captures.bulkAdd([
      { at: 1, shopId: 'A', adapter: 'sycm-home', route: 'trend', url: 'u', outcome: 'stored', facts: 1 },
      { at: 2, shopId: 'B', adapter: 'sycm-home', route: 'trend', url: 'u', outcome: 'stored', facts: 1 },
    ]);
    await db.health.bulkPut([
      {
        id: 'sycm-home|trend',
        adapter: 'sycm-home',
        route: 'trend',
        counts: { stored: 2 },
        metricsSeen: [],
        lastIssue: { at: 1, path: 'data', message: 'm', sample: '{"shop":"A"}' },
      },
    ]);
    await updateSettings(db, { profiles: { A: { grossMargin: 0.3 }, B: { leadTimeDays: 10 } }, currentShopId: 'A' });
    await db.settings.put({
      key: NOTIFY_STATE_KEY,
      value: {
        lastDigestAt: 1,
        announced: { 'x|A': { shopId: 'A', severity: 'P1', fingerprint: 'f', at: 1 }, 'x|B': { shopId: 'B', severity: 'P1', fingerprint: 'f', at: 1 } },
      },
    });
    await db.settings.put({
      key: WEBHOOK_P0_STATE_KEY,
      value: { lastDigestAt: 1, announced: { 'x|B': { shopId: 'B', severity: 'P0', fingerprint: 'f', at: 1 } } },
    });
    const entry = {
      date: '2026-06-01',
      kind: 'raiseBid' as const,
      entity: { kind: 'shop' as const, id: 'A' },
      metric: 'uv',
      windowDays: 7,
      note: '',
      createdAt: 1,
      updatedAt: 1,
    };
    await db.journal.bulkPut([
      { ...entry, id: 'j-A', shopId: 'A' },
      { ...entry, id: 'j-B1', shopId: 'B', entity: { kind: 'shop', id: 'B' } },
      { ...entry, id: 'j-B2', shopId: 'B', entity: { kind: 'shop', id: 'B' } },
    ]);
    const task = { title: '查流量', owner: '小王', status: 'todo' as const, note: '', createdAt: 1, updatedAt: 1 };
    await db.tasks.bulkPut([
      { ...task, id: 't-A', shopId: 'A' },
      { ...task, id: 't-B', shopId: 'B', findingId: 'x|B' },
    ]);
  });

  it('removes one shop with everything tied to it and leaves the other shop alone', async () => {
    expect(await deleteShopData(db, 'B')).toEqual({ facts: 6, findings: 1, captures: 1, health: 1, journal: 2, tasks: 1, shop: true });
    expect((await db.journal.toArray()).map((j) => j.id)).toEqual(['j-A']);
    expect((await db.tasks.toArray()).map((t) => t.id)).toEqual(['t-A']);
    const p0 = (await db.settings.get(WEBHOOK_P0_STATE_KEY))?.value as { announced: Record<string, unknown> };
    expect(p0.announced).toEqual({});
    expect(new Set((await db.facts.toArray()).map((f) => f.shopId))).toEqual(new Set(['A']));
    expect(await db.facts.count()).toBe(5);
    expect((await db.findings.toArray()).map((f) => f.shopId)).toEqual(['A']);
    expect((await db.captures.toArray()).map((c) => c.shopId)).toEqual(['A']);
    expect((await db.shops.toArray()).map((s) => s.id)).toEqual(['A']);
    // Health counts are per console route: kept, but the sample (maybe from B) is dropped.
    expect((await db.health.get('sycm-home|trend'))?.lastIssue).toEqual({ at: 1, path: 'data', message: 'm' });
    const s = await getSettings(db);
    expect(s.profiles).toEqual({ A: { grossMargin: 0.3 } });
    expect(s.currentShopId).toBe('A');
    const memory = (await db.settings.get(NOTIFY_STATE_KEY))?.value as { announced: Record<string, unknown> };
    expect(Object.keys(memory.announced)).toEqual(['x|A']);
  });

  it('the last shop takes the capture-health rows and the current-shop pointer with it', async () => {
    await deleteShopData(db, 'B');
    expect(await deleteShopData(db, 'A')).toMatchObject({ facts: 5, health: 1, shop: true });
    expect(await db.health.count()).toBe(0);
    expect(await db.facts.count()).toBe(0);
    expect((await getSettings(db)).currentShopId).toBeNull();
  });

  it('an unknown shop deletes nothing', async () => {
    expect(await deleteShopData(db, 'nope')).toMatchObject({ facts: 0, findings: 0, captures: 0, journal: 0, tasks: 0, shop: false });
    expect(await db.facts.count()).toBe(11);
    expect(await db.tasks.count()).toBe(2);
    expect(await db.journal.count()).toBe(3);
  });
});
