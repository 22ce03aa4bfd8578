/**
 * A page script can dispatch `opsradar:capture:v1` itself. What it can and cannot achieve:
 * the forged event goes through the same bridge parse, the same capture schema and the same
 * URL → adapter route as a real one, and the shop is the document's pinned one, never its claim.
 */
// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { buildCaptureMessage } from '@/lib/capture/forward';
import { IdentityPin, pinDocumentIdentity } from '@/lib/capture/identity';
import { BRIDGE_EVENT } from '@/lib/capture/tap-filter';
import { OpsRadarDB } from '@/lib/db/database';
import { DocumentShopGuard, handleCapture, SHOP_MISMATCH_MESSAGE } from '@/lib/ingest/handle-capture';
import { fixture, HOME_PAGE, SHOP_A, SHOP_B, sycmUrl } from '../helpers';

const microdataOf = (s: typeof SHOP_A) =>
  `runAsShopId=${s.shopId};runAsShopTitle=${encodeURIComponent(s.shopTitle ?? '')};mainUserId=${s.mainUserId};mainUserName=${encodeURIComponent(s.mainUserName ?? '')}`;

const forgedDetail = (url: string, body: string, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ kind: 'fetch', method: 'GET', url, status: 200, size: body.length, ...extra })}\n${body}`;

let db: OpsRadarDB;
let n = 0;
beforeEach(async () => {
  db = new OpsRadarDB(`test-forged-${++n}`);
  await db.open();
  document.head.innerHTML = '';
  for (const c of document.cookie.split(';')) {
    const k = c.split('=')[0]?.trim();
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays a page script
    if (k) document.cookie = `${k}=; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  }
});

describe('identity pin (isolated world)', () => {
  it('pins the first microdata tag and ignores later rewrites, extra tags and cookies', () => {
    let md: string | null = microdataOf(SHOP_A);
    let ck = 'tracknick=%5Cu6696%5Cu5C45';
    const pin = new IdentityPin({ microdata: () => md, cookie: () => ck });
    expect(pin.identity()).toMatchObject({ via: 'microdata', shopId: SHOP_A.shopId, loginNick: '暖居' });
    md = microdataOf(SHOP_B);
    ck = 'tracknick=evil';
    expect(pin.identity()).toMatchObject({ shopId: SHOP_A.shopId, loginNick: '暖居' });
  });

  it('pins a signal that was missing at first as soon as it appears, then keeps it', () => {
    let md: string | null = null;
    const pin = new IdentityPin({ microdata: () => md, cookie: () => '' });
    expect(pin.identity()).toEqual({ via: 'none' });
    md = 'legalityToken=abc'; // a tag naming nobody pins nothing
    expect(pin.identity().shopId).toBeUndefined();
    md = microdataOf(SHOP_B);
    expect(pin.identity().shopId).toBe(SHOP_B.shopId);
    md = microdataOf(SHOP_A);
    expect(pin.identity().shopId).toBe(SHOP_B.shopId);
  });

  it('in a document: a tag rewritten by page script after the first read changes nothing', async () => {
    const meta = document.createElement('meta');
    meta.name = 'microdata';
    meta.content = microdataOf(SHOP_A);
    document.head.append(meta);
    const { pin, stop } = pinDocumentIdentity(document);
    meta.content = microdataOf(SHOP_B);
    const fake = document.createElement('meta');
    fake.name = 'microdata';
    fake.content = microdataOf(SHOP_B);
    document.head.prepend(fake);
    expect(pin.identity().shopId).toBe(SHOP_A.shopId);
    stop();
  });

  it('in a document: the tag is pinned when the parser inserts it, before a later script can rewrite it', async () => {
    const { pin, stop } = pinDocumentIdentity(document);
    const meta = document.createElement('meta');
    meta.name = 'microdata';
    meta.content = microdataOf(SHOP_A);
    document.head.append(meta);
    await new Promise((r) => setTimeout(r, 0)); // the mutation observer's microtask
    meta.content = microdataOf(SHOP_B);
    expect(pin.identity().shopId).toBe(SHOP_A.shopId);
    stop();
  });
});

