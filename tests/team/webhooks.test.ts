import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p0Message, testMessage } from '@/lib/team/webhook-messages';
import {
  buildRequest,
  dailyDue,
  DEFAULT_WEBHOOKS,
  dingtalkSign,
  feishuSign,
  fitBytes,
  mask,
  maskUrl,
  normalizeUrl,
  parseWebhooks,
  readResponse,
  redact,
  secretsOf,
  sendWebhook,
} from '@/lib/team/webhooks';
import { finding } from '../notify/finding-helpers';
import { fetchVia, type Receiver, startReceiver } from './receiver';

const DT_TOKEN = 'a1b2c3d4e5f6a7b8c9d0dingtalktoken0001';
const DT_SECRET = 'SEC5e1c8f0a9b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1';
const FS_TOKEN = '3f1c2b7e-9a0d-4c55-8e21-feishuhook0001';
const FS_SECRET = 'fsSecret9Qx2LmZ7';
const WC_KEY = '693a91f6-7aaa-4bc4-97a0-0ec2wecomkey1';

const dingtalk = { url: `https://oapi.dingtalk.com/robot/send?access_token=${DT_TOKEN}`, secret: DT_SECRET };
const feishu = { url: `https://open.feishu.cn/open-apis/bot/v2/hook/${FS_TOKEN}`, secret: FS_SECRET };
const wecom = { url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WC_KEY}`, secret: '' };

describe('signatures against independently computed vectors (node:crypto)', () => {
  it('DingTalk: urlEncode(base64(HMAC-SHA256(secret, ts + "\\n" + secret)))', async () => {
    for (const ts of [1599360473000, 1700000000123, Date.UTC(2026, 5, 30, 1, 30)]) {
      const expected = encodeURIComponent(createHmac('sha256', DT_SECRET).update(`${ts}\n${DT_SECRET}`).digest('base64'));
      expect(await dingtalkSign(DT_SECRET, ts)).toBe(expected);
    }
    // The documented example secret from DingTalk's Java sample ("this is secret").
    const ts = 1577262236757;
    expect(await dingtalkSign('this is secret', ts)).toBe(
      encodeURIComponent(createHmac('sha256', 'this is secret').update(`${ts}\nthis is secret`).digest('base64')),
    );
  });

  it('Feishu: base64(HMAC-SHA256(key = ts + "\\n" + secret, msg = ""))', async () => {
    for (const ts of [1599360473, 1700000000]) {
      const expected = createHmac('sha256', `${ts}\n${FS_SECRET}`).update('').digest('base64');
      expect(await feishuSign(FS_SECRET, ts)).toBe(expected);
    }
  });

  it('a sign contains URL-unsafe base64 characters only in encoded form (DingTalk)', async () => {
    // Find a timestamp whose signature has + or / and check it is percent-encoded.
    let ts = 1700000000000;
    let sign = await dingtalkSign(DT_SECRET, ts);
    while (!/%2B|%2F|%3D/.test(sign)) sign = await dingtalkSign(DT_SECRET, ++ts);
    expect(sign).not.toMatch(/[+/=]/);
  });
});

describe('URLs', () => {
  it('accepts the robot address or the bare token, on the official host only', () => {
    expect(normalizeUrl('dingtalk', DT_TOKEN)).toEqual({ ok: true, url: dingtalk.url });
    expect(normalizeUrl('dingtalk', `${dingtalk.url}&timestamp=1&sign=old`)).toEqual({ ok: true, url: dingtalk.url });
    expect(normalizeUrl('feishu', FS_TOKEN)).toEqual({ ok: true, url: feishu.url });
    expect(normalizeUrl('wecom', ` ${wecom.url} `)).toEqual({ ok: true, url: wecom.url });
    for (const [c, bad] of [
      ['dingtalk', `http://oapi.dingtalk.com/robot/send?access_token=${DT_TOKEN}`],
      ['dingtalk', `https://evil.example/robot/send?access_token=${DT_TOKEN}`],
      ['dingtalk', 'https://oapi.dingtalk.com/robot/send'],
      ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/'],
      ['wecom', 'https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=abc'],
      ['wecom', 'not a url at all'],
      ['feishu', ''],
    ] as const) {
      const r = normalizeUrl(c, bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.zh.length).toBeGreaterThan(3);
    }
  });

  it('settings default to everything off; a corrupt row falls back to defaults', () => {
    expect(DEFAULT_WEBHOOKS.dingtalk).toMatchObject({ enabled: false, url: '', secret: '', sendDaily: false, dailyTime: '09:30', sendP0: true });
    expect(parseWebhooks({ dingtalk: { enabled: 'yes' } })).toEqual(DEFAULT_WEBHOOKS);
    expect(parseWebhooks({ wecom: { enabled: true, url: wecom.url } }).wecom.enabled).toBe(true);
    expect(parseWebhooks({ dingtalk: { dailyTime: '25:00' } })).toEqual(DEFAULT_WEBHOOKS);
  });
});

