import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { maybeApplyRetention, resetRetentionGuard } from '@/entrypoints/background/retention';
import { getDb } from '@/lib/db/database';
import { RETENTION_STATE_KEY } from '@/lib/db/retention';
import { removeAllListeners } from '@/lib/messaging/protocol';
import { type Fact, factId } from '@/lib/schema/fact';
import { updateSettings } from '@/lib/settings';

async function deliver(type: string, data: unknown) {
  const r = await new Promise<{ res?: unknown; err?: unknown }>((resolve) => {
    void (fakeBrowser.runtime.onMessage.trigger as (...a: unknown[]) => Promise<unknown>)(
      { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() },
      // An extension page (lib/messaging/sender-policy.ts refuses anyone else).
      { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/sidepanel.html' },
      resolve,
    );
  });
  if (r.err) throw new Error(JSON.stringify(r.err));
  return r.res;
}

function fact(shopId: string, date: string): Fact {
  const base = { shopId, entityKind: 'shop' as const, entityId: shopId, grain: 'day' as const, date, dims: {} };
  return { ...base, id: factId(base), values: { uv: 1 }, source: { adapter: 'sycm-home', route: 'trend' }, capturedAt: 1, updatedAt: 1 };
}

describe('retention and deletion messages', () => {
  const db = getDb();
  beforeEach(async () => {
    fakeBrowser.reset();
    removeAllListeners();
    await db.delete();
    await db.open();
    await db.facts.bulkPut([fact('A', '2020-01-01'), fact('A', '2999-01-01'), fact('B', '2999-01-01')]);
    await db.shops.bulkPut([
      { id: 'A', title: 'A', firstSeenAt: 1, lastSeenAt: 1 },
      { id: 'B', title: 'B', firstSeenAt: 1, lastSeenAt: 1 },
    ]);
    background.main();
  });

  it('deleteShopData deletes one shop and answers with the counts', async () => {
    await db.tasks.bulkPut([
      { id: 't-A', shopId: 'A', title: '任务', owner: '', status: 'todo', note: '', createdAt: 1, updatedAt: 1 },
      { id: 't-B', shopId: 'B', title: '任务', owner: '', status: 'doing', note: '', createdAt: 1, updatedAt: 1 },
    ]);
    expect(await deliver('deleteShopData', { shopId: 'A' })).toEqual({ facts: 2, findings: 0, captures: 0, health: 0, journal: 0, tasks: 1, shop: true });
    expect((await db.tasks.toArray()).map((t) => t.shopId)).toEqual(['B']);
    expect((await db.facts.toArray()).map((f) => f.shopId)).toEqual(['B']);
  });

  it('applyRetention applies the stored setting', async () => {
    expect(await deliver('applyRetention', {})).toMatchObject({ cutoff: null, deleted: 0 });
    await updateSettings(db, { retentionDays: 400 });
    expect(await deliver('applyRetention', {})).toMatchObject({ deleted: 1 });
    expect(await db.facts.count()).toBe(2);
  });

  it('the daily pass runs at most once a day', async () => {
    await updateSettings(db, { retentionDays: 400 });
    await db.settings.delete(RETENTION_STATE_KEY);
    resetRetentionGuard();
    const now = Date.now();
    expect(await maybeApplyRetention(db, now)).toMatchObject({ deleted: 1 });
    await db.facts.put(fact('A', '2020-01-02'));
    resetRetentionGuard();
    expect(await maybeApplyRetention(db, now + 3600_000 * 2)).toBeNull();
    resetRetentionGuard();
    expect(await maybeApplyRetention(db, now + 3600_000 * 25)).toMatchObject({ deleted: 1 });
  });
});
