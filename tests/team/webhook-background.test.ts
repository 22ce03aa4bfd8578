import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { DAILY_ALARM, sendDailyReports, sendTest, webhooksAfterRules } from '@/entrypoints/background/webhooks';
import { getDb } from '@/lib/db/database';
import { removeAllListeners } from '@/lib/messaging/protocol';
import { type Fact, factId } from '@/lib/schema/fact';
import { WEBHOOK_STATUS_KEY, WEBHOOKS_KEY } from '@/lib/team/webhooks';
import { finding } from '../notify/finding-helpers';
import { fetchVia, type Receiver, startReceiver } from './receiver';

const db = getDb();
const A = '106033221';
const TOKEN = 'bgtoken0123456789abcdef';
const SECRET = 'SECbackground0123456789abcdef';
const WKEY = 'wecom-key-0123456789';
// 2026-06-30 10:00 Beijing.
const NOW = Date.parse('2026-06-30T02:00:00Z');

let rx: Receiver;
/** The receiver's clock follows the time the code under test signs with. */
let clockNow = NOW;
beforeAll(async () => {
  rx = await startReceiver({ dingtalk: { token: TOKEN, secret: SECRET }, wecom: { key: WKEY } }, undefined, () => clockNow);
});
afterAll(async () => rx.close());

const deps = (now = NOW) => {
  clockNow = now;
  return { fetch: fetchVia(rx.port), now: () => now };
};

async function configure(patch: Record<string, unknown>) {
  await db.settings.put({ key: WEBHOOKS_KEY, value: patch });
}

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

beforeEach(async () => {
  await db.delete();
  await db.open();
  rx.received.length = 0;
  await db.shops.put({ id: A, title: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 });
});

const dingtalk = { enabled: true, url: `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`, secret: SECRET, sendP0: true, enabledAt: 0 };

