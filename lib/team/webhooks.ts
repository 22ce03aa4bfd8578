/**
 * Group-robot webhooks (团队协作): DingTalk 自定义机器人 (加签), Feishu 自定义机器人 (签名校验) and
 * WeCom 群机器人. Pure: settings schema, URL checks, signatures (WebCrypto, so the same code runs in
 * the service worker and in Node 20), request bodies, response reading and redaction. The
 * background does the fetch through `sendWebhook` with the browser's fetch.
 *
 * Signatures, as the platforms document them:
 * - DingTalk 加签: string to sign = `timestamp + "\n" + secret` (timestamp in ms, within 1 h of the
 *   server's clock); HmacSHA256 with the secret as key; Base64; then urlEncode. Sent as
 *   `…/robot/send?access_token=…&timestamp=…&sign=…`. (DingTalk open platform, 自定义机器人接入 →
 *   安全设置 → 加签; the same text and Java/Python samples are quoted at
 *   https://apifox.com/apidoc/docs-site/467052/doc-3550006 and
 *   https://binkzhou.github.io/blog/other/2023/0211001.html.)
 * - Feishu 签名校验: `timestamp + "\n" + secret` is the HMAC-SHA256 KEY, the message is empty;
 *   Base64; timestamp in SECONDS within 1 h. Sent in the JSON body `{timestamp, sign, msg_type,
 *   content}` to `https://open.feishu.cn/open-apis/bot/v2/hook/<token>`. (Feishu 自定义机器人使用指南,
 *   Python sample `hmac.new(key=f'{timestamp}\n{secret}', msg='')`, quoted at
 *   https://damodev.csdn.net/68230044a5baf817cf4af7cf.html and http://www.createh5.com/post/277.html.)
 * - WeCom 群机器人: no signature; the `key` in `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`
 *   is the secret. Body `{msgtype:'markdown', markdown:{content}}`, content ≤ 4096 bytes
 *   (https://developer.work.weixin.qq.com/document/path/99398).
 *
 * Secrets stay local: the settings row key contains "webhook" (the backup excludes such keys),
 * nothing here logs, and every error text goes through `redact` before it is stored or shown.
 */
import { z } from 'zod';

