import { addDays } from '../capture/business-date';
import type { OpsRadarDB } from '../db/database';
import type { Finding } from '../schema/finding';
import { getSettings, type Settings } from '../settings';
import { buildContext, DEFAULT_PROFILE } from './context';
import { evaluateWithPersistence } from './noise';
import { RULES } from './registry';
import type { ShopProfile } from './types';

/** How much history the rules read: 28 days of baseline plus room for trend tests. */
export const HISTORY_DAYS = 120;

/** Every fact of the shop in the rules' window (entities included), ending at its latest day. */
export async function loadShopFacts(db: OpsRadarDB, shopId: string) {
  const idx = '[shopId+entityKind+entityId+date]';
  const last = await db.facts.where(idx).between([shopId, 'shop', shopId, ''], [shopId, 'shop', shopId, '\uffff']).last();
  if (!last) return [];
  const from = addDays(last.date, -HISTORY_DAYS);
  const [recent, lastYear] = await Promise.all([
    db.facts.where('[shopId+date]').between([shopId, from], [shopId, '\uffff'], true, true).toArray(),
    // 同比 (DA-10): the shop-level days a year back, aligned by weekday (364) with a margin for 大促 alignment.
    db.facts
      .where(idx)
      .between([shopId, 'shop', shopId, addDays(last.date, -400)], [shopId, 'shop', shopId, addDays(from, -1)], true, true)
      .toArray(),
  ]);
  return [...lastYear, ...recent];
}

export function profileFor(settings: Settings, shopId: string): ShopProfile {
  const p = settings.profiles[shopId] ?? {};
  const out: ShopProfile = { ...DEFAULT_PROFILE, assumed: [] };
  for (const k of ['grossMargin', 'leadTimeDays', 'monthlyTarget', 'attributionDays'] as const) {
    const v = p[k];
    if (v === undefined) out.assumed.push(k);
    else (out as unknown as Record<string, number>)[k] = v;
  }
  return out;
}

/**
 * Evaluate every rule for a shop and store the findings. A finding whose content did not
 * change keeps its timestamps (no repeat of an unchanged finding); findings of rules that no
 * longer produce them are removed.
 */
export async function runRulesForShop(db: OpsRadarDB, shopId: string, now = Date.now()): Promise<{ fired: number; total: number }> {
  const [facts, settings] = await Promise.all([loadShopFacts(db, shopId), getSettings(db)]);
  const ctx = buildContext(shopId, facts, profileFor(settings, shopId));
  if (!ctx) return { fired: 0, total: 0 };
  // §3.10: a non-P0 finding must hold on 2 of the last 3 days (lib/rules/noise.ts).
  const drafts = evaluateWithPersistence(RULES, ctx, settings.thresholds);
  return db.transaction('rw', db.findings, async () => {
    const existing = await db.findings.where('shopId').equals(shopId).toArray();
    const prev = new Map(existing.map((f) => [f.id, f]));
    const next: Finding[] = [];
    for (const d of drafts) {
      const p = prev.get(d.id);
      if (p && p.fingerprint === d.fingerprint) continue;
      next.push({ ...d, firstSeenAt: p && p.status === d.status ? p.firstSeenAt : now, updatedAt: now });
    }
    const keep = new Set(drafts.map((d) => d.id));
    const stale = existing.filter((f) => !keep.has(f.id)).map((f) => f.id);
    if (next.length) await db.findings.bulkPut(next);
    if (stale.length) await db.findings.bulkDelete(stale);
    return { fired: drafts.filter((d) => d.status === 'fired').length, total: drafts.length };
  });
}
