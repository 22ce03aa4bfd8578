import { type Fact, factId } from '../schema/fact';
import type { OpsRadarDB } from './database';
import { mergeFact } from './writes';

/**
 * Move everything of shop `fromId` into shop `toId` (a provisional nick-only shop into the real
 * one, or two records the user says are one shop). Facts are re-keyed and merged per metric
 * (newest capture wins); the source shop's findings are dropped (the rules re-run), its log
 * lines re-pointed. One transaction: all or nothing.
 */
export async function mergeShops(db: OpsRadarDB, fromId: string, toId: string, now = Date.now()): Promise<{ moved: number }> {
  if (fromId === toId) return { moved: 0 };
  return db.transaction('rw', [db.facts, db.shops, db.findings, db.captures], async () => {
    const target = await db.shops.get(toId);
    if (!target) throw new Error(`unknown shop ${toId}`);
    const facts = await db.facts.where('[shopId+date]').between([fromId, ''], [fromId, '\uffff']).toArray();
    const moved: Fact[] = facts.map((f) => {
      const g = { ...f, shopId: toId, entityId: f.entityKind === 'shop' && f.entityId === fromId ? toId : f.entityId };
      return { ...g, id: factId(g) };
    });
    const existing = await db.facts.bulkGet(moved.map((f) => f.id));
    const out: Fact[] = [];
    moved.forEach((f, i) => {
      const m = mergeFact(existing[i], f, now);
      if (m) out.push(m);
    });
    await db.facts.bulkPut(out);
    await db.facts.bulkDelete(facts.map((f) => f.id));
    await db.findings.where('shopId').equals(fromId).delete();
    await db.captures.where('shopId').equals(fromId).modify({ shopId: toId });
    const from = await db.shops.get(fromId);
    await db.shops.delete(fromId);
    await db.shops.put({ ...target, firstSeenAt: Math.min(target.firstSeenAt, from?.firstSeenAt ?? target.firstSeenAt) });
    return { moved: facts.length };
  });
}

/** After a real shop is stored: fold in the provisional shop with the same main nick, if any. */
export async function absorbProvisional(db: OpsRadarDB, shopId: string): Promise<boolean> {
  const shop = await db.shops.get(shopId);
  if (!shop || shop.provisional || !shop.mainUserName) return false;
  const prov = await db.shops.get(`nick:${shop.mainUserName}`);
  if (!prov) return false;
  await mergeShops(db, prov.id, shopId);
  return true;
}
