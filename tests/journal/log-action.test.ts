import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { handleLogAction } from '@/entrypoints/background/journal';
import { getDb } from '@/lib/db/database';
import { removeAllListeners } from '@/lib/messaging/protocol';

const S = '106033221';
const db = getDb();

/** Deliver a message the way @webext-core/messaging frames it (as tests/background does). */
async function deliver(type: string, data: unknown, sender: object = { id: 'test-extension-id', url: 'https://sycm.taobao.com/cc/item_rank', tab: { id: 3 } }) {
  const reply = new Promise<{ res?: unknown; err?: { message?: string } }>((resolve) => {
    void (fakeBrowser.runtime.onMessage.trigger as (...a: unknown[]) => Promise<unknown>)(
      { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() },
      sender,
      resolve,
    );
  });
  const r = await reply;
  if (r.err) throw new Error(r.err.message ?? JSON.stringify(r.err));
  return r.res;
}

const entry = {
  date: '2026-11-21',
  kind: 'changeMainImage',
  entity: { kind: 'item', id: '601', name: '<b>珊瑚绒毯</b>' },
  metric: 'payRate',
  windowDays: 7,
  note: '换白底主图',
  area: 'SEL',
  findingId: 'sel-02-cart-no-pay|106033221|item|601',
};

describe('logAction message (fake browser, fake IndexedDB)', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    removeAllListeners();
    await db.delete();
    await db.open();
    await db.shops.put({ id: S, title: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 });
    background.main();
  });

  it('validates and writes the entry; ids and timestamps are set by the background', async () => {
    const res = (await deliver('logAction', { shopId: S, entry: { ...entry, id: 'forged', createdAt: 5, shopId: 'other' } })) as { id: string };
    expect(res.id).toMatch(/^j-/);
    expect(res.id).not.toBe('forged');
    const stored = await db.journal.get(res.id);
    expect(stored).toMatchObject({ ...entry, shopId: S });
    expect(stored?.createdAt).toBeGreaterThan(5);
  });

  it('rejects a malformed entry or an unknown shop with a clear message and writes nothing', async () => {
    await expect(deliver('logAction', { shopId: S, entry: { ...entry, windowDays: 365 } })).rejects.toThrow(/操作记录无效：windowDays/);
    await expect(deliver('logAction', { shopId: S, entry: { ...entry, entity: { kind: 'planet', id: '1' } } })).rejects.toThrow(/entity\.kind/);
    await expect(deliver('logAction', { shopId: 'nope', entry })).rejects.toThrow(/未知店铺「nope」/);
    await expect(deliver('logAction', { shopId: S })).rejects.toThrow(/操作记录为空/);
    await expect(handleLogAction(db, null as never)).rejects.toThrow(/malformed/);
    expect(await db.journal.count()).toBe(0);
  });
});