describe('forged bridge events', () => {
  const body = fixture('sycm-home', 'overview-v3.json');
  const url = sycmUrl('/portal/coreIndex/new/overview/v3.json', '2026-06-01');

  it('the shop claimed in the event (globals) is ignored: the pinned identity is used', () => {
    const pin = new IdentityPin({ microdata: () => microdataOf(SHOP_A), cookie: () => '' });
    const detail = forgedDetail(url, body, { globals: { runAsShopId: SHOP_B.shopId ?? '', runAsShopTitle: 'B' } });
    const msg = buildCaptureMessage(detail, { url: HOME_PAGE, identity: pin.identity() }, 1);
    expect(msg?.identity.shopId).toBe(SHOP_A.shopId);
    expect(JSON.stringify(msg?.meta)).not.toContain('globals');
  });

  it('a forged event on a page with shop A stores nothing for shop B, even with tag and cookie rewritten', async () => {
    const meta = document.createElement('meta');
    meta.name = 'microdata';
    meta.content = microdataOf(SHOP_A);
    document.head.append(meta);
    const { pin } = pinDocumentIdentity(document);
    const sent: unknown[] = [];
    document.addEventListener(BRIDGE_EVENT, (ev) => {
      const m = buildCaptureMessage((ev as CustomEvent).detail, { url: HOME_PAGE, identity: pin.identity() }, Date.UTC(2026, 5, 10, 2));
      if (m) sent.push(m);
    });
    // The "page script": rewrite every signal it can reach, then forge.
    meta.content = microdataOf(SHOP_B);
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays a page script
    document.cookie = 'tracknick=%E8%BD%BB%E9%87%8E';
    document.dispatchEvent(new CustomEvent(BRIDGE_EVENT, { detail: forgedDetail(url, body, { globals: { runAsShopId: SHOP_B.shopId ?? '' } }) }));
    expect(sent).toHaveLength(1);
    for (const m of sent) await handleCapture(db, m, { url: HOME_PAGE, tabId: 1 });
    expect(await db.facts.where('shopId').equals(SHOP_B.shopId ?? '').count()).toBe(0);
    expect((await db.facts.toArray()).every((f) => f.shopId === SHOP_A.shopId)).toBe(true);
    expect(await db.shops.get(SHOP_B.shopId ?? '')).toBeUndefined();
  });

  it.each([
    ['a URL no adapter reads', forgedDetail('https://sycm.taobao.com/evil/steal.json', body), 'unmatched'],
    ['a body the adapter rejects', forgedDetail(url, '{"content":{"data":{"self":"<script>alert(1)</script>"}}}'), 'rejected|stored'],
    ['a body that is not JSON', forgedDetail(url, '<html>gotcha</html>'), 'rejected|login'],
  ])('%s: stores no fact', async (_n, detail, outcome) => {
    const msg = buildCaptureMessage(detail, { url: HOME_PAGE, identity: SHOP_A }, Date.UTC(2026, 5, 10, 2));
    const ack = await handleCapture(db, msg, { url: HOME_PAGE, tabId: 1 });
    expect(outcome.split('|')).toContain(ack.outcome);
    expect(await db.facts.count()).toBe(0);
  });

  it('a real report of another console forged on a 生意参谋 page is dropped (the same one from 万相台 is stored)', async () => {
    const adUrl = 'https://one.alimama.com/report/query.json?csrfId=c8e1f0a2b3d4_1_1_1&bizCode=universalBP';
    const detail = forgedDetail(adUrl, fixture('wanxiang', 'report-bidword.json'), {
      method: 'POST',
      requestBody: fixture('wanxiang', 'report-bidword.request.json'),
    });
    const onSycm = buildCaptureMessage(detail, { url: HOME_PAGE, identity: SHOP_A }, Date.UTC(2026, 5, 10, 2));
    expect(await handleCapture(db, onSycm, { url: HOME_PAGE, tabId: 1 })).toMatchObject({ outcome: 'invalid', facts: 0 });
    expect(await db.facts.count()).toBe(0);
    const adPage = 'https://one.alimama.com/index.html#!/report/bidword';
    const onAlimama = buildCaptureMessage(detail, { url: adPage, identity: SHOP_A }, Date.UTC(2026, 5, 10, 2));
    expect((await handleCapture(db, onAlimama, { url: adPage, tabId: 1 })).outcome).toBe('stored');
    expect(await db.facts.count()).toBeGreaterThan(0);
  });

  it('a forged meta head fails the same schema as any message (bad kind, status, huge URL)', async () => {
    for (const extra of [{ kind: 'ws' }, { status: 'x' }, { url: `${url}${'x'.repeat(9000)}` }, { method: 'GETGETGETGETGET' }]) {
      expect(buildCaptureMessage(forgedDetail(url, body, extra), { url: HOME_PAGE, identity: SHOP_A }, 1)).toBeNull();
    }
  });

  it('the sender is the browser-reported frame URL: a message from a non-console page is dropped', async () => {
    const msg = buildCaptureMessage(forgedDetail(url, body), { url: HOME_PAGE, identity: SHOP_A }, Date.UTC(2026, 5, 10, 2));
    expect((await handleCapture(db, msg, { url: 'https://evil.example.com/', tabId: 1 })).outcome).toBe('invalid');
    expect(await db.facts.count()).toBe(0);
  });
});