describe('secrets stay hidden', () => {
  it('redacts token, key, secret and sign values from any error text', () => {
    const secrets = [...secretsOf(dingtalk), ...secretsOf(feishu), ...secretsOf(wecom)];
    const text = [
      `TypeError: Failed to fetch ${dingtalk.url}&timestamp=1700000000000&sign=abc%2Bdef`,
      `POST ${feishu.url} failed`,
      `key=${WC_KEY} refused; secret ${DT_SECRET}; {"sign":"zzz","secret":"${FS_SECRET}"}`,
    ].join('\n');
    const out = redact(text, secrets);
    for (const s of [DT_TOKEN, DT_SECRET, FS_TOKEN, FS_SECRET, WC_KEY, 'abc%2Bdef', 'zzz']) expect(out).not.toContain(s);
    expect(out).toContain('access_token=***');
    expect(out).toContain('/hook/***');
    // Even without knowing the secrets, the URL shapes are scrubbed.
    const blind = redact(text);
    for (const s of [DT_TOKEN, FS_TOKEN, WC_KEY, DT_SECRET]) expect(blind).not.toContain(s);
  });

  it('masks saved values for display', () => {
    expect(mask(DT_SECRET)).toBe('••••••c2d1');
    expect(mask('short')).toBe('••••••');
    expect(maskUrl(dingtalk.url)).toBe('https://oapi.dingtalk.com/robot/send?access_token=••••••0001');
    expect(maskUrl(feishu.url)).not.toContain(FS_TOKEN);
  });

  it('a network error carrying the URL never shows the token', async () => {
    const failing: typeof fetch = async (input) => {
      throw new TypeError(`connect ECONNREFUSED while fetching ${String(input)}`);
    };
    const r = await sendWebhook('dingtalk', dingtalk, testMessage('zh'), { fetch: failing });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('发送失败');
    expect(r.message).not.toContain(DT_TOKEN);
    expect(r.message).not.toMatch(/sign=[^*]/);
    const r2 = await sendWebhook('wecom', wecom, testMessage('en'), {
      fetch: async () => new Response(`{"errcode":93000,"errmsg":"invalid webhook url, hint: key=${WC_KEY}"}`, { status: 200 }),
      lang: 'en',
    });
    expect(r2).toEqual({ ok: false, message: 'Rejected: 93000 invalid webhook url, hint: key=***' });
  });
});

describe('bodies', () => {
  it('DingTalk markdown, Feishu text with timestamp+sign, WeCom markdown', async () => {
    const now = Date.UTC(2026, 5, 30, 1, 30);
    const msg = { title: '标题', markdown: '### 标题\n\n- **重点** 内容' };
    const d = await buildRequest('dingtalk', dingtalk, msg, now);
    expect(d.url).toBe(`${dingtalk.url}&timestamp=${now}&sign=${await dingtalkSign(DT_SECRET, now)}`);
    expect(JSON.parse(d.body)).toEqual({ msgtype: 'markdown', markdown: { title: '标题', text: msg.markdown } });
    const f = await buildRequest('feishu', feishu, msg, now);
    expect(JSON.parse(f.body)).toEqual({
      msg_type: 'text',
      content: { text: '标题\n\n- 重点 内容' },
      timestamp: String(now / 1000),
      sign: await feishuSign(FS_SECRET, now / 1000),
    });
    const w = await buildRequest('wecom', wecom, msg, now);
    expect(w.url).toBe(wecom.url);
    expect(JSON.parse(w.body)).toEqual({ msgtype: 'markdown', markdown: { content: msg.markdown } });
    // Without a secret DingTalk goes unsigned.
    expect((await buildRequest('dingtalk', { url: dingtalk.url, secret: '' }, msg, now)).url).toBe(dingtalk.url);
  });

  it('WeCom content stays within 4096 bytes', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `- 第 ${i} 行：访客数下降明显`).join('\n');
    const w = await buildRequest('wecom', wecom, { title: 't', markdown: long });
    const content = JSON.parse(w.body).markdown.content as string;
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(4096);
    expect(content.endsWith('\n…')).toBe(true);
    expect(fitBytes('短', 100)).toBe('短');
  });

  it('P0 digest lists findings with severity and area, names from pages as text', () => {
    const fs = [
      finding({ id: 'a|1', severity: 'P0', title: { zh: '库存告急', en: 'Stock low' }, entity: { kind: 'item', id: '9', name: '**<b>纯棉四件套</b>**' } }),
      finding({ id: 'b|1', severity: 'P0', detail: { zh: '支付金额较基线下降 38%', en: 'down 38%' } }),
    ];
    const m = p0Message(fs, '暖居家纺旗舰店', 'zh');
    expect(m.title).toBe('运营雷达 · 暖居家纺旗舰店 新增紧急问题 2 条');
    expect(m.markdown).toContain('⛔紧急 · 数据分析');
    expect(m.markdown).toContain('\\*\\*\\<b\\>纯棉四件套\\</b\\>\\*\\*');
    expect(m.markdown).toContain('支付金额较基线下降 38%');
  });

  it('reads platform answers', () => {
    expect(readResponse('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}').ok).toBe(true);
    expect(readResponse('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({ ok: false, detail: '310000 sign not match' });
    expect(readResponse('feishu', 200, '{"code":0,"msg":"success"}').ok).toBe(true);
    expect(readResponse('feishu', 200, '{"StatusCode":0}').ok).toBe(true);
    expect(readResponse('wecom', 502, 'Bad gateway').ok).toBe(false);
    expect(readResponse('wecom', 200, '<html>').ok).toBe(false);
  });
});

