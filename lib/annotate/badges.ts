/**
 * Which findings become which badge. A rule names its badge with the optional `badge` field of
 * its metadata (RuleMeta.badge); rules that do not say are mapped by area + entity + their
 * catalogue reference (domain-rules.md ids, stable while rule files come and go). A fired finding
 * on the entity with no badge still shows, as the neutral "other" chip.
 */
import type { EntityKind } from '../schema/fact';
import type { Area, Finding } from '../schema/finding';
import { type Badge, BADGE_IDS, type BadgeId, type Text } from './types';

export const BADGES: Record<BadgeId, { label: Text; tone: Badge['tone'] }> = {
  potential: { label: { zh: '潜力款', en: 'Potential' }, tone: 'good' },
  slow: { label: { zh: '滞销', en: 'Slow mover' }, tone: 'warn' },
  stockLow: { label: { zh: '库存告急', en: 'Low stock' }, tone: 'bad' },
  refund: { label: { zh: '退款异常', en: 'Refunds high' }, tone: 'bad' },
  noConv: { label: { zh: '高花费无转化', en: 'Spend, no sales' }, tone: 'bad' },
  lowRoi: { label: { zh: 'ROI低于保本', en: 'ROI < break-even' }, tone: 'bad' },
  lowCtr: { label: { zh: '点击率偏低', en: 'Low CTR' }, tone: 'warn' },
  other: { label: { zh: '诊断', en: 'Finding' }, tone: 'warn' },
};

/** Catalogue reference → badge, per area (used only when the rule's meta has no `badge`). */
const BY_REF: Partial<Record<Area, Record<string, BadgeId>>> = {
  SEL: { 'SEL-01': 'potential', 'SEL-03': 'slow', 'SEL-08': 'stockLow' },
  SC: { 'SC-01': 'stockLow', 'SC-02': 'stockLow', 'SC-03': 'slow', 'SC-09': 'slow', 'SC-07': 'refund' },
  CS: { 'CS-08': 'refund' },
  ADS: { 'ADS-01': 'noConv', 'ADS-02': 'lowRoi', 'ADS-03': 'lowCtr' },
};

/** Which entity kinds a badge may sit on. */
const ITEM_KINDS: ReadonlySet<EntityKind> = new Set(['item', 'sku']);
const AD_KINDS: ReadonlySet<EntityKind> = new Set(['keyword', 'campaign', 'crowd', 'adgroup', 'creative', 'item']);
const ITEM_BADGES: ReadonlySet<BadgeId> = new Set(['potential', 'slow', 'stockLow', 'refund']);
const AD_BADGES: ReadonlySet<BadgeId> = new Set(['noConv', 'lowRoi', 'lowCtr']);

export interface RuleInfo {
  area: Area;
  ref?: string;
  badge?: BadgeId;
}

/** The badge a rule's findings carry, or null (→ "other"). */
export function badgeOfRule(info: RuleInfo | undefined): BadgeId | null {
  if (!info) return null;
  if (info.badge) return info.badge;
  const table = BY_REF[info.area];
  if (!table || !info.ref) return null;
  for (const ref of info.ref.match(/[A-Z]+-\d+/g) ?? []) {
    const b = table[ref];
    if (b) return b;
  }
  return null;
}

/**
 * Badges for one row from the fired findings on it. `scope` = 'item' (商品排行) or 'ad'
 * (report rows): badges of the other family are not shown there. One badge per id, the most
 * severe finding's text on hover; unmapped findings fold into one "other" chip.
 */
export function badgesFrom(findings: readonly Finding[], ruleInfo: (ruleId: string) => RuleInfo | undefined, scope: 'item' | 'ad'): Badge[] {
  const kinds = scope === 'item' ? ITEM_KINDS : AD_KINDS;
  const allowed = scope === 'item' ? ITEM_BADGES : AD_BADGES;
  const sorted = [...findings].filter((f) => f.status === 'fired' && kinds.has(f.entity.kind)).sort((a, b) => a.severity.localeCompare(b.severity));
  const out = new Map<BadgeId, Badge>();
  const others: Finding[] = [];
  for (const f of sorted) {
    const id = badgeOfRule(ruleInfo(f.ruleId) ?? { area: f.area });
    if (!id || !allowed.has(id)) {
      others.push(f);
      continue;
    }
    if (out.has(id)) continue;
    out.set(id, { id, ...BADGES[id], tip: { zh: `${f.title.zh}：${f.detail.zh}`, en: `${f.title.en}: ${f.detail.en}` } });
  }
  // A fixed order (潜力款 滞销 库存告急 退款异常 …): rows read the same way down the table.
  const list = [...out.values()].sort((a, b) => BADGE_IDS.indexOf(a.id) - BADGE_IDS.indexOf(b.id));
  if (others.length) {
    list.push({
      id: 'other',
      ...BADGES.other,
      label: { zh: `诊断 ${others.length}`, en: `${others.length} finding${others.length > 1 ? 's' : ''}` },
      tip: { zh: others.map((f) => f.title.zh).join('\n'), en: others.map((f) => f.title.en).join('\n') },
    });
  }
  return list;
}