export const CHANNELS = ['dingtalk', 'feishu', 'wecom'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Settings rows (the backup helper skips every settings key containing "webhook"). */
export const WEBHOOKS_KEY = 'webhooks';
export const WEBHOOK_STATUS_KEY = 'webhookStatus';
export const WEBHOOK_DAILY_KEY = 'webhookDaily';
export const WEBHOOK_P0_STATE_KEY = 'webhookP0State';

export const CHANNEL_HOSTS: Record<Channel, string> = {
  dingtalk: 'oapi.dingtalk.com',
  feishu: 'open.feishu.cn',
  wecom: 'qyapi.weixin.qq.com',
};
/** Origin patterns of `optional_host_permissions`, requested when the user enables a channel. */
export const hostPattern = (c: Channel): string => `https://${CHANNEL_HOSTS[c]}/*`;

export const CHANNEL_LABELS: Record<Channel, { zh: string; en: string }> = {
  dingtalk: { zh: '钉钉机器人', en: 'DingTalk robot' },
  feishu: { zh: '飞书机器人', en: 'Feishu bot' },
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
};

/** Channels with a signing secret (WeCom has none: its key is in the URL). */
export const SIGNED: Record<Channel, boolean> = { dingtalk: true, feishu: true, wecom: false };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const ChannelConfigSchema = z.object({
  enabled: z.boolean().default(false),
  /** Full webhook URL (token / key inside). */
  url: z.string().max(1000).default(''),
  /** DingTalk SEC… secret / Feishu signing secret; unused for WeCom. */
  secret: z.string().max(200).default(''),
  sendDaily: z.boolean().default(false),
  /** Asia/Shanghai time of the daily report, HH:MM. */
  dailyTime: z.string().regex(TIME).default('09:30'),
  sendP0: z.boolean().default(true),
  /** When the channel was enabled: P0 findings last changed before it are not sent. */
  enabledAt: z.number().default(0),
});
export type ChannelConfig = z.infer<typeof ChannelConfigSchema>;

export const WebhooksSchema = z.object({
  dingtalk: ChannelConfigSchema.prefault({}),
  feishu: ChannelConfigSchema.prefault({}),
  wecom: ChannelConfigSchema.prefault({}),
});
export type Webhooks = z.infer<typeof WebhooksSchema>;
export const DEFAULT_WEBHOOKS: Webhooks = WebhooksSchema.parse({});

/** A corrupt row falls back to defaults (everything off) rather than breaking the options page. */
export function parseWebhooks(v: unknown): Webhooks {
  const r = WebhooksSchema.safeParse(v ?? {});
  return r.success ? r.data : DEFAULT_WEBHOOKS;
}

export const StatusSchema = z.object({
  at: z.number(),
  ok: z.boolean(),
  kind: z.enum(['test', 'p0', 'daily']),
  /** Already redacted. */
  message: z.string(),
});
export type ChannelStatus = z.infer<typeof StatusSchema>;
export function parseStatus(v: unknown): Partial<Record<Channel, ChannelStatus>> {
  const out: Partial<Record<Channel, ChannelStatus>> = {};
  if (!v || typeof v !== 'object') return out;
  for (const c of CHANNELS) {
    const r = StatusSchema.safeParse((v as Record<string, unknown>)[c]);
    if (r.success) out[c] = r.data;
  }
  return out;
}

export interface Text {
  zh: string;
  en: string;
}

/**
 * Accept what the robot page shows (the full webhook address) or just the token / key, and
 * return the canonical https URL on the platform's own host. Anything else is refused: the
 * extension may only reach the three hosts of its optional host permissions.
 */
export function normalizeUrl(channel: Channel, input: string): { ok: true; url: string } | { ok: false; error: Text } {
  const raw = input.trim();
  if (!raw) return { ok: false, error: { zh: '请填写 Webhook 地址', en: 'Enter the webhook address' } };
  const bare = /^[A-Za-z0-9_-]{8,200}$/.test(raw);
  const host = CHANNEL_HOSTS[channel];
  if (bare) {
    if (channel === 'dingtalk') return { ok: true, url: `https://${host}/robot/send?access_token=${raw}` };
    if (channel === 'feishu') return { ok: true, url: `https://${host}/open-apis/bot/v2/hook/${raw}` };
    return { ok: true, url: `https://${host}/cgi-bin/webhook/send?key=${raw}` };
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, error: { zh: '不是有效的网址', en: 'Not a valid URL' } };
  }
  if (u.protocol !== 'https:' || u.hostname !== host || u.port !== '' || u.username || u.password) {
    return {
      ok: false,
      error: { zh: `地址必须以 https://${host}/ 开头`, en: `The address must start with https://${host}/` },
    };
  }
  const token =
    channel === 'dingtalk'
      ? u.pathname === '/robot/send' && u.searchParams.get('access_token')
      : channel === 'feishu'
        ? /^\/open-apis\/bot\/v2\/hook\/[A-Za-z0-9_-]+$/.test(u.pathname) && u.pathname
        : u.pathname === '/cgi-bin/webhook/send' && u.searchParams.get('key');
  if (!token) {
    const where: Record<Channel, Text> = {
      dingtalk: { zh: '缺少 access_token（地址形如 …/robot/send?access_token=…）', en: 'access_token missing (…/robot/send?access_token=…)' },
      feishu: { zh: '地址形如 …/open-apis/bot/v2/hook/…', en: 'The address looks like …/open-apis/bot/v2/hook/…' },
      wecom: { zh: '缺少 key（地址形如 …/cgi-bin/webhook/send?key=…）', en: 'key missing (…/cgi-bin/webhook/send?key=…)' },
    };
    return { ok: false, error: where[channel] };
  }
  // Keep only what the platform needs: no stray parameters (a pasted timestamp/sign would be stale).
  if (channel === 'dingtalk') return { ok: true, url: `https://${host}/robot/send?access_token=${encodeURIComponent(String(token))}` };
  if (channel === 'wecom') return { ok: true, url: `https://${host}/cgi-bin/webhook/send?key=${encodeURIComponent(String(token))}` };
  return { ok: true, url: `https://${host}${u.pathname}` };
}

