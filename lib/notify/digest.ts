/**
 * The notification digest (opt-in): after the rules run, the findings that became fired P0/P1
 * since the last digest, filtered by the per-area toggles, as ONE notification's title and body.
 * Pure: the background reads the findings and the memory, shows the text, stores the new memory.
 *
 * "Became" = a fired P0/P1 finding not announced yet in its current episode, or escalated
 * (P1 → P0) since. The memory keeps each announced finding's fingerprint and severity until the
 * finding stops being a fired P0/P1 (then a later re-fire is news again); a finding whose content
 * is unchanged is never re-announced, and nothing from before the opt-in is announced.
 */
import type { Lang } from '../i18n';
import { SEVERITY_LABELS } from '../i18n';
import type { Finding, Severity } from '../schema/finding';

export const NOTIFY_STATE_KEY = 'notifyState';
export const DIGEST_ID_PREFIX = 'opsradar-digest';
/** Severities a digest announces. */
export const DIGEST_SEVERITIES: readonly Severity[] = ['P0', 'P1'];
const SEV_RANK: Record<Severity, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

export interface Announced {
  shopId: string;
  severity: Severity;
  fingerprint: string;
  at: number;
}

export interface NotifyState {
  announced: Record<string, Announced>;
  lastDigestAt: number;
}

export const EMPTY_NOTIFY_STATE: NotifyState = { announced: {}, lastDigestAt: 0 };

export interface NotifyPrefs {
  enabled: boolean;
  /** Area → on/off; a missing area is on. */
  areas: Record<string, boolean>;
  /** Opt-in time: findings last changed before it are not news. */
  since: number;
}

export function parseNotifyState(v: unknown): NotifyState {
  if (!v || typeof v !== 'object') return EMPTY_NOTIFY_STATE;
  const o = v as Partial<NotifyState>;
  return {
    announced: o.announced && typeof o.announced === 'object' ? o.announced : {},
    lastDigestAt: typeof o.lastDigestAt === 'number' ? o.lastDigestAt : 0,
  };
}

const isAlert = (f: Finding) => f.status === 'fired' && DIGEST_SEVERITIES.includes(f.severity);

/** Most urgent first, then the newest. */
function byUrgency(a: Finding, b: Finding): number {
  return SEV_RANK[a.severity] - SEV_RANK[b.severity] || b.updatedAt - a.updatedAt || a.id.localeCompare(b.id);
}

/**
 * The news in `findings` (all findings of `shopId`, as stored after a rules run) and the memory
 * to store afterwards. Findings of areas switched off are skipped and not remembered.
 */
export function selectNew(
  findings: readonly Finding[],
  shopId: string,
  state: NotifyState,
  prefs: NotifyPrefs,
  now: number,
): { items: Finding[]; next: NotifyState } {
  const announced: Record<string, Announced> = {};
  // Keep other shops' memory; this shop's is rebuilt from its current findings.
  for (const [id, a] of Object.entries(state.announced)) if (a.shopId !== shopId) announced[id] = a;
  const items: Finding[] = [];
  for (const f of findings) {
    if (f.shopId !== shopId || !isAlert(f)) continue;
    const prev = state.announced[f.id];
    const escalated = prev !== undefined && SEV_RANK[f.severity] < SEV_RANK[prev.severity];
    const news = (prev === undefined || escalated) && f.updatedAt >= prefs.since && prefs.areas[f.area] !== false;
    if (news) {
      items.push(f);
      announced[f.id] = { shopId, severity: f.severity, fingerprint: f.fingerprint, at: now };
    } else if (prev) {
      // Still the same episode: remember the latest content and the highest severity announced.
      announced[f.id] = { ...prev, fingerprint: f.fingerprint, severity: escalated ? f.severity : prev.severity };
    }
  }
  items.sort(byUrgency);
  return { items, next: { announced, lastDigestAt: items.length > 0 ? now : state.lastDigestAt } };
}

const TEXT = {
  title: { zh: (n: number) => `运营雷达 · 新问题 ${n} 条`, en: (n: number) => `OpsRadar · ${n} new issue${n === 1 ? '' : 's'}` },
  more: { zh: (n: number) => `…另有 ${n} 条，点击查看`, en: (n: number) => `…and ${n} more, click to view` },
} as const;

export const DIGEST_TOP = 3;

/** Title and body of the one digest notification: the top 3 titles with their shop names. */
export function digestText(items: readonly Finding[], shopNames: Readonly<Record<string, string>>, lang: Lang): { title: string; message: string } {
  const sorted = [...items].sort(byUrgency);
  const lines = sorted.slice(0, DIGEST_TOP).map((f) => {
    const sev = SEVERITY_LABELS[f.severity];
    const shop = shopNames[f.shopId] ?? f.shopId;
    const entity = f.entity.kind !== 'shop' && f.entity.name && !f.title[lang].includes(f.entity.name) ? `（${f.entity.name}）` : '';
    return `${sev.icon}${sev[lang]} ${shop}${lang === 'zh' ? '：' : ': '}${f.title[lang]}${entity}`;
  });
  if (sorted.length > DIGEST_TOP) lines.push(TEXT.more[lang](sorted.length - DIGEST_TOP));
  return { title: TEXT.title[lang](sorted.length), message: lines.join('\n') };
}
