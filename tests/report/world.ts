/** A small hand-made shop for the report tests: every expected number is computed by hand in the tests. */
import { addDays } from '@/lib/series/dates';
import type { OpsRadarDB } from '@/lib/db/database';
import type { Fact } from '@/lib/schema/fact';
import type { Finding } from '@/lib/schema/finding';
import type { JournalEntry } from '@/lib/schema/journal';
import type { Task } from '@/lib/schema/task';

export const S = '106033221';
export const D = '2026-09-16';
export const EVIL = '<img src=x onerror=alert(1)>';

let seq = 0;
export function fact(kind: Fact['entityKind'], id: string, date: string, values: Record<string, number>, name?: string): Fact {
  const dims = { device: '0' };
  return {
    id: `${S}|${kind}|${id}|day|${date}|device=0|${seq++}`,
    shopId: S,
    entityKind: kind,
    entityId: id,
    ...(name ? { entityName: name } : {}),
    grain: 'day',
    date,
    dims,
    values,
    source: { adapter: 'test', route: 'test' },
    capturedAt: 1,
    updatedAt: 1,
  };
}

function finding(
  ruleId: string,
  area: Finding['area'],
  severity: Finding['severity'],
  status: Finding['status'],
  title: string,
  entity: Finding['entity'],
): Finding {
  return {
    id: `${ruleId}|${S}|${entity.kind}|${entity.id}`,
    ruleId,
    shopId: S,
    area,
    status,
    severity,
    entity,
    period: { from: D, to: D },
    title: { zh: title, en: `${title} (en)` },
    detail: { zh: `${title} 的详情`, en: 'detail' },
    suggestion: { zh: `处理 ${title}`, en: 'fix it' },
    evidence: [],
    thresholds: {},
    thresholdsAreDefaults: true,
    fingerprint: 'f',
    firstSeenAt: 1,
    updatedAt: 1,
  };
}

export function entry(p: Partial<JournalEntry> & Pick<JournalEntry, 'id' | 'date' | 'kind' | 'entity' | 'metric'>): JournalEntry {
  return { shopId: S, windowDays: 7, note: '', createdAt: 1, updatedAt: 1, ...p };
}

/**
 * Shop days k = 0…13 ending on D: payAmt 1000 + 10k, uv 500 (D: 400, D-10: missing), buyers 20 (D: 16);
 * last year D-364: payAmt 565. Items 601 (title with HTML) and 602 on D-1 and D.
 */
export async function seedWorld(db: OpsRadarDB): Promise<void> {
  await db.shops.put({ id: S, title: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 2 });
  const facts: Fact[] = [];
  for (let k = 0; k < 14; k++) {
    const d = addDays(D, k - 13);
    const v: Record<string, number> = { payAmt: 1000 + 10 * k, payByrCnt: k === 13 ? 16 : 20 };
    if (d !== addDays(D, -10)) v.uv = k === 13 ? 400 : 500;
    facts.push(fact('shop', S, d, v));
  }
  facts.push(fact('shop', S, addDays(D, -364), { payAmt: 565 }));
  facts.push(fact('item', '601', addDays(D, -1), { payAmt: 100, uv: 50 }, EVIL));
  facts.push(fact('item', '601', D, { payAmt: 300, uv: 60 }, EVIL));
  facts.push(fact('item', '602', addDays(D, -1), { payAmt: 500, uv: 80 }, '珊瑚绒毯'));
  facts.push(fact('item', '602', D, { payAmt: 450, uv: 70 }, '珊瑚绒毯'));
  await db.facts.bulkPut(facts);
  await db.findings.bulkPut([
    finding('ads-02-roi-below-breakeven', 'ADS', 'P1', 'fired', '计划投产比低于保本', { kind: 'campaign', id: '300', name: '计划A' }),
    finding('sc-02-hot-item-out-of-stock', 'SC', 'P0', 'fired', `热销断货 ${EVIL}`, { kind: 'item', id: '601', name: EVIL }),
    finding('cnt-04-publishing-cadence', 'CNT', 'P3', 'fired', '发布节奏', { kind: 'shop', id: S }),
    finding('da-01-visitors', 'DA', 'P1', 'ok', '访客正常', { kind: 'shop', id: S }),
  ]);
  await db.journal.bulkPut([
    entry({ id: 'j1', date: D, kind: 'raiseBid', entity: { kind: 'keyword', id: '7001', name: '珊瑚绒毯' }, metric: 'adClicks', note: '出价 +20%' }),
    entry({ id: 'j2', date: addDays(D, -6), kind: 'changeMainImage', entity: { kind: 'item', id: '601', name: EVIL }, metric: 'payRate' }),
    entry({ id: 'j3', date: addDays(D, -30), kind: 'restock', entity: { kind: 'item', id: '602' }, metric: 'payItmCnt' }),
  ]);
  const task = (id: string, status: Task['status'], due?: string): Task => ({
    id,
    shopId: S,
    title: id,
    owner: '',
    status,
    ...(due ? { due } : {}),
    note: '',
    createdAt: 1,
    updatedAt: Date.parse(`${D}T10:00:00+08:00`),
  });
  await db.tasks.bulkPut([task('t1', 'todo', addDays(D, -1)), task('t2', 'doing'), task('t3', 'done'), task('t4', 'dropped')]);
}