describe('daily schedule (Asia/Shanghai clock)', () => {
  const cfg = { enabled: true, sendDaily: true, dailyTime: '09:30', url: dingtalk.url };
  it('is due once a day, at or after the time', () => {
    const at = (h: number, m: number) => Date.UTC(2026, 5, 30, h - 8, m); // Beijing hh:mm on 06-30
    expect(dailyDue(cfg, undefined, at(9, 29))).toBe(false);
    expect(dailyDue(cfg, undefined, at(9, 30))).toBe(true);
    expect(dailyDue(cfg, '2026-06-29', at(14, 0))).toBe(true);
    expect(dailyDue(cfg, '2026-06-30', at(14, 0))).toBe(false);
    expect(dailyDue({ ...cfg, sendDaily: false }, undefined, at(10, 0))).toBe(false);
    expect(dailyDue({ ...cfg, enabled: false }, undefined, at(10, 0))).toBe(false);
  });
});

describe('a local receiver that verifies signatures as each platform documents', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver({ dingtalk: { token: DT_TOKEN, secret: DT_SECRET }, feishu: { token: FS_TOKEN, secret: FS_SECRET }, wecom: { key: WC_KEY } });
  });
  afterAll(async () => rx.close());

  it('accepts correctly signed messages on all three channels', async () => {
    const f = fetchVia(rx.port);
    for (const [c, cfg] of [
      ['dingtalk', dingtalk],
      ['feishu', feishu],
      ['wecom', wecom],
    ] as const) {
      const r = await sendWebhook(c, cfg, testMessage('zh'), { fetch: f });
      expect(r, c).toEqual({ ok: true, message: '发送成功' });
      expect(rx.received.at(-1)).toMatchObject({ channel: c, ok: true });
    }
  });

  it('rejects a wrong secret, a wrong key and a stale timestamp, and the status shows no secret', async () => {
    const f = fetchVia(rx.port);
    const d = await sendWebhook('dingtalk', { ...dingtalk, secret: 'SECwrong0000000000000000' }, testMessage('zh'), { fetch: f });
    expect(d.ok).toBe(false);
    expect(rx.received.at(-1)).toMatchObject({ channel: 'dingtalk', ok: false, reason: 'sign' });
    expect(d.message).toContain('310000');
    const stale = await sendWebhook('dingtalk', dingtalk, testMessage('zh'), { fetch: f, now: Date.now() - 2 * 3600_000 });
    expect(stale.ok).toBe(false);
    expect(rx.received.at(-1)?.reason).toBe('timestamp');
    const fs = await sendWebhook('feishu', { ...feishu, secret: 'nope-nope' }, testMessage('zh'), { fetch: f });
    expect(fs.ok).toBe(false);
    expect(rx.received.at(-1)).toMatchObject({ channel: 'feishu', reason: 'sign' });
    const wc = await sendWebhook('wecom', { url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wrongkey123`, secret: '' }, testMessage('zh'), {
      fetch: f,
    });
    expect(wc.ok).toBe(false);
    for (const m of [d.message, stale.message, fs.message, wc.message]) {
      for (const s of [DT_TOKEN, DT_SECRET, FS_TOKEN, FS_SECRET, WC_KEY, 'wrongkey123']) expect(m).not.toContain(s);
    }
  });
});
