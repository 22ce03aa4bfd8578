import { adapterById } from '../adapters/registry';
import type { HealthRow } from '../db/database';
import type { Lang } from '../i18n';
import { metric } from '../metrics';

/** A route's metric counts as drifted after this many successful captures without it. */
export const DRIFT_AFTER = 3;

export type HealthLevel = 'ok' | 'warn' | 'error' | 'idle';

export interface HealthLine {
  id: string;
  name: string;
  level: HealthLevel;
  text: string;
}

const SKIP_OUTCOMES = ['rejected', 'login', 'platform-error', 'unidentified', 'too-large', 'storage-full'] as const;

/**
 * One capture-health row in plain words, e.g.
 * "生意参谋·首页·核心指标: 字段 self.payAmt.value 不是数字，今日 3 次采集被跳过".
 */
export function healthLine(row: HealthRow, lang: Lang, today: string): HealthLine {
  const a = adapterById(row.adapter);
  const route = a?.routes.find((r) => r.id === row.route) ?? a?.dom?.find((r) => r.id === row.route);
  const name = `${a?.label[lang] ?? row.adapter}·${route?.label[lang] ?? row.route}`;
  const day = row.day?.date === today ? row.day : { ok: 0, skipped: 0 };
  const drifted = Object.entries(row.missing ?? {})
    .filter(([, n]) => n >= DRIFT_AFTER)
    .map(([k]) => (lang === 'zh' ? (metric(k)?.zh ?? k) : (metric(k)?.en ?? k)));
  const lastIssueIsLatest = row.lastIssue && (!row.lastOkAt || row.lastIssue.at >= row.lastOkAt);
  const parts: string[] = [];
  let level: HealthLevel = day.ok + day.skipped === 0 ? 'idle' : 'ok';
  if (day.skipped > 0 || lastIssueIsLatest) {
    level = row.lastOkAt && !lastIssueIsLatest ? 'warn' : 'error';
    if (row.lastIssue)
      // An issue without a field path (storage full, wrong shop…) is a plain sentence.
      parts.push(
        !row.lastIssue.path
          ? row.lastIssue.message
          : lang === 'zh'
            ? `字段 ${row.lastIssue.path} ${row.lastIssue.message}`
            : `field ${row.lastIssue.path}: ${row.lastIssue.message}`,
      );
    if (day.skipped > 0) parts.push(lang === 'zh' ? `今日 ${day.skipped} 次采集被跳过` : `${day.skipped} capture(s) skipped today`);
  }
  if (drifted.length) {
    if (level === 'ok' || level === 'idle') level = 'warn';
    parts.push(lang === 'zh' ? `不再提供：${drifted.join('、')}（页面可能改版）` : `no longer delivers: ${drifted.join(', ')} (page may have changed)`);
  }
  if (parts.length === 0) {
    const total = SKIP_OUTCOMES.reduce((s, o) => s + (row.counts[o] ?? 0), 0);
    parts.push(
      lang === 'zh' ? `今日成功 ${day.ok} 次${total ? `，累计跳过 ${total} 次` : ''}` : `${day.ok} ok today${total ? `, ${total} skipped in all` : ''}`,
    );
  }
  return { id: row.id, name, level, text: lang === 'zh' ? parts.join('，') : parts.join('; ') };
}
