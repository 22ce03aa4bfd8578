import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { getDb } from '@/lib/db/database';
import { removeAllListeners } from '@/lib/messaging/protocol';
import { captureMsg, fixture, HOME_PAGE, sycmUrl } from '../helpers';

/** Deliver a message the way @webext-core/messaging frames it, with a browser-reported sender. */
async function deliver(type: string, data: unknown, sender: object) {
  const reply = new Promise<{ res?: unknown; err?: unknown }>((resolve) => {
    void (fakeBrowser.runtime.onMessage.trigger as (...a: unknown[]) => Promise<unknown>)(
      { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() },
      sender,
      resolve,
    );
  });
  const r = await reply;
  if (r.err) throw new Error(JSON.stringify(r.err));
  return r.res;
}

describe('background with a fake browser and fake IndexedDB', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    removeAllListeners();
    await getDb().delete();
    await getDb().open();
    background.main();
  });

  it('routes a capture from a console tab into the database and answers with an ack', async () => {
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/trend/v3.json', '2026-06-01'), fixture('sycm-home', 'trend-v3-aligned.json'));
    const ack = await deliver('capture', msg, { id: 'test-extension-id', url: HOME_PAGE, tab: { id: 3 } });
    expect(ack).toMatchObject({ outcome: 'stored', facts: 6 });
    expect(await getDb().facts.count()).toBe(6);
  });

  it('rejects a capture whose sender is not a console page', async () => {
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/trend/v3.json', '2026-06-01'), fixture('sycm-home', 'trend-v3-aligned.json'));
    // Refused at the sender gate (lib/messaging/sender-policy.ts): the handler never runs.
    await expect(deliver('capture', msg, { id: 'test-extension-id', url: 'https://evil.example.com/', tab: { id: 3 } })).rejects.toThrow(/refused/);
    expect(await getDb().facts.count()).toBe(0);
  });

  it('reports the tab state from the capture log', async () => {
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', '2026-06-01'), fixture('sycm-home', 'overview-v3.json'));
    await deliver('capture', { ...msg, capturedAt: Date.now() }, { id: 'test-extension-id', url: HOME_PAGE, tab: { id: 9 } });
    const state = await deliver('tabState', { tabId: 9, url: HOME_PAGE }, { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/sidepanel.html' });
    expect(state).toMatchObject({ family: 'sycm-home', shopId: '106033221', capturesThisPage: 1, factsThisPage: 3, lastOutcome: 'stored' });
    const other = await deliver('tabState', { tabId: 10, url: 'https://www.baidu.com/' }, { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/sidepanel.html' });
    expect(other).toMatchObject({ family: null, onConsoleHost: false, capturesThisPage: 0 });
  });
});

describe('mergeShops message', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    removeAllListeners();
    await getDb().delete();
    await getDb().open();
    background.main();
  });

  it('merges a provisional shop into a real one on the user’s word', async () => {
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', '2026-06-01'), fixture('sycm-home', 'overview-v3.json'), {
      identity: { via: 'cookie', loginNick: '某店:小王' },
    });
    await deliver('capture', msg, { id: 'test-extension-id', url: HOME_PAGE, tab: { id: 1 } });
    await getDb().shops.put({ id: '999', title: '某店旗舰店', firstSeenAt: 1, lastSeenAt: 1 });
    const r = await deliver('mergeShops', { fromId: 'nick:某店', toId: '999' }, { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/sidepanel.html' });
    expect(r).toEqual({ moved: 3 });
    expect(await getDb().shops.get('nick:某店')).toBeUndefined();
  });
});
