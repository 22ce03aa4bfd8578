/**
 * Annotation data for the entities one page shows, read from Dexie in the background (content
 * scripts never open IndexedDB). One indexed range read per entity; findings once per shop.
 */
import type { OpsRadarDB } from '../db/database';
import { latestDay, shopDayFacts } from '../db/queries';
import { metric } from '../metrics';
import { RULES } from '../rules/registry';
import type { EntityKind, Fact } from '../schema/fact';
import type { Finding } from '../schema/finding';
import { addDays } from '../capture/business-date';
import { type RuleInfo, badgesFrom } from './badges';
import { adAnnotation, adSums, byDate, itemHistory, kpiAnnotation, rankAgents } from './compute';
import { type AnchorRef, type Annotation, type AnnotationRequest, refKey } from './types';

const IDX = '[shopId+entityKind+entityId+date]';
const MAX_ENTITIES = 500;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Rule metadata by id (badge field, area, catalogue ref). */
const RULE_INFO = new Map<string, RuleInfo>(
  RULES.map((r) => [r.meta.id, { area: r.meta.area, ref: r.meta.ref, badge: r.meta.badge }]),
);
const ruleInfo = (id: string) => RULE_INFO.get(id);

async function entityFacts(db: OpsRadarDB, shopId: string, kind: EntityKind, id: string, from: string, to: string): Promise<Fact[]> {
  return db.facts.where(IDX).between([shopId, kind, id, from], [shopId, kind, id, to], true, true).toArray();
}

export interface ShopSettings {
  grossMargin: number | undefined;
  attributionDays: number | undefined;
}

/** Fired findings of the shop, grouped by the item / ad entity they are about (SKUs under their item). */
async function findingsByEntity(db: OpsRadarDB, shopId: string): Promise<Map<string, Finding[]>> {
  const all = (await db.findings.where('shopId').equals(shopId).toArray()).filter((f) => f.status === 'fired');
  const out = new Map<string, Finding[]>();
  const add = (key: string, f: Finding) => {
    const l = out.get(key);
    if (l) l.push(f);
    else out.set(key, [f]);
  };
  const skuFindings = all.filter((f) => f.entity.kind === 'sku');
  // A SKU's item comes from its facts (dims.itemId); one small read per distinct SKU.
  const skuItem = new Map<string, string>();
  await Promise.all(
    [...new Set(skuFindings.map((f) => f.entity.id))].map(async (sku) => {
      const f = await db.facts.where(IDX).between([shopId, 'sku', sku, ''], [shopId, 'sku', sku, '\uffff']).last();
      if (f?.dims.itemId) skuItem.set(sku, f.dims.itemId);
    }),
  );
  for (const f of all) {
    if (f.entity.kind === 'sku') {
      const item = skuItem.get(f.entity.id);
      if (item) add(`item|${item}`, f);
    } else add(`${f.entity.kind}|${f.entity.id}`, f);
  }
  return out;
}

export async function annotationData(db: OpsRadarDB, shopId: string, req: AnnotationRequest, profile: ShopSettings): Promise<Record<string, Annotation>> {
  const out: Record<string, Annotation> = {};
  const entities = req.entities.slice(0, MAX_ENTITIES);
  const latest = await latestDay(db, shopId);
  const date = req.date && ISO.test(req.date) ? req.date : latest;
  if (!date) return out;

  if (req.family === 'sycm-home') {
    const facts = await shopDayFacts(db, shopId, addDays(date, -80), date);
    const days = byDate(facts);
    for (const e of entities) {
      if (e.kind !== 'shop') continue;
      out[refKey(e)] = kpiAnnotation(e.id, metric(e.id)?.unit ?? 'count', days, date);
    }
    return out;
  }

  if (req.family === 'sycm-item') {
    const findings = await findingsByEntity(db, shopId);
    const to = latest && latest > date ? latest : date;
    await Promise.all(
      entities
        .filter((e) => e.kind === 'item')
        .map(async (e) => {
          const days = byDate(await entityFacts(db, shopId, 'item', e.id, addDays(to, -120), to));
          out[refKey(e)] = { type: 'item', badges: badgesFrom(findings.get(`item|${e.id}`) ?? [], ruleInfo, 'item'), history: itemHistory(days) };
        }),
    );
    return out;
  }

  if (req.family === 'wanxiang' || req.family === 'zhitongche') {
    const findings = await findingsByEntity(db, shopId);
    const attr = req.attr ?? String(profile.attributionDays ?? 15);
    const win = { from: addDays(date, -6), to: date, days: 7 };
    const sums = new Map<string, { ref: AnchorRef; s: ReturnType<typeof adSums> }>();
    await Promise.all(
      entities.map(async (e) => {
        const days = byDate(await entityFacts(db, shopId, e.kind, e.id, win.from, win.to), attr);
        sums.set(refKey(e), { ref: e, s: adSums(days, win.from, win.to) });
      }),
    );
    // The plan / scene baseline of CTR: rows of the same kind on this page, impression-weighted.
    const peer = new Map<string, { c: number; i: number }>();
    for (const { ref, s } of sums.values()) {
      const p = peer.get(ref.kind) ?? { c: 0, i: 0 };
      p.c += s.clicks;
      p.i += s.imps;
      peer.set(ref.kind, p);
    }
    const margin = { value: profile.grossMargin && profile.grossMargin > 0 ? profile.grossMargin : 0.4, assumed: !(profile.grossMargin && profile.grossMargin > 0) };
    for (const [key, { ref, s }] of sums) {
      if (s.spend === 0 && s.imps === 0 && !findings.has(key)) continue;
      const p = peer.get(ref.kind);
      const peerCtr = p && p.i > 0 && sums.size >= 3 ? p.c / p.i : null;
      out[key] = adAnnotation(s, win, margin, peerCtr, badgesFrom(findings.get(key) ?? [], ruleInfo, 'ad'), ref.kind === 'keyword');
    }
    return out;
  }

  if (req.family === 'sycm-service') {
    const win = { from: addDays(date, -6), to: date };
    // All the shop's agents in the window (the ranking is among the team, not the visible rows).
    const facts = (await db.facts.where('[shopId+date]').between([shopId, win.from], [shopId, win.to], true, true).toArray()).filter(
      (f) => f.entityKind === 'agent',
    );
    const byAgent = new Map<string, Fact[]>();
    for (const f of facts) {
      const l = byAgent.get(f.entityId);
      if (l) l.push(f);
      else byAgent.set(f.entityId, [f]);
    }
    const rows = new Map<string, { inquiries: number; rate: number | null }>();
    for (const [id, list] of byAgent) {
      let inq = 0;
      let paid = 0;
      let any = false;
      for (const v of byDate(list).values()) {
        const n = v.wwwConsultUv ?? v.consultUserCnt;
        const r = v.wwConsultPayRate ?? v.consultFinalPayRate;
        if (typeof n !== 'number' || typeof r !== 'number') continue;
        any = true;
        inq += n;
        paid += n * r;
      }
      rows.set(id, { inquiries: inq, rate: any && inq > 0 ? paid / inq : null });
    }
    const ranks = rankAgents(rows, win);
    for (const e of entities) {
      const a = ranks.get(e.id) ?? (e.alt ? ranks.get(e.alt) : undefined);
      if (a) out[refKey(e)] = a;
    }
    return out;
  }
  return out;
}
