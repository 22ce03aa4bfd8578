import { addDays } from '../capture/business-date';
import type { Fact } from '../schema/fact';
import type { Finding } from '../schema/finding';
import type { OpsRadarDB } from './database';

const IDX = '[shopId+entityKind+entityId+date]';

/** Shop-level, closed-day, all-device facts between two dates (inclusive). */
export async function shopDayFacts(db: OpsRadarDB, shopId: string, from: string, to: string): Promise<Fact[]> {
  const rows = await db.facts.where(IDX).between([shopId, 'shop', shopId, from], [shopId, 'shop', shopId, to], true, true).toArray();
  return rows.filter((f) => f.grain === 'day' && (f.dims.device ?? '0') === '0');
}

/** The latest closed day a shop has data for. */
export async function latestDay(db: OpsRadarDB, shopId: string): Promise<string | null> {
  const rows = await db.facts.where(IDX).between([shopId, 'shop', shopId, ''], [shopId, 'shop', shopId, '\uffff']).reverse().limit(20).toArray();
  return rows.find((f) => f.grain === 'day')?.date ?? null;
}

export async function countShopFacts(db: OpsRadarDB, shopId: string): Promise<number> {
  return db.facts.where('[shopId+date]').between([shopId, ''], [shopId, '\uffff']).count();
}

const SEV_ORDER = { P0: 0, P1: 1, P2: 2, P3: 3 } as const;
const STATUS_ORDER = { fired: 0, error: 1, insufficient: 2, 'not-applicable': 3, ok: 4 } as const;

export function sortFindings(list: Finding[]): Finding[] {
  return [...list].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || SEV_ORDER[a.severity] - SEV_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId),
  );
}

export async function shopFindings(db: OpsRadarDB, shopId: string): Promise<Finding[]> {
  return sortFindings(await db.findings.where('shopId').equals(shopId).toArray());
}
