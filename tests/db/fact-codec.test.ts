/**
 * The compact storage form of facts (lib/db/fact-codec.ts, Dexie v3): numbers and facts round
 * trip exactly, odd facts are stored as they are, and every Dexie read path (get, bulkGet, index
 * ranges, cursors, modify) hands back the same Fact that was written.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { OpsRadarDB } from '@/lib/db/database';
import { decodeFact, decodeNum, encodeFact, encodeNum } from '@/lib/db/fact-codec';
import { handleCapture } from '@/lib/ingest/handle-capture';
import { type Fact, factId } from '@/lib/schema/fact';
import { captureMsg, fixture, HOME_PAGE, sycmUrl } from '../helpers';

let seq = 0;
const freshDb = () => new OpsRadarDB(`codec-${++seq}`);

async function rawRows(name: string): Promise<Record<string, unknown>[]> {
  const plain = new Dexie(name);
  await plain.open();
  const rows = await plain.table('facts').toArray();
  plain.close();
  return rows;
}

function fact(over: Partial<Fact> = {}): Fact {
  const base = {
    shopId: '106033221',
    entityKind: 'item' as const,
    entityId: '680000000001',
    entityName: '暖居全棉纯棉四件套 床上用品',
    grain: 'day' as const,
    date: '2026-06-01',
    dims: { device: '0' },
    values: { payAmt: 8286.2, uv: 1961, payRate: 0.0999, stayTime: 36.5, ytdPayAmt: 612000 },
    crc: { payAmt: 0.12, uv: -0.05 },
    source: { adapter: 'sycm-item', route: 'item-rank', pageUrl: 'https://sycm.taobao.com/cc/item_rank' },
    capturedAt: 1781056800000,
    updatedAt: 1781056800000,
    ...over,
  };
  return { ...base, id: over.id ?? factId(base) } as Fact;
}

describe('number encoding', () => {
  it('round-trips every kind of number exactly', () => {
    const xs = [
      0,
      1,
      -1,
      7,
      8,
      228,
      8286.2,
      1585.55,
      0.0999,
      -0.1834,
      0.03665,
      36.34,
      1e-7,
      0.1 + 0.2,
      1 / 3,
      Math.PI,
      612000,
      134217727,
      134217728,
      2 ** 40,
      -(2 ** 40),
      1e21,
      5e-324,
    ];
    let seed = 5;
    const r = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 2 - 1;
    };
    for (let i = 0; i < 3000; i++) xs.push(r() * 10 ** Math.floor(r() * 9), Math.round(r() * 1e6) / 100, Math.round(r() * 1e8) / 1e4);
    for (const x of xs) expect(Object.is(decodeNum(encodeNum(x)), x), String(x)).toBe(true);
    for (const x of [-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(Object.is(decodeNum(encodeNum(x)), x), String(x)).toBe(true);
  });

  it('stores short decimals and counts as small integers, not doubles', () => {
    expect(encodeNum(228)).toBe(228 * 8);
    expect(encodeNum(8286.2)).toBe(82862 * 8 + 1);
    expect(encodeNum(-0.1834)).toBe(-(1834 * 8 + 4));
    expect(typeof encodeNum(1 / 3)).toBe('string');
  });
});

describe('fact encoding', () => {
  it('round-trips facts with and without crc, ranges, name, pageUrl, imported', () => {
    const cases: Fact[] = [
      fact(),
      fact({ crc: undefined, entityName: undefined }),
      fact({ ranges: { tradeIndex: [750000, 1000000] }, values: {} }),
      fact({ source: { adapter: 'import', route: 'item-rank', imported: true }, updatedAt: 1781060400123 }),
      fact({ crc: {}, dims: {}, grain: 'live' }),
      fact({ entityKind: 'agent', entityId: '暖居家纺旗舰店:小美', dims: { device: '0', attr: '15' } }),
      fact({ grain: 'range', dims: { end: '2026-06-07', device: '2' } }),
    ];
    for (const f of cases) {
      const row = encodeFact(f);
      expect(row).not.toHaveProperty('values');
      expect(decodeFact(structuredClone(row))).toEqual(f);
      expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(f).length);
    }
  });

  it('keeps grain and dims in the row when the id does not spell them', () => {
    const f = fact({ id: 'custom-id' });
    const row = encodeFact(f);
    expect(row.g).toBe('day');
    expect(row.d).toEqual({ device: '0' });
    expect(decodeFact(row)).toEqual(f);
    const odd = fact({ dims: { note: 'a&b=c' } });
    expect(decodeFact(encodeFact(odd))).toEqual(odd);
    expect(encodeFact(odd).d).toEqual({ note: 'a&b=c' });
  });

  it('stores what it cannot encode losslessly as it is', () => {
    const comma = fact({ values: { 'a,b': 1 } });
    expect(encodeFact(comma)).toBe(comma);
    const extra = { ...fact(), note: 'x' } as unknown as Fact;
    expect(encodeFact(extra)).toBe(extra);
    const badNum = fact({ values: { uv: '12' as unknown as number } });
    expect(encodeFact(badNum)).toBe(badNum);
    // Rows in the old form read back as they are.
    expect(decodeFact(comma)).toBe(comma);
  });
});

describe('facts table through the codec', () => {
  it('writes compact rows and reads facts back through every path', async () => {
    const db = freshDb();
    const facts = [
      fact(),
      fact({ date: '2026-06-02' }),
      fact({ entityId: '680000000002', entityName: '第二件' }),
      fact({ id: 'custom-id', date: '2026-05-31' }),
    ];
    await db.facts.bulkPut(facts);
    const raw = await rawRows(db.name);
    expect(raw).toHaveLength(4);
    for (const r of raw) expect(r.v).toBeInstanceOf(Array);
    const byId = new Map(facts.map((f) => [f.id, f]));
    expect(await db.facts.get(facts[0]?.id as string)).toEqual(facts[0]);
    expect(await db.facts.bulkGet([...byId.keys(), 'missing'])).toEqual([...byId.values(), undefined]);
    const series = await db.facts
      .where('[shopId+entityKind+entityId+date]')
      .between(['106033221', 'item', '680000000001', ''], ['106033221', 'item', '680000000001', '\uffff'])
      .toArray();
    expect(series).toEqual(facts.filter((f) => f.entityId === '680000000001').sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)));
    const day = await db.facts.where('[shopId+date]').equals(['106033221', '2026-06-01']).toArray();
    expect(day.map((f) => f.id).sort()).toEqual(
      facts
        .filter((f) => f.date === '2026-06-01')
        .map((f) => f.id)
        .sort(),
    );
    const seen: Fact[] = [];
    await db.facts.each((f) => {
      seen.push(f);
    });
    expect(seen.sort((a, b) => a.id.localeCompare(b.id))).toEqual([...facts].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.facts.filter((f) => f.values.uv === 1961).count()).toBe(4);
    expect(await db.facts.where('[shopId+date]').between(['106033221', ''], ['106033221', '\uffff']).last()).toEqual(facts[1]);
    // modify and update read decoded facts and write them encoded again.
    await db.facts
      .where('[shopId+date]')
      .equals(['106033221', '2026-06-02'])
      .modify((f) => {
        f.values = { ...f.values, uv: 2000 };
      });
    await db.facts.update(facts[0]?.id as string, { entityName: '改名' });
    expect((await db.facts.get(facts[1]?.id as string))?.values.uv).toBe(2000);
    expect((await db.facts.get(facts[0]?.id as string))?.entityName).toBe('改名');
    for (const r of await rawRows(db.name)) expect(r).not.toHaveProperty('values');
    db.close();
  });

  it('reads rows written in the old form (raw IndexedDB, v1/v2) as they are', async () => {
    const db = freshDb();
    await db.open();
    const old = fact({ date: '2026-06-03' });
    const plain = new Dexie(db.name);
    db.close();
    await plain.open();
    await plain.table('facts').put(old);
    plain.close();
    await db.open();
    expect(await db.facts.get(old.id)).toEqual(old);
    expect(await db.facts.where('[shopId+date]').equals([old.shopId, old.date]).toArray()).toEqual([old]);
    db.close();
  });

  it('stores real captures and reads them back equal to what the adapters produced', async () => {
    const db = freshDb();
    const msg = captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', '2026-06-01'), fixture('sycm-home', 'overview-v3.json'));
    const written: Fact[] = [];
    const { onFactsWritten } = await import('@/lib/db/writes');
    const off = onFactsWritten((fs) => written.push(...fs));
    await handleCapture(db, msg, { url: HOME_PAGE, tabId: 1 }, { now: Date.UTC(2026, 5, 10, 2) });
    off();
    expect(written.length).toBeGreaterThan(0);
    for (const f of written) expect(await db.facts.get(f.id)).toEqual(f);
    const before = await db.facts.toArray();
    // The same capture again changes nothing.
    await handleCapture(db, msg, { url: HOME_PAGE, tabId: 1 }, { now: Date.UTC(2026, 5, 10, 3) });
    expect(await db.facts.toArray()).toEqual(before);
    db.close();
  });
});
