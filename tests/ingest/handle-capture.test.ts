import { beforeEach, describe, expect, it } from 'vitest';
import { OpsRadarDB } from '@/lib/db/database';
import { handleCapture } from '@/lib/ingest/handle-capture';
import { captureMsg, fixture, HOME_PAGE, SHOP_A, SHOP_B, sycmUrl } from '../helpers';

let db: OpsRadarDB;
let n = 0;
beforeEach(async () => {
  db = new OpsRadarDB(`test-ingest-${++n}`);
  await db.open();
});

const sender = { url: HOME_PAGE, tabId: 7 };
const overview = (date: string, identity = SHOP_A, body = fixture('sycm-home', 'overview-v3.json')) =>
  captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', date), body, { identity });

async function snapshot() {
  return { facts: await db.facts.toArray(), shops: await db.shops.toArray() };
}

describe('handleCapture (background ingest with fake IndexedDB)', () => {
  it('stores facts under the right shop and date, and the shop itself', async () => {
    const ack = await handleCapture(db, overview('2026-06-01'), sender);
    expect(ack).toMatchObject({ outcome: 'stored', facts: 3, shopId: '106033221' });
    const shop = await db.shops.get('106033221');
    expect(shop).toMatchObject({ title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', mainUserId: '2206514830' });
    const f = await db.facts.get('106033221|shop|106033221|day|2026-06-01|device=0');
    expect(f?.values.payAmt).toBe(41250.6);
    expect(f?.source).toMatchObject({ adapter: 'sycm-home', route: 'overview' });
  });

  it('capturing the same response twice leaves the facts unchanged', async () => {
    await handleCapture(db, overview('2026-06-01'), sender);
    const before = await db.facts.toArray();
    const again = await handleCapture(db, { ...overview('2026-06-01'), capturedAt: Date.UTC(2026, 5, 10, 3) }, sender);
    expect(again).toMatchObject({ outcome: 'unchanged', facts: 0 });
    expect(await db.facts.toArray()).toEqual(before);
    const health = await db.health.get('sycm-home|overview');
    expect(health?.counts).toMatchObject({ stored: 1, unchanged: 1, matched: 2 });
  });

  it('merges per metric: the newer capture wins, metrics only one side has are kept', async () => {
    await handleCapture(db, overview('2026-06-01'), sender);
    const body = JSON.stringify({ hasError: false, content: { code: 0, data: { self: { uv: { value: 7100 }, pv: { value: 20000 } } } } });
    await handleCapture(db, { ...overview('2026-06-01', SHOP_A, body), capturedAt: Date.UTC(2026, 5, 10, 5) }, sender);
    const f = await db.facts.get('106033221|shop|106033221|day|2026-06-01|device=0');
    expect(f?.values).toMatchObject({ uv: 7100, pv: 20000, payAmt: 41250.6 });
    // An older capture arriving late does not overwrite newer values.
    await handleCapture(db, { ...overview('2026-06-01'), capturedAt: Date.UTC(2026, 5, 9) }, sender);
    expect((await db.facts.get(f?.id ?? ''))?.values.uv).toBe(7100);
  });

  it('keeps two shops apart', async () => {
    await handleCapture(db, overview('2026-06-01', SHOP_A), sender);
    await handleCapture(db, overview('2026-06-01', SHOP_B), sender);
    const shops = new Set((await db.facts.toArray()).map((f) => f.shopId));
    expect(shops).toEqual(new Set(['106033221', '106078842']));
    expect(await db.facts.where('[shopId+date]').between(['106078842', ''], ['106078842', '\uffff']).count()).toBe(3);
  });

  it.each([
    ['a malformed payload', () => overview('2026-06-01', SHOP_A, '{"hasError":false,"content":{"code":0,"data":{"self":"x"}}}'), 'rejected'],
    ['an HTML login page', () => overview('2026-06-01', SHOP_A, fixture('sycm-home', 'login.html')), 'login'],
    ['a page with no shop identity', () => overview('2026-06-01', { via: 'none' }), 'unidentified'],
    [
      'a truncated huge response',
      () => ({ ...overview('2026-06-01'), meta: { ...overview('2026-06-01').meta, truncated: true, size: 60_000_000 }, responseText: '' }),
      'too-large',
    ],
  ])('%s is counted, stores nothing and loses nothing', async (_n, make, outcome) => {
    await handleCapture(db, overview('2026-06-01'), sender);
    const before = await snapshot();
    const ack = await handleCapture(db, make(), sender);
    expect(ack.outcome).toBe(outcome);
    expect(await snapshot()).toEqual(before);
    const counted = (await db.health.toArray()).reduce((s, r) => s + (r.counts[outcome] ?? 0), 0);
    expect(counted).toBe(1);
  });

  it('records the failing field path with a trimmed sample in capture health', async () => {
    const body = JSON.stringify({ hasError: false, content: { code: 0, data: { self: { payAmt: { value: 'abc'.repeat(100) }, uv: { value: 5 } } } } });
    await handleCapture(db, overview('2026-06-01', SHOP_A, body), sender);
    const h = await db.health.get('sycm-home|overview');
    expect(h?.lastIssue?.path).toBe('self.payAmt.value');
    expect(h?.lastIssue?.sample?.length).toBeLessThanOrEqual(121);
  });

  it('rejects messages that do not come from a console page, or that claim another host', async () => {
    expect((await handleCapture(db, overview('2026-06-01'), { url: 'https://evil.example.com/' })).outcome).toBe('invalid');
    expect((await handleCapture(db, { ...overview('2026-06-01'), pageUrl: 'https://one.alimama.com/x' }, sender)).outcome).toBe('invalid');
    expect((await handleCapture(db, { nonsense: true }, sender)).outcome).toBe('invalid');
    expect(await db.facts.count()).toBe(0);
  });

  it('stores nothing while capture is paused', async () => {
    expect((await handleCapture(db, overview('2026-06-01'), sender, { paused: true })).outcome).toBe('paused');
    expect(await db.facts.count()).toBe(0);
  });

  it('an API answer for a route on another host than the adapter is not captured', async () => {
    const msg = captureMsg('https://sycm.taobao.com/unknown/path.json', '{}');
    expect((await handleCapture(db, msg, sender)).outcome).toBe('unmatched');
  });

  it('keeps the capture log bounded', async () => {
    for (let i = 0; i < 5; i++) await handleCapture(db, overview('2026-06-01'), sender);
    expect(await db.captures.count()).toBe(5);
    const last = await db.captures.orderBy('seq').last();
    expect(last).toMatchObject({ tabId: 7, outcome: 'unchanged', shopId: '106033221' });
  });
});
