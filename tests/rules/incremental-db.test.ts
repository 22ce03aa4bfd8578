/**
 * The background's rule runs against the database: the first run is full and keeps a state;
 * a capture stored through recordCapture reaches it (onFactsWritten) and the next scheduled run
 * is incremental, storing exactly what a full run over the database would store; a new latest
 * day, deleted findings or a shop merge make the next run full again.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { invalidateRules, runScheduledNow } from '@/entrypoints/background/findings';
import { getDb } from '@/lib/db/database';
import { recordCapture } from '@/lib/db/writes';
import { buildContext } from '@/lib/rules/context';
import { evaluateWithPersistence } from '@/lib/rules/noise';
import { RULES } from '@/lib/rules/registry';
import { loadShopFacts, profileFor } from '@/lib/rules/run';
import type { Fact } from '@/lib/schema/fact';
import { getSettings } from '@/lib/settings';
import { SHOP_A_ID } from './da-helpers';
import { fullWorldFacts, keywordReport, mkWorldFact } from './world-facts';

const FROM = '2026-10-10';
const AS_OF = '2026-11-22';
const TODAY = '2026-11-23';
const WORLD = fullWorldFacts(SHOP_A_ID, FROM, AS_OF, TODAY);

const capture = (facts: Fact[], at: number) =>
  recordCapture(
    getDb(),
    { outcome: 'stored', adapter: 'wanxiang', route: 'bidword', shopId: SHOP_A_ID, shop: null, facts, issues: [] },
    { url: 'https://one.alimama.com/index.html', at },
  );

/**
 * What a full run over the database would find, as the store keys it: id, status, severity and
 * fingerprint (a finding whose fingerprint did not change is not rewritten — §3.10 no repeat).
 */
async function expected() {
  const db = getDb();
  const ctx = buildContext(SHOP_A_ID, await loadShopFacts(db, SHOP_A_ID), profileFor(await getSettings(db), SHOP_A_ID));
  if (!ctx) throw new Error('no context');
  return keyed(evaluateWithPersistence(RULES, ctx));
}

const keyed = (fs: readonly { id: string; status: string; severity: string; fingerprint: string }[]) =>
  fs.map((f) => `${f.id} ${f.status} ${f.severity} ${f.fingerprint}`).sort();

async function stored() {
  return keyed(await getDb().findings.where('shopId').equals(SHOP_A_ID).toArray());
}

describe('background rule runs: full, then incremental after captures', { timeout: 120_000 }, () => {
  beforeEach(async () => {
    invalidateRules();
    await getDb().facts.bulkPut(WORLD);
  }, 120_000);

  it('runs in full first, then incrementally after a keyword report, storing what a full run stores', async () => {
    expect((await runScheduledNow(getDb(), SHOP_A_ID)).incremental).toBe(false);
    const before = await stored();
    expect(before).toEqual(await expected());
    const report = keywordReport(SHOP_A_ID, '2026-11-18', 15, 5).map((f, i) =>
      i % 2 === 0 ? { ...f, values: { ...f.values, adSpend: (f.values.adSpend ?? 0) * 4 + 80, adOrders: 0, adGmv: 0 } } : f,
    );
    const out = await capture(report, 5);
    expect(out.written).toBeGreaterThan(0);
    const r = await runScheduledNow(getDb(), SHOP_A_ID);
    expect(r.incremental).toBe(true);
    const after = await stored();
    expect(after).toEqual(await expected());
    // The capture changed what the keyword rules say: the comparison is not between two unchanged lists.
    expect(after.filter((k) => k.startsWith('ads-')).join()).not.toBe(before.filter((k) => k.startsWith('ads-')).join());
  });

  it('runs in full again after a new latest day, deleted findings, or an invalidation', async () => {
    await runScheduledNow(getDb(), SHOP_A_ID);
    await capture([mkWorldFact(SHOP_A_ID, 'shop', SHOP_A_ID, TODAY, { uv: 900, payAmt: 9000, payByrCnt: 60 }, { device: '0' }, 'day', undefined, 6)], 6);
    expect((await runScheduledNow(getDb(), SHOP_A_ID)).incremental).toBe(false);
    expect(await stored()).toEqual(await expected());

    await getDb().findings.where('shopId').equals(SHOP_A_ID).delete();
    await capture(
      keywordReport(SHOP_A_ID, '2026-11-19', 15, 7).map((f) => ({ ...f, values: { ...f.values, adClicks: (f.values.adClicks ?? 0) + 1 } })),
      7,
    );
    expect((await runScheduledNow(getDb(), SHOP_A_ID)).incremental).toBe(false);
    expect(await stored()).toEqual(await expected());

    await capture(
      keywordReport(SHOP_A_ID, '2026-11-19', 15, 8).map((f) => ({ ...f, values: { ...f.values, adClicks: (f.values.adClicks ?? 0) + 2 } })),
      8,
    );
    expect((await runScheduledNow(getDb(), SHOP_A_ID)).incremental).toBe(true);
    invalidateRules(SHOP_A_ID);
    await capture(
      keywordReport(SHOP_A_ID, '2026-11-19', 15, 9).map((f) => ({ ...f, values: { ...f.values, adClicks: (f.values.adClicks ?? 0) + 3 } })),
      9,
    );
    expect((await runScheduledNow(getDb(), SHOP_A_ID)).incremental).toBe(false);
    expect(await stored()).toEqual(await expected());
  });
});
