import { addDays } from '../capture/business-date';
import type { OpsRadarDB } from '../db/database';
import type { Fact } from '../schema/fact';
import type { Finding } from '../schema/finding';
import { getSettings, type Settings } from '../settings';
import { createContextStore, DEFAULT_PROFILE } from './context';
import type { FindingDraft } from './engine';
import { draftsOf, evaluateChanged, evaluateFull, type RulesState } from './incremental';
import { RULES } from './registry';
import type { ShopProfile } from './types';

/** How much history the rules read: 28 days of baseline plus room for trend tests. */
export const HISTORY_DAYS = 120;

/** The loader's window: every fact from `from`, shop-level days from `yearFrom`, ending at `last`. */
export interface LoadWindow {
  last: string;
  from: string;
  yearFrom: string;
}

async function loadWindow(db: OpsRadarDB, shopId: string): Promise<LoadWindow | null> {
  const idx = '[shopId+entityKind+entityId+date]';
  const last = await db.facts.where(idx).between([shopId, 'shop', shopId, ''], [shopId, 'shop', shopId, '\uffff']).last();
  if (!last) return null;
  return { last: last.date, from: addDays(last.date, -HISTORY_DAYS), yearFrom: addDays(last.date, -400) };
}

async function loadWindowFacts(db: OpsRadarDB, shopId: string, w: LoadWindow): Promise<Fact[]> {
  const idx = '[shopId+entityKind+entityId+date]';
  const [recent, lastYear] = await Promise.all([
    db.facts.where('[shopId+date]').between([shopId, w.from], [shopId, '\uffff'], true, true).toArray(),
    // 同比 (DA-10): the shop-level days a year back, aligned by weekday (364) with a margin for 大促 alignment.
    db.facts
      .where(idx)
      .between([shopId, 'shop', shopId, w.yearFrom], [shopId, 'shop', shopId, addDays(w.from, -1)], true, true)
      .toArray(),
  ]);
  return [...lastYear, ...recent];
}

/** Every fact of the shop in the rules' window (entities included), ending at its latest day. */
export async function loadShopFacts(db: OpsRadarDB, shopId: string): Promise<Fact[]> {
  const w = await loadWindow(db, shopId);
  return w ? loadWindowFacts(db, shopId, w) : [];
}

/** Whether the loader would read a fact (same window as loadShopFacts). */
export function inLoadWindow(f: Fact, shopId: string, w: LoadWindow): boolean {
  if (f.shopId !== shopId) return false;
  if (f.date >= w.from) return true;
  return f.entityKind === 'shop' && f.entityId === shopId && f.date >= w.yearFrom;
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

/** Thresholds and the shop's profile: what a cached rule state was computed with. */
const settingsKey = (settings: Settings, shopId: string) => JSON.stringify([settings.thresholds, profileFor(settings, shopId)]);

/**
 * Store a run's findings. A finding whose content did not change keeps its timestamps (no
 * repeat of an unchanged finding); findings of rules that no longer produce them are removed.
 */
async function storeFindings(
  db: OpsRadarDB,
  shopId: string,
  drafts: readonly FindingDraft[],
  now: number,
): Promise<{ fired: number; total: number; ids: string[] }> {
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
    return { fired: drafts.filter((d) => d.status === 'fired').length, total: drafts.length, ids: [...keep].sort() };
  });
}

/**
 * A shop's rule state kept between captures (in the background's memory): the context, each
 * rule's findings and reads (lib/rules/incremental.ts), and what it was computed from.
 */
export interface ShopRules {
  shopId: string;
  state: RulesState;
  window: LoadWindow;
  settingsKey: string;
  /** Ids of the findings the last run stored: another writer (shop data deleted) shows as a difference. */
  findingIds: string[];
  builtAt: number;
}

/** A cached state older than this is rebuilt: a safety net for writes made outside captures. */
export const RULES_STATE_MAX_AGE_MS = 30 * 60 * 1000;

/** Evaluate every rule for a shop and store the findings; returns the state for incremental runs. */
export async function runRulesFull(db: OpsRadarDB, shopId: string, now = Date.now()): Promise<{ fired: number; total: number; rules: ShopRules | null }> {
  const [w, settings] = await Promise.all([loadWindow(db, shopId), getSettings(db)]);
  const store = w ? createContextStore(shopId, await loadWindowFacts(db, shopId, w), profileFor(settings, shopId)) : null;
  if (!w || !store) return { fired: 0, total: 0, rules: null };
  // §3.10: a non-P0 finding must hold on 2 of the last 3 days (lib/rules/noise.ts).
  const state = evaluateFull(store, RULES, settings.thresholds);
  const r = await storeFindings(db, shopId, draftsOf(state), now);
  return { fired: r.fired, total: r.total, rules: { shopId, state, window: w, settingsKey: settingsKey(settings, shopId), findingIds: r.ids, builtAt: now } };
}

/**
 * Evaluate every rule for a shop and store the findings. A finding whose content did not
 * change keeps its timestamps (no repeat of an unchanged finding); findings of rules that no
 * longer produce them are removed.
 */
export async function runRulesForShop(db: OpsRadarDB, shopId: string, now = Date.now()): Promise<{ fired: number; total: number }> {
  const { fired, total } = await runRulesFull(db, shopId, now);
  return { fired, total };
}

/**
 * The run after a capture: the stored facts the capture wrote are applied to the cached state and
 * only the rules that read what changed are evaluated again; the findings are stored as a full
 * run would store them. Returns null when the state cannot be reused — a new latest day (the
 * window moves), other settings, another writer's changes, an old state — and the caller runs in
 * full.
 */
export async function runRulesAfterCapture(
  db: OpsRadarDB,
  cached: ShopRules,
  written: readonly Fact[],
  now = Date.now(),
): Promise<{ fired: number; total: number; rerun: string[] } | null> {
  const { shopId } = cached;
  if (now - cached.builtAt > RULES_STATE_MAX_AGE_MS || now < cached.builtAt) return null;
  const [w, settings, ids] = await Promise.all([loadWindow(db, shopId), getSettings(db), db.findings.where('shopId').equals(shopId).primaryKeys()]);
  if (!w || w.last !== cached.window.last || settingsKey(settings, shopId) !== cached.settingsKey) return null;
  const sorted = (ids as string[]).slice().sort();
  if (sorted.length !== cached.findingIds.length || sorted.some((id, i) => id !== cached.findingIds[i])) return null;
  const facts = written.filter((f) => inLoadWindow(f, shopId, w));
  const r = evaluateChanged(cached.state, facts);
  if (!r) return null;
  const stored = await storeFindings(db, shopId, draftsOf(cached.state), now);
  cached.findingIds = stored.ids;
  return { fired: stored.fired, total: stored.total, rerun: r.rerun };
}
