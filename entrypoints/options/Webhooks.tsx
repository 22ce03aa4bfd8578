import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db/database';
import type { Lang } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import {
  CHANNEL_LABELS,
  CHANNELS,
  type Channel,
  type ChannelConfig,
  hostPattern,
  mask,
  maskUrl,
  normalizeUrl,
  parseStatus,
  parseWebhooks,
  SIGNED,
  WEBHOOK_STATUS_KEY,
  WEBHOOKS_KEY,
  type Webhooks as WebhooksConfig,
} from '@/lib/team/webhooks';

const T = {
  title: { zh: '群机器人推送', en: 'Group robot webhooks' },
  hint: {
    zh: '可选：把 紧急问题（P0）和每日 日报 推送到钉钉、飞书或企业微信群。默认关闭；地址和密钥只保存在本机，不会导出、备份或写入日志。',
    en: 'Optional: push urgent (P0) problems and the daily report to a DingTalk, Feishu or WeCom group. Off by default; addresses and secrets stay on this computer, never exported, backed up or logged.',
  },
  enable: { zh: '启用', en: 'Enabled' },
  url: { zh: 'Webhook 地址', en: 'Webhook address' },
  urlHint: {
    dingtalk: {
      zh: '机器人设置页的地址 https://oapi.dingtalk.com/robot/send?access_token=…（或只填 access_token）',
      en: 'https://oapi.dingtalk.com/robot/send?access_token=… (or the token alone)',
    },
    feishu: { zh: '机器人设置页的地址 https://open.feishu.cn/open-apis/bot/v2/hook/…', en: 'https://open.feishu.cn/open-apis/bot/v2/hook/…' },
    wecom: {
      zh: '机器人设置页的地址 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…（key 即密钥）',
      en: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… (the key is the secret)',
    },
  },
  secret: { zh: '加签密钥', en: 'Signing secret' },
  secretHint: {
    dingtalk: { zh: '安全设置 → 加签，以 SEC 开头', en: 'Security settings → 加签, starts with SEC' },
    feishu: { zh: '安全设置 → 签名校验', en: 'Security settings → signature verification' },
    wecom: { zh: '', en: '' },
  },
  save: { zh: '保存', en: 'Save' },
  replace: { zh: '更换', en: 'Replace' },
  cancel: { zh: '取消', en: 'Cancel' },
  saved: { zh: '已保存', en: 'Saved' },
  sendP0: { zh: '推送新的紧急问题（P0）', en: 'Push new urgent (P0) problems' },
  sendDaily: { zh: '每天推送 日报（昨日）', en: 'Push the daily report (yesterday)' },
  at: { zh: '北京时间', en: 'Beijing time' },
  test: { zh: '发送测试消息', en: 'Send a test message' },
  sending: { zh: '发送中…', en: 'Sending…' },
  denied: { zh: '未获得访问该机器人网址的权限，无法启用。', en: 'Permission to reach the robot host was not granted; not enabled.' },
  needUrl: { zh: '请先保存 Webhook 地址', en: 'Save the webhook address first' },
  last: { zh: '最近一次', en: 'Last' },
  kinds: { test: { zh: '测试', en: 'test' }, p0: { zh: '紧急问题', en: 'P0' }, daily: { zh: '日报', en: 'daily' } },
  none: { zh: '尚未发送', en: 'Nothing sent yet' },
} as const;

async function saveChannel(channel: Channel, patch: Partial<ChannelConfig>): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.settings, async () => {
    const cur = parseWebhooks((await db.settings.get(WEBHOOKS_KEY))?.value);
    const next: WebhooksConfig = { ...cur, [channel]: { ...cur[channel], ...patch } };
    await db.settings.put({ key: WEBHOOKS_KEY, value: next });
  });
}

/** Must run inside the click: Chromium shows its own prompt; resolves true at once when already granted. */
async function requestHost(channel: Channel): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [hostPattern(channel)] });
  } catch {
    return false;
  }
}

const fmtAt = (ms: number) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(5, 16).replace('T', ' ');