describe('P0 digest after a rules run', () => {
  it('sends new fired P0s once, ignores P1/P2, and sends again on escalation', async () => {
    await configure({ dingtalk, wecom: { enabled: true, url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WKEY}`, sendP0: false } });
    await db.findings.bulkPut([
      finding({ id: `p0|${A}`, shopId: A, severity: 'P0', title: { zh: '支付金额骤降', en: 'Pay drop' } }),
      finding({ id: `p1|${A}`, shopId: A, severity: 'P1' }),
      finding({ id: `p2|${A}`, shopId: A, severity: 'P2' }),
      finding({ id: `ok|${A}`, shopId: A, severity: 'P0', status: 'ok' }),
    ]);
    expect(await webhooksAfterRules(db, A, deps())).toEqual({ dingtalk: 1 });
    expect(rx.received).toHaveLength(1);
    expect(rx.received[0]).toMatchObject({ channel: 'dingtalk', ok: true });
    const text = (rx.received[0]?.body as { markdown?: { text?: string } } | undefined)?.markdown?.text ?? '';
    expect(text).toContain('支付金额骤降');
    expect(text).not.toContain('支付金额下降'); // the P1's title
    // Same findings again: nothing new.
    expect(await webhooksAfterRules(db, A, deps(NOW + 1000))).toEqual({});
    expect(rx.received).toHaveLength(1);
    // The P1 escalates to P0: news.
    await db.findings.put(finding({ id: `p1|${A}`, shopId: A, severity: 'P0', updatedAt: NOW }));
    expect(await webhooksAfterRules(db, A, deps(NOW + 2000))).toEqual({ dingtalk: 1 });
    expect(rx.received).toHaveLength(2);
  });

  it('off by default: nothing sent, nothing remembered', async () => {
    await db.findings.put(finding({ id: `p0|${A}`, shopId: A, severity: 'P0' }));
    expect(await webhooksAfterRules(db, A, deps())).toEqual({});
    await configure({ dingtalk: { ...dingtalk, enabled: false } });
    expect(await webhooksAfterRules(db, A, deps())).toEqual({});
    expect(rx.received).toHaveLength(0);
  });

  it('a rejected send is not remembered (retried next run) and its status is redacted', async () => {
    await configure({ dingtalk: { ...dingtalk, secret: 'SECwrongwrongwrongwrong' } });
    await db.findings.put(finding({ id: `p0|${A}`, shopId: A, severity: 'P0' }));
    expect(await webhooksAfterRules(db, A, deps())).toEqual({});
    const status = (await db.settings.get(WEBHOOK_STATUS_KEY))?.value as Record<string, { ok: boolean; message: string; kind: string }>;
    expect(status.dingtalk).toMatchObject({ ok: false, kind: 'p0' });
    expect(JSON.stringify(status)).not.toContain(TOKEN);
    expect(JSON.stringify(status)).not.toContain('SECwrong');
    await configure({ dingtalk });
    expect(await webhooksAfterRules(db, A, deps(NOW + 1))).toEqual({ dingtalk: 1 });
  });
});

describe('test message through the background message', () => {
  it('answers ok for a verified signature, and a clear message when nothing is saved', async () => {
    fakeBrowser.reset();
    removeAllListeners();
    background.main();
    expect(await deliver('webhookTest', { channel: 'feishu' })).toEqual({ ok: false, message: '请先保存 Webhook 地址' });
    await configure({ dingtalk: { ...dingtalk, enabled: false } });
    // The real fetch would go to oapi.dingtalk.com; the direct call takes the local receiver.
    expect(await sendTest(db, 'dingtalk', deps())).toEqual({ ok: true, message: '发送成功' });
    expect(rx.received.at(-1)).toMatchObject({ channel: 'dingtalk', ok: true });
    // The daily alarm is registered once.
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual([DAILY_ALARM]);
  });
});

describe('daily report', () => {
  function day(date: string, payAmt: number, uv: number): Fact {
    const base = { shopId: A, entityKind: 'shop' as const, entityId: A, grain: 'day' as const, date, dims: { device: '0' } };
    return {
      ...base,
      id: factId(base),
      values: { payAmt, uv, payBuyerCnt: Math.round(uv / 20) },
      source: { adapter: 'sycm-home', route: 'trend' },
      capturedAt: 1,
      updatedAt: 1,
    };
  }

  it('sends yesterday’s 日报 once a day at or after the configured time', async () => {
    const days = Array.from({ length: 41 }, (_, i) => new Date(Date.UTC(2026, 4, 21 + i)).toISOString().slice(0, 10));
    await db.facts.bulkPut(days.map((d, i) => day(d, 10000 + i * 100, 2000 + i * 10)));
    await configure({ dingtalk: { ...dingtalk, sendDaily: true, dailyTime: '09:30' } });
    // 09:00 Beijing: not yet.
    expect(await sendDailyReports(db, deps(Date.parse('2026-06-30T01:00:00Z')))).toEqual({});
    expect(await sendDailyReports(db, deps())).toEqual({ dingtalk: 1 });
    const body = rx.received.at(-1)?.body as { markdown: { title: string; text: string } };
    expect(rx.received.at(-1)?.ok).toBe(true);
    expect(body.markdown.title).toBe('运营雷达 · 暖居家纺旗舰店 日报 2026-06-29');
    expect(body.markdown.text).toContain('2026-06-29');
    // Later the same day: not again; next day (06-30 captured meanwhile): again.
    expect(await sendDailyReports(db, deps(NOW + 3600_000))).toEqual({});
    expect(await sendDailyReports(db, deps(NOW + 24 * 3600_000))).toEqual({ dingtalk: 1 });
  });

  it('no data for yesterday: nothing sent, the status says why', async () => {
    await configure({ dingtalk: { ...dingtalk, sendDaily: true } });
    expect(await sendDailyReports(db, deps())).toEqual({ dingtalk: 0 });
    expect(rx.received).toHaveLength(0);
    const status = (await db.settings.get(WEBHOOK_STATUS_KEY))?.value as Record<string, { message: string }>;
    expect(status.dingtalk?.message).toContain('没有 2026-06-29 的数据');
  });
});
