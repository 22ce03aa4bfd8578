import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notifyAfterRules, registerNotify } from '@/entrypoints/background/notify';
import { getDb } from '@/lib/db/database';
import { NOTIFY_STATE_KEY } from '@/lib/notify/digest';
import { updateSettings } from '@/lib/settings';
import { finding } from './finding-helpers';

const S = '106033221';
const db = getDb();

async function shown() {
  return Object.values(await fakeBrowser.notifications.getAll()) as { title: string; message: string }[];
}

describe('notifyAfterRules with the fake browser', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    // The fake browser has no permissions API: grant the optional permission here.
    (fakeBrowser.permissions as { contains: unknown }).contains = async () => true;
    await db.delete();
    await db.open();
    await db.shops.put({ id: S, title: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 });
    await updateSettings(db, { notifications: { enabled: true, areas: {}, since: 0 } });
  });

  it('shows ONE digest for several new P0/P1 findings, and nothing for the same findings again', async () => {
    await db.findings.bulkPut([
      finding({ id: 'a', severity: 'P1', title: { zh: '访客数下降', en: 'Visitors dropped' } }),
      finding({ id: 'b', severity: 'P0', area: 'SC', title: { zh: '爆款断货', en: 'Hot item out of stock' } }),
      finding({ id: 'c', severity: 'P2' }),
    ]);
    expect(await notifyAfterRules(db, S, {}, 5000)).toBe(2);
    const list = await shown();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ title: '运营雷达 · 新问题 2 条', message: '⛔紧急 暖居家纺旗舰店：爆款断货\n⚠重要 暖居家纺旗舰店：访客数下降' });
    await fakeBrowser.notifications.clear(Object.keys(await fakeBrowser.notifications.getAll())[0] ?? '');
    expect(await notifyAfterRules(db, S, {}, 6000)).toBe(0);
    expect(await shown()).toHaveLength(0);
  });

  it('respects the per-area toggles and the language', async () => {
    await updateSettings(db, { language: 'en', notifications: { enabled: true, areas: { SC: false }, since: 0 } });
    await db.findings.bulkPut([finding({ id: 'a', area: 'DA' }), finding({ id: 'b', area: 'SC', severity: 'P0' })]);
    await notifyAfterRules(db, S, {}, 5000);
    expect(await shown()).toEqual([expect.objectContaining({ title: 'OpsRadar · 1 new issue', message: '⚠High 暖居家纺旗舰店: Payment amount dropped' })]);
  });

  it('does nothing when off (the default), and stays quiet but remembers when silent', async () => {
    await updateSettings(db, { notifications: { enabled: false, areas: {}, since: 0 } });
    await db.findings.put(finding({ id: 'a' }));
    expect(await notifyAfterRules(db, S, {}, 5000)).toBe(0);
    expect(await db.settings.get(NOTIFY_STATE_KEY)).toBeUndefined();
    await updateSettings(db, { notifications: { enabled: true, areas: {}, since: 0 } });
    expect(await notifyAfterRules(db, S, { silent: true }, 5000)).toBe(0);
    expect(await shown()).toHaveLength(0);
    expect(await notifyAfterRules(db, S, {}, 6000)).toBe(0);
  });

  it('without the permission: no notification, nothing remembered as shown', async () => {
    (fakeBrowser.permissions as { contains: unknown }).contains = async () => false;
    await db.findings.put(finding({ id: 'a' }));
    expect(await notifyAfterRules(db, S, {}, 5000)).toBe(0);
    expect(await shown()).toHaveLength(0);
  });

  it('a click on the digest opens the options page when the side panel cannot open', async () => {
    let opened = 0;
    (fakeBrowser.runtime as { openOptionsPage: unknown }).openOptionsPage = async () => {
      opened++;
    };
    registerNotify();
    await db.findings.put(finding({ id: 'a' }));
    await notifyAfterRules(db, S, {}, 5000);
    const id = Object.keys(await fakeBrowser.notifications.getAll())[0] ?? '';
    await fakeBrowser.notifications.onClicked.trigger(id);
    await new Promise((r) => setTimeout(r, 10));
    expect(opened).toBe(1);
    expect(await shown()).toHaveLength(0);
  });
});