function ChannelCard({ channel, cfg, lang, status }: { channel: Channel; cfg: ChannelConfig; lang: Lang; status: ReturnType<typeof parseStatus>[Channel] }) {
  const [editing, setEditing] = useState(!cfg.url);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `wh-${channel}`;

  const save = async () => {
    setError(null);
    setSaveError(null);
    const n = normalizeUrl(channel, url);
    if (!n.ok) {
      setSaveError(n.error[lang]);
      return;
    }
    await saveChannel(channel, { url: n.url, ...(SIGNED[channel] ? { secret: secret.trim() } : {}) });
    setUrl('');
    setSecret('');
    setEditing(false);
    setInfo(T.saved[lang]);
  };

  const toggle = async (on: boolean) => {
    setError(null);
    setSaveError(null);
    setInfo(null);
    if (on) {
      if (!cfg.url) {
        setError(T.needUrl[lang]);
        return;
      }
      if (!(await requestHost(channel))) {
        setError(T.denied[lang]);
        return;
      }
      await saveChannel(channel, { enabled: true, enabledAt: Date.now() });
    } else {
      await saveChannel(channel, { enabled: false });
      try {
        await browser.permissions.remove({ origins: [hostPattern(channel)] });
      } catch {
        /* already gone */
      }
    }
  };

  const test = async () => {
    setError(null);
    setSaveError(null);
    setInfo(null);
    if (!cfg.url) {
      setError(T.needUrl[lang]);
      return;
    }
    if (!(await requestHost(channel))) {
      setError(T.denied[lang]);
      return;
    }
    setBusy(true);
    try {
      const r = await sendMessage('webhookTest', { channel });
      if (!r.ok) setError(r.message);
      else setInfo(r.message);
    } catch (e) {
      setError(e instanceof Error ? e.message.replace(/(token|key|sign|secret)=[^&\s]+/gi, '$1=***') : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card stack webhook-card" data-testid={id}>
      <label className="row">
        <input type="checkbox" data-testid={`${id}-enabled`} checked={cfg.enabled} onChange={(e) => void toggle(e.target.checked)} />
        <strong>{CHANNEL_LABELS[channel][lang]}</strong>
        <span className="muted small">{T.enable[lang]}</span>
      </label>
      {editing ? (
        <div className="form-grid">
          <label htmlFor={`${id}-url`}>{T.url[lang]}</label>
          <div>
            <input
              id={`${id}-url`}
              data-testid={`${id}-url`}
              type="text"
              className="webhook-input"
              autoComplete="off"
              spellCheck={false}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
            <div className="hint">{T.urlHint[channel][lang]}</div>
          </div>
          {SIGNED[channel] ? (
            <>
              <label htmlFor={`${id}-secret`}>{T.secret[lang]}</label>
              <div>
                <input
                  id={`${id}-secret`}
                  data-testid={`${id}-secret`}
                  type="password"
                  className="webhook-input"
                  autoComplete="off"
                  value={secret}
                  onChange={(e) => setSecret(e.target.value)}
                />
                <div className="hint">{T.secretHint[channel][lang]}</div>
              </div>
            </>
          ) : null}
          <span />
          <div className="row">
            <button type="button" className="primary" data-testid={`${id}-save`} onClick={() => void save()}>
              {T.save[lang]}
            </button>
            {cfg.url ? (
              <button
                type="button"
                onClick={() => {
                  setEditing(false);
                  setSaveError(null);
                }}
              >
                {T.cancel[lang]}
              </button>
            ) : null}
            {saveError ? (
              <span className="warn small" role="alert" data-testid={`${id}-error`}>
                {saveError}
              </span>
            ) : null}
          </div>
        </div>
      ) : (
        <div className="form-grid">
          <span>{T.url[lang]}</span>
          <div className="row wrap">
            <code className="webhook-masked" data-testid={`${id}-masked-url`}>
              {maskUrl(cfg.url)}
            </code>
            <button type="button" data-testid={`${id}-replace`} onClick={() => setEditing(true)}>
              {T.replace[lang]}
            </button>
          </div>
          {SIGNED[channel] ? (
            <>
              <span>{T.secret[lang]}</span>
              <code className="webhook-masked" data-testid={`${id}-masked-secret`}>
                {cfg.secret ? mask(cfg.secret) : '—'}
              </code>
            </>
          ) : null}
        </div>
      )}
      <label className="row small">
        <input type="checkbox" data-testid={`${id}-p0`} checked={cfg.sendP0} onChange={(e) => void saveChannel(channel, { sendP0: e.target.checked })} />
        {T.sendP0[lang]}
      </label>
      <div className="row small wrap">
        <label className="row">
          <input
            type="checkbox"
            data-testid={`${id}-daily`}
            checked={cfg.sendDaily}
            onChange={(e) => void saveChannel(channel, { sendDaily: e.target.checked })}
          />
          {T.sendDaily[lang]}
        </label>
        <input
          type="time"
          aria-label={T.at[lang]}
          data-testid={`${id}-time`}
          value={cfg.dailyTime}
          onChange={(e) => {
            if (/^([01]\d|2[0-3]):[0-5]\d$/.test(e.target.value)) void saveChannel(channel, { dailyTime: e.target.value });
          }}
        />
        <span className="muted">{T.at[lang]}</span>
      </div>
      <div className="row wrap">
        <button type="button" data-testid={`${id}-test`} disabled={busy} onClick={() => void test()}>
          {busy ? T.sending[lang] : T.test[lang]}
        </button>
        {error ? (
          <span className="warn small" role="alert" data-testid={`${id}-error`}>
            {error}
          </span>
        ) : info ? (
          <span className="small webhook-ok" data-testid={`${id}-info`}>
            {info}
          </span>
        ) : null}
      </div>
      <div className="small muted" data-testid={`${id}-status`}>
        {status ? `${T.last[lang]}（${T.kinds[status.kind][lang]}，${fmtAt(status.at)}）：${status.ok ? '✓' : '✗'} ${status.message}` : T.none[lang]}
      </div>
    </div>
  );
}

/** Options page section: the three group robots, off by default; secrets shown masked once saved. */
export function Webhooks({ lang }: { lang: Lang }) {
  const rows = useLiveQuery(async () => {
    const db = getDb();
    const [cfg, status] = await Promise.all([db.settings.get(WEBHOOKS_KEY), db.settings.get(WEBHOOK_STATUS_KEY)]);
    return { cfg: parseWebhooks(cfg?.value), status: parseStatus(status?.value) };
  }, []);
  return (
    <section id="webhooks" aria-labelledby="h-webhooks">
      <h2 id="h-webhooks">{T.title[lang]}</h2>
      <p className="muted small">{T.hint[lang]}</p>
      {rows ? CHANNELS.map((c) => <ChannelCard key={c} channel={c} cfg={rows.cfg[c]} lang={lang} status={rows.status[c]} />) : null}
    </section>
  );
}
