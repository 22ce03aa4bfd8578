/**
 * recordCapture's upsert (lib/db/writes.ts): new ids are added without a read, existing ids are
 * read, merged (newest capture wins per metric) and put — the same rows as read-merge-put.
 */
import { describe, expect, it } from 'vitest';
import type { ProcessResult } from '@/lib/capture/process';
import { OpsRadarDB } from '@/lib/db/database';
import { mergeFact, onFactsWritten, recordCapture } from '@/lib/db/writes';
import { type Fact, factId } from '@/lib/schema/fact';

let seq = 0;
const SHOP = '106033221';

function fact(entityId: string, date: string, values: Record<string, number>, capturedAt: number, entityName?: string): Fact {
  const f = {
    shopId: SHOP,
    entityKind: 'item' as const,
    entityId,
    grain: 'day' as const,
    date,
    dims: { device: '0' },
    values,
    source: { adapter: 'sycm-item', route: 'item-rank', pageUrl: 'https://sycm.taobao.com/cc/item_rank' },
    capturedAt,
    updatedAt: capturedAt,
    ...(entityName ? { entityName } : {}),
  };
  return { ...f, id: factId(f) };
}

const capture = (facts: Fact[]): ProcessResult => ({
  outcome: 'stored',
  adapter: 'sycm-item',
  route: 'item-rank',
  shopId: SHOP,
  shop: { id: SHOP, title: '暖居家纺旗舰店' },
  facts,
  issues: [],
});

/** What read-merge-put (the former write path) stores for these captures, in order. */
function expected(captures: { facts: Fact[]; at: number }[]): Map<string, Fact> {
  const db = new Map<string, Fact>();
  for (const c of captures) {
    const pending = new Map<string, Fact>();
    for (const f of c.facts) {
      const m = mergeFact(pending.get(f.id) ?? db.get(f.id), f, c.at);
      if (m) pending.set(f.id, m);
    }
    for (const [k, v] of pending) db.set(k, v);
  }
  return db;
}

describe('recordCapture upsert', () => {
  it('mixes new and existing ids, duplicate drafts and an older capture like read-merge-put', async () => {
    const db = new OpsRadarDB(`writes-${++seq}`);
    const T = Date.UTC(2026, 5, 10, 2);
    const captures = [
      { facts: [fact('1', '2026-06-01', { uv: 10, payAmt: 5.5 }, T, '甲'), fact('2', '2026-06-01', { uv: 20 }, T)], at: T + 1 },
      {
        facts: [
          fact('1', '2026-06-01', { uv: 11 }, T + 100, '甲改'),
          fact('3', '2026-06-01', { uv: 30 }, T + 100),
          fact('3', '2026-06-01', { pv: 90 }, T + 100),
          fact('2', '2026-06-01', { uv: 20 }, T),
        ],
        at: T + 101,
      },
      // An older capture: fills metrics the stored row lacks, never overwrites newer ones.
      { facts: [fact('1', '2026-06-01', { uv: 9, cartByrCnt: 4 }, T - 100, '旧名'), fact('4', '2026-06-02', { uv: 1 }, T - 100)], at: T + 200 },
    ];
    const outcomes = [];
    const seen: string[][] = [];
    const off = onFactsWritten((fs) => seen.push(fs.map((f) => f.id).sort()));
    for (const c of captures) outcomes.push(await recordCapture(db, capture(c.facts), { url: 'https://sycm.taobao.com/cc/item_rank', at: c.at }));
    off();
    expect(outcomes).toEqual([
      { written: 2, unchanged: 0 },
      { written: 2, unchanged: 1 },
      { written: 2, unchanged: 0 },
    ]);
    const want = expected(captures);
    const got = await db.facts.toArray();
    expect(new Map(got.map((f) => [f.id, f]))).toEqual(want);
    expect(want.get(fact('1', '2026-06-01', {}, 0).id)?.values).toEqual({ uv: 11, payAmt: 5.5, cartByrCnt: 4 });
    expect(seen[1]).toEqual([fact('1', '2026-06-01', {}, 0).id, fact('3', '2026-06-01', {}, 0).id].sort());
    // The same capture again: nothing written, nothing changed.
    const last = captures[2] as { facts: Fact[]; at: number };
    expect(await recordCapture(db, capture(last.facts), { url: 'u', at: T + 300 })).toEqual({ written: 0, unchanged: 2 });
    expect(await db.facts.toArray()).toEqual(got);
    db.close();
  });
});