/** The secret parts of a channel's settings: token / key in the URL, the signing secret. */
export function secretsOf(cfg: Pick<ChannelConfig, 'url' | 'secret'>): string[] {
  const out: string[] = [];
  if (cfg.secret) out.push(cfg.secret);
  try {
    const u = new URL(cfg.url);
    for (const k of ['access_token', 'key']) {
      const v = u.searchParams.get(k);
      if (v) out.push(v, encodeURIComponent(v));
    }
    const hook = /\/hook\/([^/?#]+)/.exec(u.pathname)?.[1];
    if (hook) out.push(hook);
  } catch {
    /* not a URL: nothing else to hide */
  }
  return out.filter((s) => s.length >= 4);
}

/**
 * Replace every known secret value, and anything that looks like one (access_token=, key=, sign=,
 * secret=, /hook/<token>, SEC… strings), with ***.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
  return out
    .replace(/((?:access_token|key|sign|secret|token)=)[^&\s"'#]+/gi, '$1***')
    .replace(/(\/hook\/)[^/?#\s"']+/g, '$1***')
    .replace(/\bSEC[0-9a-f]{16,}\b/gi, '***')
    .replace(/("(?:sign|secret|token|key)"\s*:\s*")[^"]*"/gi, '$1***"');
}

/** Mask for display: keep the last 4 characters, e.g. "••••••3f0a". */
export function mask(secret: string): string {
  if (!secret) return '';
  return `••••••${secret.length > 8 ? secret.slice(-4) : ''}`;
}

/** The URL with its token / key masked (options page after saving). */
export function maskUrl(url: string): string {
  let out = url;
  for (const s of secretsOf({ url, secret: '' })) out = out.split(s).join(mask(s));
  return out;
}

// ---- signatures ----------------------------------------------------------------------------

const enc = new TextEncoder();

async function hmacSha256(key: string, msg: string): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, enc.encode(msg)));
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** DingTalk 加签: urlEncode(base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret))). */
export async function dingtalkSign(secret: string, timestampMs: number): Promise<string> {
  return encodeURIComponent(base64(await hmacSha256(secret, `${timestampMs}\n${secret}`)));
}

/** Feishu 签名校验: base64(HmacSHA256(key = timestamp + "\n" + secret, msg = "")). */
export async function feishuSign(secret: string, timestampSec: number): Promise<string> {
  return base64(await hmacSha256(`${timestampSec}\n${secret}`, ''));
}

// ---- messages ------------------------------------------------------------------------------

export interface WebhookMessage {
  /** Short title (DingTalk markdown title, first line elsewhere). */
  title: string;
  /** Markdown body (DingTalk / WeCom); Feishu gets it as plain text. */
  markdown: string;
}

/** WeCom: markdown content at most 4096 bytes; DingTalk accepts more, 18 000 keeps clear of its 20 000. */
const MAX_BYTES: Record<Channel, number> = { dingtalk: 18_000, feishu: 18_000, wecom: 4_000 };

/** Cut text to a UTF-8 byte budget on a line (or character) boundary, marking the cut. */
export function fitBytes(text: string, maxBytes: number): string {
  if (enc.encode(text).length <= maxBytes) return text;
  const tail = '\n…';
  const budget = maxBytes - enc.encode(tail).length;
  let out = '';
  let used = 0;
  for (const line of text.split('\n')) {
    const piece = out ? `\n${line}` : line;
    const n = enc.encode(piece).length;
    if (used + n > budget) {
      if (!out) {
        for (const ch of line) {
          const c = enc.encode(ch).length;
          if (used + c > budget) break;
          out += ch;
          used += c;
        }
      }
      break;
    }
    out += piece;
    used += n;
  }
  return out + tail;
}

