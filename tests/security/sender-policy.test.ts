/**
 * Messages from other extensions, web pages and content scripts asking for admin work are refused
 * (issue #7): the sender policy on its own, then the real background with fake senders.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { getDb } from '@/lib/db/database';
import { removeAllListeners } from '@/lib/messaging/protocol';
import { CONSOLE_MESSAGES, classifySender, isConsolePageUrl, senderAllowed } from '@/lib/messaging/sender-policy';
import type { Fact } from '@/lib/schema/fact';
import { captureMsg, fixture, HOME_PAGE, sycmUrl } from '../helpers';

const SELF = { id: 'test-extension-id', base: 'chrome-extension://test-extension-id/' };
const EXT_PAGE = { id: SELF.id, url: `${SELF.base}sidepanel.html` };
const OPTIONS_TAB = { id: SELF.id, url: `${SELF.base}options.html`, tab: { id: 4 } };
const CONSOLE_TAB = { id: SELF.id, url: HOME_PAGE, tab: { id: 3, url: HOME_PAGE } };
const OTHER_EXT = { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/page.html' };
const WEB_PAGE = { id: SELF.id, url: 'https://evil.example.com/steal.html', tab: { id: 8 } };

describe('sender policy', () => {
  it('tells extension pages, console content scripts and everyone else apart', () => {
    expect(classifySender(EXT_PAGE, SELF)).toBe('extension');
    expect(classifySender(OPTIONS_TAB, SELF)).toBe('extension');
    expect(classifySender({ id: SELF.id, url: `${SELF.base}background.js` }, SELF)).toBe('extension');
    expect(classifySender(CONSOLE_TAB, SELF)).toBe('console');
    expect(classifySender(OTHER_EXT, SELF)).toBe('other');
    expect(classifySender({ ...OTHER_EXT, url: `${SELF.base}sidepanel.html` }, SELF)).toBe('other');
    expect(classifySender(WEB_PAGE, SELF)).toBe('other');
    // A console URL without a tab is not a content script; without an id it is not ours.
    expect(classifySender({ id: SELF.id, url: HOME_PAGE }, SELF)).toBe('other');
    expect(classifySender({ url: HOME_PAGE, tab: { id: 3 } }, SELF)).toBe('other');
    expect(classifySender({}, SELF)).toBe('other');
    expect(classifySender(undefined, SELF)).toBe('other');
    expect(classifySender(EXT_PAGE, { id: '', base: '' })).toBe('other');
  });

  it('console hosts: https and the exact host only', () => {
    expect(isConsolePageUrl('https://sycm.taobao.com/portal/home.htm')).toBe(true);
    expect(isConsolePageUrl('https://one.alimama.com/index.html#!/report')).toBe(true);
    expect(isConsolePageUrl('http://sycm.taobao.com/portal/home.htm')).toBe(false);
    expect(isConsolePageUrl('https://sycm.taobao.com.evil.cn/')).toBe(false);
    expect(isConsolePageUrl('https://evilsycm.taobao.com/')).toBe(false);
    expect(isConsolePageUrl('https://user:pw@sycm.taobao.com/')).toBe(false);
    expect(isConsolePageUrl('https://www.taobao.com/')).toBe(false);
    expect(isConsolePageUrl('not a url')).toBe(false);
    expect(isConsolePageUrl(undefined)).toBe(false);
  });

  it('content scripts may only capture, ask for annotations and log actions; admin messages are extension-only', () => {
    expect([...CONSOLE_MESSAGES].sort()).toEqual(['annotations', 'capture', 'logAction']);
    for (const t of CONSOLE_MESSAGES) expect(senderAllowed(t, CONSOLE_TAB, SELF)).toBe(true);
    for (const t of ['deleteShopData', 'mergeShops', 'runRules', 'applyRetention', 'tabState', 'webhookTest', 'findingsChanged', 'someFutureMessage']) {
      expect(senderAllowed(t, CONSOLE_TAB, SELF)).toBe(false);
      expect(senderAllowed(t, EXT_PAGE, SELF)).toBe(true);
      expect(senderAllowed(t, OTHER_EXT, SELF)).toBe(false);
      expect(senderAllowed(t, WEB_PAGE, SELF)).toBe(false);
    }
    for (const t of CONSOLE_MESSAGES) {
      expect(senderAllowed(t, OTHER_EXT, SELF)).toBe(false);
      expect(senderAllowed(t, WEB_PAGE, SELF)).toBe(false);
    }
  });
});

/** Deliver a message the way @webext-core/messaging frames it, with a browser-reported sender. */
async function deliver(type: string, data: unknown, sender: object): Promise<unknown> {
  const r = await new Promise<{ res?: unknown; err?: { message?: string } }>((resolve) => {
    void (fakeBrowser.runtime.onMessage.trigger as (...a: unknown[]) => Promise<unknown>)(
      { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() },
      sender,
      resolve,
    );
  });
  if (r.err) throw new Error(r.err.message ?? JSON.stringify(r.err));
  return r.res;
}

