/**
 * A local group-robot receiver for tests: answers like DingTalk, Feishu and WeCom do, and checks
 * the signature the way each platform documents it (recomputed here with node:crypto, not with
 * the code under test):
 * - DingTalk: /robot/send?access_token&timestamp&sign; sign = urlEncode(base64(HMAC-SHA256(secret,
 *   timestamp + "\n" + secret))); |now − timestamp| < 1 h (ms).
 * - Feishu: /open-apis/bot/v2/hook/<token>, body {timestamp (s), sign}; sign = base64(HMAC-SHA256(
 *   key = timestamp + "\n" + secret, msg = "")); |now − timestamp| < 1 h.
 * - WeCom: /cgi-bin/webhook/send?key=<key>; the key must match.
 * Plain HTTP (tests call it through an injected fetch) or HTTPS with a given certificate (e2e).
 */
import { createHmac } from 'node:crypto';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';

export interface ReceiverConfig {
  dingtalk?: { token: string; secret: string };
  feishu?: { token: string; secret: string };
  wecom?: { key: string };
}

export interface Received {
  channel: 'dingtalk' | 'feishu' | 'wecom' | 'unknown';
  ok: boolean;
  reason: string;
  url: string;
  body: unknown;
}

export function dingtalkExpected(secret: string, timestamp: string): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
}
export function feishuExpected(secret: string, timestamp: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

const HOUR = 3600_000;

export function verify(cfg: ReceiverConfig, rawUrl: string, body: unknown, now = Date.now()): Omit<Received, 'url' | 'body'> {
  const u = new URL(rawUrl, 'https://receiver.local');
  if (u.pathname === '/robot/send') {
    const c = cfg.dingtalk;
    if (!c) return { channel: 'dingtalk', ok: false, reason: 'no dingtalk robot' };
    if (u.searchParams.get('access_token') !== c.token) return { channel: 'dingtalk', ok: false, reason: 'token' };
    // The raw query: the sign arrives url-encoded exactly once.
    const rawSign = /[?&]sign=([^&]*)/.exec(rawUrl)?.[1] ?? '';
    const ts = u.searchParams.get('timestamp') ?? '';
    if (!/^\d{13}$/.test(ts) || Math.abs(now - Number(ts)) >= HOUR) return { channel: 'dingtalk', ok: false, reason: 'timestamp' };
    if (rawSign !== dingtalkExpected(c.secret, ts)) return { channel: 'dingtalk', ok: false, reason: 'sign' };
    const b = body as { msgtype?: string; markdown?: { title?: string; text?: string } };
    if (b?.msgtype !== 'markdown' || !b.markdown?.title || !b.markdown.text) return { channel: 'dingtalk', ok: false, reason: 'body' };
    return { channel: 'dingtalk', ok: true, reason: 'ok' };
  }
  const hook = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(u.pathname)?.[1];
  if (hook !== undefined) {
    const c = cfg.feishu;
    if (!c || hook !== c.token) return { channel: 'feishu', ok: false, reason: 'token' };
    const b = body as { timestamp?: string; sign?: string; msg_type?: string; content?: { text?: string } };
    const ts = String(b?.timestamp ?? '');
    if (!/^\d{10}$/.test(ts) || Math.abs(now - Number(ts) * 1000) >= HOUR) return { channel: 'feishu', ok: false, reason: 'timestamp' };
    if (b.sign !== feishuExpected(c.secret, ts)) return { channel: 'feishu', ok: false, reason: 'sign' };
    if (b.msg_type !== 'text' || !b.content?.text) return { channel: 'feishu', ok: false, reason: 'body' };
    return { channel: 'feishu', ok: true, reason: 'ok' };
  }
  if (u.pathname === '/cgi-bin/webhook/send') {
    const c = cfg.wecom;
    if (!c || u.searchParams.get('key') !== c.key) return { channel: 'wecom', ok: false, reason: 'key' };
    const b = body as { msgtype?: string; markdown?: { content?: string } };
    if (b?.msgtype !== 'markdown' || !b.markdown?.content) return { channel: 'wecom', ok: false, reason: 'body' };
    return { channel: 'wecom', ok: true, reason: 'ok' };
  }
  return { channel: 'unknown', ok: false, reason: 'path' };
}

/** The platform's own answer shape for a verdict. */
export function answer(v: Omit<Received, 'url' | 'body'>): { status: number; json: Record<string, unknown> } {
  if (v.channel === 'feishu')
    return {
      status: 200,
      json: v.ok
        ? { code: 0, msg: 'success', data: {} }
        : { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} },
    };
  if (v.channel === 'dingtalk')
    return { status: 200, json: v.ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: `sign not match, more: [${v.reason}]` } };
  if (v.channel === 'wecom') return { status: 200, json: v.ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 93000, errmsg: 'invalid webhook url' } };
  return { status: 404, json: { error: 'not found' } };
}

export interface Receiver {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** `clock`: the receiver's "now" (a test with a fixed date stands in for the platform's clock). */
export async function startReceiver(cfg: ReceiverConfig, tls?: { key: string; cert: string }, clock: () => number = Date.now): Promise<Receiver> {
  const received: Received[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'POST' };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = null;
      }
      const v = verify(cfg, req.url ?? '/', body, clock());
      received.push({ ...v, url: req.url ?? '/', body });
      const a = answer(v);
      res.writeHead(a.status, { 'content-type': 'application/json', ...cors }).end(JSON.stringify(a.json));
    });
  };
  const server: Server = tls ? createHttps(tls, handler) : createHttp(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A fetch that sends the request meant for the platform host to the local receiver instead. */
export function fetchVia(port: number): typeof fetch {
  return (input, init) => {
    const u = new URL(String(input));
    return fetch(`http://127.0.0.1:${port}${u.pathname}${u.search}`, init);
  };
}