/** Markdown → plain text for Feishu's text message (headings, bold, quotes, links unwrapped). */
export function markdownToPlain(md: string): string {
  return md
    .split('\n')
    .map((l) =>
      l
        .replace(/^#{1,6}\s+/, '')
        .replace(/^>\s?/, '')
        .replace(/\*\*(.+?)\*\*/g, '$1')
        .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 $2'),
    )
    .join('\n');
}

export interface BuiltRequest {
  url: string;
  body: string;
}

/** URL and JSON body of one message, signed with `now`. */
export async function buildRequest(channel: Channel, cfg: Pick<ChannelConfig, 'url' | 'secret'>, msg: WebhookMessage, now = Date.now()): Promise<BuiltRequest> {
  const norm = normalizeUrl(channel, cfg.url);
  if (!norm.ok) throw new WebhookError(norm.error);
  const title = msg.title.slice(0, 100);
  if (channel === 'dingtalk') {
    const text = fitBytes(msg.markdown, MAX_BYTES.dingtalk);
    let url = norm.url;
    if (cfg.secret) url += `&timestamp=${now}&sign=${await dingtalkSign(cfg.secret, now)}`;
    return { url, body: JSON.stringify({ msgtype: 'markdown', markdown: { title, text } }) };
  }
  if (channel === 'feishu') {
    const text = fitBytes(markdownToPlain(msg.markdown), MAX_BYTES.feishu);
    const body: Record<string, unknown> = { msg_type: 'text', content: { text } };
    if (cfg.secret) {
      const ts = Math.floor(now / 1000);
      body.timestamp = String(ts);
      body.sign = await feishuSign(cfg.secret, ts);
    }
    return { url: norm.url, body: JSON.stringify(body) };
  }
  return { url: norm.url, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: fitBytes(msg.markdown, MAX_BYTES.wecom) } }) };
}

export class WebhookError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** Read the platform's answer: DingTalk/WeCom `{errcode:0}`, Feishu `{code:0}` (older `{StatusCode:0}`). */
export function readResponse(channel: Channel, status: number, bodyText: string): { ok: boolean; detail: string } {
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    json = null;
  }
  if (status < 200 || status >= 300) return { ok: false, detail: `HTTP ${status}${json ? ` ${bodyText.slice(0, 200)}` : ''}` };
  if (!json || typeof json !== 'object') return { ok: false, detail: `HTTP ${status}: ${bodyText.slice(0, 120) || 'empty body'}` };
  const code = channel === 'feishu' ? (json.code ?? json.StatusCode) : json.errcode;
  const msg = channel === 'feishu' ? (json.msg ?? json.StatusMessage) : json.errmsg;
  if (code === 0) return { ok: true, detail: 'ok' };
  return { ok: false, detail: `${String(code ?? '?')} ${String(msg ?? '').slice(0, 200)}`.trim() };
}

export interface SendResult {
  ok: boolean;
  /** Redacted, in the user's language. */
  message: string;
}

/**
 * Send one message; never throws. Errors (network, platform codes) are redacted: neither the
 * token / key nor the secret can end up in the status shown or stored.
 */
export async function sendWebhook(
  channel: Channel,
  cfg: Pick<ChannelConfig, 'url' | 'secret'>,
  msg: WebhookMessage,
  opts: { fetch: typeof fetch; now?: number; lang?: 'zh' | 'en' },
): Promise<SendResult> {
  const lang = opts.lang ?? 'zh';
  const secrets = secretsOf(cfg);
  try {
    const req = await buildRequest(channel, cfg, msg, opts.now ?? Date.now());
    const res = await opts.fetch(req.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: req.body,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
    const r = readResponse(channel, res.status, await res.text());
    const detail = redact(r.detail, secrets);
    return { ok: r.ok, message: r.ok ? (lang === 'zh' ? '发送成功' : 'Sent') : `${lang === 'zh' ? '平台拒绝' : 'Rejected'}: ${detail}` };
  } catch (e) {
    if (e instanceof WebhookError) return { ok: false, message: e.text[lang] };
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, message: `${lang === 'zh' ? '发送失败' : 'Send failed'}: ${redact(text, secrets)}` };
  }
}

// ---- schedule ------------------------------------------------------------------------------

/** Whether the daily report of a channel is due at `now` (Asia/Shanghai clock), given the date last sent. */
export function dailyDue(cfg: Pick<ChannelConfig, 'enabled' | 'sendDaily' | 'dailyTime' | 'url'>, lastSentDate: string | undefined, now: number): boolean {
  if (!cfg.enabled || !cfg.sendDaily || !cfg.url) return false;
  const local = new Date(now + 8 * 3600 * 1000);
  const today = local.toISOString().slice(0, 10);
  if (lastSentDate === today) return false;
  const hhmm = local.toISOString().slice(11, 16);
  return hhmm >= cfg.dailyTime;
}