const S = '106033221';

describe('the background with fake senders', () => {
  const db = getDb();
  beforeEach(async () => {
    fakeBrowser.reset();
    removeAllListeners();
    await db.delete();
    await db.open();
    background.main();
    expect(fakeBrowser.runtime.id).toBe(SELF.id);
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/trend/v3.json', '2026-06-01'), fixture('sycm-home', 'trend-v3-aligned.json'));
    expect(await deliver('capture', msg, CONSOLE_TAB)).toMatchObject({ outcome: 'stored', facts: 6 });
  });

  const facts = () => db.facts.where('shopId').equals(S).count();

  it('another extension: every message refused, nothing changes', async () => {
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', '2026-06-02'), fixture('sycm-home', 'overview-v3.json'));
    await expect(deliver('capture', msg, OTHER_EXT)).rejects.toThrow(/refused/);
    await expect(deliver('deleteShopData', { shopId: S }, OTHER_EXT)).rejects.toThrow(/refused/);
    await expect(deliver('annotations', { family: 'sycm-home', date: null, attr: null, entities: [{ kind: 'shop', id: 'uv' }] }, OTHER_EXT)).rejects.toThrow(
      /refused/,
    );
    expect(await facts()).toBe(6);
    expect(await db.shops.get(S)).toBeDefined();
  });

  it('a web page (not a console host): capture and annotation data refused', async () => {
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', '2026-06-02'), fixture('sycm-home', 'overview-v3.json'));
    await expect(deliver('capture', msg, WEB_PAGE)).rejects.toThrow(/refused/);
    await expect(deliver('annotations', { family: 'sycm-home', date: null, attr: null, entities: [{ kind: 'shop', id: 'uv' }] }, WEB_PAGE)).rejects.toThrow(
      /refused/,
    );
    await expect(deliver('applyRetention', {}, WEB_PAGE)).rejects.toThrow(/refused/);
    expect(await facts()).toBe(6);
  });

  it('a console page asking for admin work (delete, merge, retention, rules, tab state): refused, data intact', async () => {
    await expect(deliver('deleteShopData', { shopId: S }, CONSOLE_TAB)).rejects.toThrow(/deleteShopData 被拒绝/);
    await expect(deliver('mergeShops', { fromId: S, toId: 'x' }, CONSOLE_TAB)).rejects.toThrow(/refused/);
    await expect(deliver('applyRetention', {}, CONSOLE_TAB)).rejects.toThrow(/refused/);
    await expect(deliver('runRules', { shopId: S }, CONSOLE_TAB)).rejects.toThrow(/refused/);
    await expect(deliver('tabState', { tabId: 3, url: HOME_PAGE }, CONSOLE_TAB)).rejects.toThrow(/refused/);
    expect(await facts()).toBe(6);
    expect(await db.shops.get(S)).toBeDefined();
  });

  it('a console page may ask for its annotations; an extension page may delete a shop', async () => {
    const res = (await deliver('annotations', { family: 'sycm-home', date: '2026-06-01', attr: null, entities: [{ kind: 'shop', id: 'uv' }] }, CONSOLE_TAB)) as {
      shopId: string;
    };
    expect(res.shopId).toBe(S);
    const del = (await deliver('deleteShopData', { shopId: S }, OPTIONS_TAB)) as { facts: number; shop: boolean };
    expect(del).toMatchObject({ facts: 6, shop: true });
    expect(await facts()).toBe(0);
    const none: Fact[] = await db.facts.toArray();
    expect(none).toEqual([]);
  });
});
