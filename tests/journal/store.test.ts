import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/database';
import {
  ACTION_LABELS,
  ACTION_METRICS,
  addEntry,
  defaultMetric,
  deleteEntry,
  ENTITY_METRICS,
  evaluateEntries,
  JournalError,
  listEntries,
  suggestKind,
  updateEntry,
} from '@/lib/journal';
import { metric } from '@/lib/metrics';
import type { Fact } from '@/lib/schema/fact';
import { ACTION_KINDS } from '@/lib/schema/journal';
import { addDays } from '@/lib/series/dates';

const db = getDb();
const S = '106033221';

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.shops.put({ id: S, title: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 });
});

const base = {
  shopId: S,
  date: '2026-09-10',
  kind: 'raiseBid' as const,
  entity: { kind: 'keyword' as const, id: '7001', name: '珊瑚绒毯' },
  metric: 'adClicks',
  windowDays: 7,
};

describe('journal store', () => {
  it('adds, lists newest first, edits, deletes', async () => {
    const a = await addEntry(db, base, 1000);
    const b = await addEntry(
      db,
      { ...base, date: '2026-09-12', kind: 'changeMainImage', entity: { kind: 'item', id: '601' }, metric: 'payRate', note: '白底图' },
      2000,
    );
    expect(a.id).toMatch(/^j-/);
    expect(a.note).toBe('');
    expect((await listEntries(db, S)).map((e) => e.id)).toEqual([b.id, a.id]);
    const edited = await updateEntry(db, a.id, { windowDays: 14, note: '出价 +20%' }, 3000);
    expect(edited).toMatchObject({ windowDays: 14, note: '出价 +20%', createdAt: 1000, updatedAt: 3000, shopId: S });
    await deleteEntry(db, b.id);
    expect((await listEntries(db, S)).map((e) => e.id)).toEqual([a.id]);
  });

  it('refuses bad input with a Chinese + English message and stores nothing', async () => {
    await addEntry(db, base);
    await expect(addEntry(db, { ...base, date: '2026/09/10' })).rejects.toThrow(/操作记录无效：date.*Invalid journal entry/);
    await expect(addEntry(db, { ...base, windowDays: 0 })).rejects.toBeInstanceOf(JournalError);
    await expect(addEntry(db, { ...base, kind: 'bribe' as never })).rejects.toThrow(/kind/);
    await expect(addEntry(db, { ...base, shopId: 'ghost' })).rejects.toThrow(/未知店铺「ghost」.*Unknown shop/);
    await expect(updateEntry(db, 'missing', { note: 'x' })).rejects.toThrow(/找不到这条操作记录/);
    const [only] = await listEntries(db, S);
    await expect(updateEntry(db, only?.id ?? '', { windowDays: 99 })).rejects.toBeInstanceOf(JournalError);
    expect(await db.journal.count()).toBe(1);
    expect((await db.journal.get(only?.id ?? ''))?.windowDays).toBe(7);
  });

  it('evaluates stored entries against stored facts (shop asOf by default)', async () => {
    const facts: Fact[] = [];
    for (let i = -35; i < 10; i++) {
      const d = addDays(base.date, i);
      facts.push({
        id: `k|${d}`,
        shopId: S,
        entityKind: 'keyword',
        entityId: '7001',
        grain: 'day',
        date: d,
        dims: {},
        values: { adClicks: i >= 0 ? 130 : 100 },
        source: { adapter: 't', route: 't' },
        capturedAt: 1,
        updatedAt: 1,
      });
      facts.push({ ...(facts[facts.length - 1] as Fact), id: `s|${d}`, entityKind: 'shop', entityId: S, values: { payAmt: 1 } });
    }
    await db.facts.bulkPut(facts);
    const e = await addEntry(db, base);
    const ev = (await evaluateEntries(db, [e])).get(e.id);
    expect(ev?.verdict).toBe('worked');
    expect(ev?.before.mean).toBe(100);
    expect(ev?.after.mean).toBe(130);
    expect(ev?.adjustedChangePct).toBeCloseTo(Math.exp(Math.log1p(130) - Math.log1p(100)) - 1, 10);
    const pending = (await evaluateEntries(db, [e], { asOf: addDays(base.date, 2) })).get(e.id);
    expect(pending?.verdict).toBe('pending');
    expect(pending?.daysLeft).toBe(4);
  });
});

describe('action kinds and default metrics', () => {
  it('every kind has a Chinese label and every metric id is in the catalog', () => {
    for (const k of ACTION_KINDS) expect(ACTION_LABELS[k].zh.length).toBeGreaterThan(0);
    for (const ids of [...Object.values(ACTION_METRICS), ...Object.values(ENTITY_METRICS)]) for (const id of ids ?? []) expect(metric(id), id).toBeDefined();
  });

  it('defaults fit the entity kind', () => {
    expect(defaultMetric('raiseBid', 'keyword')).toBe('adClicks');
    expect(defaultMetric('changeMainImage', 'item')).toBe('payRate');
    expect(defaultMetric('changeMainImage', 'creative')).toBe('adCtr');
    expect(defaultMetric('changePrice', 'item')).toBe('payRate');
    expect(defaultMetric('joinActivity', 'item')).toBe('payAmt');
    expect(defaultMetric('restock', 'sku')).toBe('payItmCnt');
    expect(defaultMetric('serviceTraining', 'agent')).toBe('wwConsultPayRate');
    expect(defaultMetric('lowerBid', 'campaign')).toBe('adCpc');
    // With data: the first expected metric the entity actually has.
    expect(defaultMetric('raiseBid', 'keyword', new Set(['adSpend', 'adGmv']))).toBe('adSpend');
    expect(defaultMetric('serviceTraining', 'agent', new Set(['customerServiceGmv']))).toBe('customerServiceGmv');
  });

  it('a finding suggests the likely action', () => {
    expect(suggestKind('ads-01-zero-conversion', 'ADS', 'keyword')).toBe('pauseAds');
    expect(suggestKind('ads-06-budget-capped', 'ADS', 'campaign')).toBe('raiseBudget');
    expect(suggestKind('ads-05-cpc-breakeven', 'ADS', 'keyword')).toBe('lowerBid');
    expect(suggestKind('sc-01-stock-cover', 'SC', 'sku')).toBe('restock');
    expect(suggestKind('cs-04-agent-inquiry-conversion', 'CS', 'agent')).toBe('serviceTraining');
    expect(suggestKind('act-05-no-real-uplift', 'ACT', 'shop')).toBe('joinActivity');
    expect(suggestKind('da-01-visitors', 'DA', 'shop')).toBe('other');
  });
});