describe('one shop per document (background guard)', () => {
  const body = fixture('sycm-home', 'overview-v3.json');
  const capture = (identity: typeof SHOP_A, date: string) => ({
    meta: { kind: 'fetch' as const, method: 'GET', url: sycmUrl('/portal/coreIndex/new/overview/v3.json', date), status: 200, size: body.length },
    responseText: body,
    pageUrl: HOME_PAGE,
    identity,
    capturedAt: Date.UTC(2026, 5, 10, 2),
  });

  it('refuses and counts a capture claiming another shop than the document established', async () => {
    const guard = new DocumentShopGuard();
    const sender = { url: HOME_PAGE, tabId: 3, documentId: 'doc-1' };
    expect((await handleCapture(db, capture(SHOP_A, '2026-06-01'), sender, { guard })).outcome).toBe('stored');
    const ack = await handleCapture(db, capture(SHOP_B, '2026-06-02'), sender, { guard });
    expect(ack).toMatchObject({ outcome: 'rejected', facts: 0, message: SHOP_MISMATCH_MESSAGE });
    expect(await db.facts.where('shopId').equals(SHOP_B.shopId ?? '').count()).toBe(0);
    expect(await db.shops.get(SHOP_B.shopId ?? '')).toBeUndefined();
    const health = await db.health.get('sycm-home|overview');
    expect(health?.counts.rejected).toBe(1);
    expect(health?.lastIssue?.message).toBe(SHOP_MISMATCH_MESSAGE);
    const log = await db.captures.orderBy('seq').last();
    expect(log).toMatchObject({ outcome: 'rejected', shopId: null });
  });

  it('a new page load (another document) may be another shop: switching shops works', async () => {
    const guard = new DocumentShopGuard();
    await handleCapture(db, capture(SHOP_A, '2026-06-01'), { url: HOME_PAGE, tabId: 3, documentId: 'doc-1' }, { guard });
    const ack = await handleCapture(db, capture(SHOP_B, '2026-06-01'), { url: HOME_PAGE, tabId: 3, documentId: 'doc-2' }, { guard });
    expect(ack.outcome).toBe('stored');
    expect(await db.facts.where('shopId').equals(SHOP_B.shopId ?? '').count()).toBeGreaterThan(0);
  });

  it('stays bounded', () => {
    const guard = new DocumentShopGuard(3);
    for (let i = 0; i < 10; i++) guard.admit(`d${i}`, 'a');
    expect(guard.admit('d0', 'b')).toBe(true); // forgotten, so admitted afresh
    expect(guard.admit('d9', 'b')).toBe(false);
  });
});
