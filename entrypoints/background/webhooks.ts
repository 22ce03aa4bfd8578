/**
 * Group-robot webhooks (opt-in, off by default): the 发送测试消息 message, the digest of new P0
 * findings after a rules run (the same "what is new" memory logic as the notification digest,
 * `selectNew`, with its own memory row), and the 日报 at the configured Beijing time (an alarm
 * checks every few minutes; a missed time is caught up the same day).
 *
 * Secrets: read from the `webhooks` settings row only here; nothing is logged; every status
 * stored for the options page is redacted by lib/team/webhooks.
 */
import { addDays, shanghaiDate } from '@/lib/capture/business-date';
import type { OpsRadarDB } from '@/lib/db/database';
import { onMessage } from '@/lib/messaging/protocol';
import { parseNotifyState, selectNew } from '@/lib/notify/digest';
import { buildReport, reportMarkdown } from '@/lib/report';
import { getSettings } from '@/lib/settings';
import { p0Message, reportMessage, testMessage } from '@/lib/team/webhook-messages';
import {
  CHANNELS,
  type Channel,
  type ChannelStatus,
  dailyDue,
  parseStatus,
  parseWebhooks,
  redact,
  secretsOf,
  sendWebhook,
  type SendResult,
  WEBHOOK_DAILY_KEY,
  WEBHOOK_P0_STATE_KEY,
  WEBHOOK_STATUS_KEY,
  WEBHOOKS_KEY,
  type WebhookMessage,
} from '@/lib/team/webhooks';

export const DAILY_ALARM = 'opsradar-webhook-daily';
/** How often the alarm looks whether a daily report is due (minutes). */
export const DAILY_CHECK_MINUTES = 5;
/** Attempts per channel and day before the daily report gives up until tomorrow. */
export const DAILY_ATTEMPTS = 3;

export interface WebhookDeps {
  fetch: typeof fetch;
  now: () => number;
}
const defaultDeps = (): WebhookDeps => ({ fetch: (i, init) => fetch(i, init), now: Date.now });

async function readConfig(db: OpsRadarDB) {
  return parseWebhooks((await db.settings.get(WEBHOOKS_KEY))?.value);
}

async function recordStatus(db: OpsRadarDB, channel: Channel, status: ChannelStatus): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const cur = parseStatus((await db.settings.get(WEBHOOK_STATUS_KEY))?.value);
    await db.settings.put({ key: WEBHOOK_STATUS_KEY, value: { ...cur, [channel]: status } });
  });
}

async function send(db: OpsRadarDB, channel: Channel, msg: WebhookMessage, kind: ChannelStatus['kind'], deps: WebhookDeps): Promise<SendResult> {
  const cfg = (await readConfig(db))[channel];
  const lang = (await getSettings(db)).language;
  const r = await sendWebhook(channel, cfg, msg, { fetch: deps.fetch, now: deps.now(), lang });
  await recordStatus(db, channel, { at: deps.now(), ok: r.ok, kind, message: redact(r.message, secretsOf(cfg)) });
  return r;
}

/** 发送测试消息 (options page): works for a saved channel whether or not it is enabled. */
export async function sendTest(db: OpsRadarDB, channel: Channel, deps = defaultDeps()): Promise<SendResult> {
  const cfg = (await readConfig(db))[channel];
  const lang = (await getSettings(db)).language;
  if (!cfg.url) {
    const r = { ok: false, message: lang === 'zh' ? '请先保存 Webhook 地址' : 'Save the webhook address first' };
    await recordStatus(db, channel, { at: deps.now(), ok: false, kind: 'test', message: r.message });
    return r;
  }
  return send(db, channel, testMessage(lang, deps.now()), 'test', deps);
}

/** Serialize P0 runs: two rules runs finishing together must not both announce the same finding. */
let p0Chain: Promise<unknown> = Promise.resolve();

/**
 * After the rules ran for a shop: send the findings that became fired P0 since the last webhook
 * digest, one message per enabled channel with 紧急问题推送 on. Returns the number sent per channel.
 * Never throws into the rules run.
 */
export function webhooksAfterRules(db: OpsRadarDB, shopId: string, deps = defaultDeps()): Promise<Partial<Record<Channel, number>>> {
  const run = p0Chain.then(() => p0Run(db, shopId, deps)).catch(() => ({}));
  p0Chain = run;
  return run;
}

