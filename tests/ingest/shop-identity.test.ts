import { beforeEach, describe, expect, it } from 'vitest';
import { OpsRadarDB } from '@/lib/db/database';
import { mergeShops } from '@/lib/db/merge-shops';
import { handleCapture } from '@/lib/ingest/handle-capture';
import { captureMsg, fixture, HOME_PAGE, SHOP_A, sycmUrl } from '../helpers';

let db: OpsRadarDB;
let n = 0;
beforeEach(async () => {
  db = new OpsRadarDB(`test-shops-${++n}`);
  await db.open();
});

const sender = { url: HOME_PAGE };
const T = Date.UTC(2026, 5, 10);
const nickOnly = { via: 'cookie' as const, loginNick: '暖居家纺旗舰店:小王' };
const overview = (date: string, identity: typeof SHOP_A, at: number) => ({
  ...captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', date), fixture('sycm-home', 'overview-v3.json'), { identity }),
  capturedAt: at,
});

describe('shop identity across consoles', () => {
  it('keeps a nick-only capture under a provisional shop, then folds it into the real shop when 生意参谋 shows the nick', async () => {
    const a1 = await handleCapture(db, overview('2026-06-01', nickOnly, T + 1000), sender);
    expect(a1).toMatchObject({ outcome: 'stored', shopId: 'nick:暖居家纺旗舰店' });
    expect(await db.shops.get('nick:暖居家纺旗舰店')).toMatchObject({ provisional: true, title: '暖居家纺旗舰店' });

    await handleCapture(db, overview('2026-06-02', SHOP_A, T + 2000), sender);
    expect(await db.shops.get('nick:暖居家纺旗舰店')).toBeUndefined();
    const facts = await db.facts.toArray();
    expect(new Set(facts.map((f) => f.shopId))).toEqual(new Set(['106033221']));
    expect(facts.find((f) => f.date === '2026-06-01' && f.entityKind === 'shop')?.id).toBe('106033221|shop|106033221|day|2026-06-01|device=0');
    // Later nick-only captures go straight to the real shop.
    expect((await handleCapture(db, overview('2026-06-03', nickOnly, T + 3000), sender)).shopId).toBe('106033221');
  });

  it('never guesses between two shops with the same nick', async () => {
    await db.shops.bulkPut([
      { id: '1', title: 'x', mainUserName: '同名', firstSeenAt: 1, lastSeenAt: 1 },
      { id: '2', title: 'y', mainUserName: '同名', firstSeenAt: 1, lastSeenAt: 1 },
    ]);
    const ack = await handleCapture(db, overview('2026-06-01', { via: 'cookie', loginNick: '同名:a' }, T), sender);
    expect(ack.outcome).toBe('unidentified');
    expect(await db.facts.count()).toBe(0);
  });

  it('merging keeps the newest value per metric and is all-or-nothing', async () => {
    await handleCapture(db, overview('2026-06-01', nickOnly, T + 5000), sender);
    await db.shops.put({ id: '106033221', title: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 });
    await expect(mergeShops(db, 'nick:暖居家纺旗舰店', 'missing')).rejects.toThrow();
    expect(await db.facts.where('[shopId+date]').between(['nick:暖居家纺旗舰店', ''], ['nick:暖居家纺旗舰店', '\uffff']).count()).toBe(3);
    const r = await mergeShops(db, 'nick:暖居家纺旗舰店', '106033221');
    expect(r.moved).toBe(3);
    expect(await db.facts.get('106033221|shop|106033221|day|2026-06-01|device=0')).toBeDefined();
  });
});
