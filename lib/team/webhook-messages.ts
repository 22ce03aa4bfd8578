/**
 * What the group robots say: the test message, and the digest of new P0 findings (one message
 * per run and channel). Plain Markdown (the subset DingTalk and WeCom render); finding texts come
 * from our own rules, but entity names come from pages, so Markdown control characters in them
 * are neutralized.
 */
import { AREA_LABELS, type Lang, SEVERITY_LABELS } from '../i18n';
import type { Finding } from '../schema/finding';
import type { WebhookMessage } from './webhooks';

/** Names from pages may carry Markdown/HTML: show them as text. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

const fmtTime = (now: number) => new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

export function testMessage(lang: Lang, now = Date.now()): WebhookMessage {
  const title = lang === 'zh' ? '运营雷达 · 测试消息' : 'OpsRadar · test message';
  const body =
    lang === 'zh'
      ? `这是一条来自运营雷达的测试消息，发送于 ${fmtTime(now)}（北京时间）。\n\n收到它说明机器人地址和签名配置正确。`
      : `A test message from OpsRadar, sent ${fmtTime(now)} (Beijing time).\n\nIf you see it, the robot address and signature are set up correctly.`;
  return { title, markdown: `### ${title}\n\n${body}` };
}

/** Top N findings listed; the rest counted. */
export const P0_TOP = 8;

export function p0Message(findings: readonly Finding[], shopName: string, lang: Lang): WebhookMessage {
  const n = findings.length;
  const title = lang === 'zh' ? `运营雷达 · ${shopName} 新增紧急问题 ${n} 条` : `OpsRadar · ${shopName}: ${n} new urgent issue${n === 1 ? '' : 's'}`;
  const lines = [`### ${mdText(title)}`, ''];
  for (const f of findings.slice(0, P0_TOP)) {
    const sev = SEVERITY_LABELS[f.severity];
    const entity = f.entity.kind !== 'shop' && f.entity.name && !f.title[lang].includes(f.entity.name) ? `（${mdText(f.entity.name)}）` : '';
    lines.push(`- **${sev.icon}${sev[lang]} · ${AREA_LABELS[f.area][lang]}** ${mdText(f.title[lang])}${entity}`);
    if (f.detail[lang]) lines.push(`  ${mdText(f.detail[lang])}`);
    if (f.suggestion[lang]) lines.push(`  ${lang === 'zh' ? '建议' : 'Next'}：${mdText(f.suggestion[lang])}`);
  }
  if (n > P0_TOP) lines.push('', lang === 'zh' ? `…另有 ${n - P0_TOP} 条，请在运营雷达侧边栏查看` : `…and ${n - P0_TOP} more in the OpsRadar side panel`);
  return { title, markdown: lines.join('\n') };
}

/** Wrap a report's Markdown (from lib/report) for the robots. */
export function reportMessage(markdown: string, shopName: string, date: string, lang: Lang): WebhookMessage {
  const title = lang === 'zh' ? `运营雷达 · ${shopName} 日报 ${date}` : `OpsRadar · ${shopName} daily ${date}`;
  return { title, markdown };
}