async function p0Run(db: OpsRadarDB, shopId: string, deps: WebhookDeps): Promise<Partial<Record<Channel, number>>> {
  const cfg = await readConfig(db);
  const channels = CHANNELS.filter((c) => cfg[c].enabled && cfg[c].sendP0 && cfg[c].url);
  if (channels.length === 0) return {};
  const since = Math.min(...channels.map((c) => cfg[c].enabledAt));
  const now = deps.now();
  const [findings, row, shop, settings] = await Promise.all([
    db.findings.where('shopId').equals(shopId).toArray(),
    db.settings.get(WEBHOOK_P0_STATE_KEY),
    db.shops.get(shopId),
    getSettings(db),
  ]);
  // The digest's own memory logic; P1s are remembered too, so a P1 escalating to P0 is news.
  const { items, next } = selectNew(findings, shopId, parseNotifyState(row?.value), { enabled: true, areas: {}, since }, now);
  const p0 = items.filter((f) => f.severity === 'P0');
  const out: Partial<Record<Channel, number>> = {};
  if (p0.length > 0) {
    const msg = p0Message(p0, shop?.title ?? shopId, settings.language);
    let anyOk = false;
    for (const c of channels) {
      const r = await send(db, c, msg, 'p0', deps);
      if (r.ok) {
        out[c] = p0.length;
        anyOk = true;
      }
    }
    // Nothing delivered anywhere: not remembered, the next run tries again.
    if (!anyOk) return out;
  }
  await db.settings.put({ key: WEBHOOK_P0_STATE_KEY, value: next });
  return out;
}

interface DailyMemory {
  [channel: string]: { date: string; attempts: number; done: boolean } | undefined;
}

/** Send the 日报 (yesterday, Beijing calendar) of every shop to each channel that is due. */
export async function sendDailyReports(db: OpsRadarDB, deps = defaultDeps()): Promise<Partial<Record<Channel, number>>> {
  const cfg = await readConfig(db);
  const now = deps.now();
  const today = shanghaiDate(now);
  const memory = ((await db.settings.get(WEBHOOK_DAILY_KEY))?.value ?? {}) as DailyMemory;
  const due = CHANNELS.filter((c) => {
    const m = memory[c];
    const sentToday = m?.date === today && (m.done || m.attempts >= DAILY_ATTEMPTS);
    return dailyDue(cfg[c], sentToday ? today : undefined, now);
  });
  if (due.length === 0) return {};
  const settings = await getSettings(db);
  const lang = settings.language;
  const shops = await db.shops.toArray();
  const date = addDays(today, -1);
  const messages: WebhookMessage[] = [];
  for (const shop of shops) {
    try {
      const report = await buildReport(db, { shopId: shop.id, kind: 'daily', date, lang });
      // Nothing captured for yesterday: an empty 日报 would only say so; not sent.
      if (report.numbers.length > 0) messages.push(reportMessage(reportMarkdown(report), shop.title, date, lang));
    } catch {
      /* a report that cannot be built (unknown shop): none for it */
    }
  }
  const out: Partial<Record<Channel, number>> = {};
  for (const c of due) {
    const prev = memory[c]?.date === today ? (memory[c]?.attempts ?? 0) : 0;
    let sent = 0;
    let failed = false;
    if (messages.length === 0) {
      await recordStatus(db, c, {
        at: now,
        ok: false,
        kind: 'daily',
        message: lang === 'zh' ? `没有 ${date} 的数据，日报未发送` : `No data for ${date}; daily report not sent`,
      });
    }
    for (const m of messages) {
      const r = await send(db, c, m, 'daily', deps);
      if (r.ok) sent++;
      else failed = true;
    }
    out[c] = sent;
    memory[c] = { date: today, attempts: prev + 1, done: !failed };
  }
  await db.settings.put({ key: WEBHOOK_DAILY_KEY, value: memory });
  return out;
}

/** Wire once in the background's main(): the test message and the daily alarm. */
export function registerWebhooks(db: OpsRadarDB): void {
  onMessage('webhookTest', async ({ data }) => {
    if (!(CHANNELS as readonly string[]).includes(data.channel)) return { ok: false, message: 'unknown channel' };
    return sendTest(db, data.channel);
  });
  try {
    const alarms = (browser as { alarms?: typeof browser.alarms }).alarms;
    if (!alarms) return;
    alarms.onAlarm.addListener((a) => {
      if (a.name === DAILY_ALARM) void sendDailyReports(db).catch(() => undefined);
    });
    // Created once: re-creating on every service-worker start would push the first check back each time.
    void Promise.resolve(alarms.get(DAILY_ALARM))
      .then((existing) => (existing ? undefined : alarms.create(DAILY_ALARM, { delayInMinutes: 1, periodInMinutes: DAILY_CHECK_MINUTES })))
      .catch(() => undefined);
  } catch {
    /* a browser without alarms: no daily report, everything else works */
  }
}
