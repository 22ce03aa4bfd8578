/** Ingest faults in the background: storage full mid-capture, and the same capture twice. */
import { beforeEach, describe, expect, it } from 'vitest';
import { OpsRadarDB } from '@/lib/db/database';
import { QUOTA_MESSAGE } from '@/lib/db/writes';
import { handleCapture } from '@/lib/ingest/handle-capture';
import { getSettings } from '@/lib/settings';
import { captureMsg, fixture, HOME_PAGE, sycmUrl } from '../helpers';

let db: OpsRadarDB;
let n = 0;
beforeEach(async () => {
  db = new OpsRadarDB(`test-faults-${++n}`);
  await db.open();
});

const sender = { url: HOME_PAGE, tabId: 9 };
const trend = (date: string) => captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', date), fixture('sycm-home', 'overview-v3.json'));
const table = () => captureMsg(sycmUrl('/portal/coreIndex/new/trend/v3.json', '2026-06-01'), fixture('sycm-home', 'trend-v3-aligned.json'));

async function dump() {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

/** bulkPut writes part of the rows, then the disk is full. */
function fillDiskDuringBulkPut(): void {
  const real = db.facts.bulkPut.bind(db.facts);
  (db.facts as unknown as { bulkPut: (rows: unknown[]) => Promise<unknown> }).bulkPut = async (rows: unknown[]) => {
    await real(rows.slice(0, Math.ceil(rows.length / 2)) as never);
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
}

describe('IndexedDB quota exceeded', () => {
  it('rolls the capture back as a whole, pauses capture and says so in plain words', async () => {
    await handleCapture(db, trend('2026-06-01'), sender);
    const before = await db.facts.toArray();
    expect(before.length).toBeGreaterThan(0);
    fillDiskDuringBulkPut();
    const ack = await handleCapture(db, table(), sender);
    expect(ack).toMatchObject({ outcome: 'storage-full', facts: 0, message: QUOTA_MESSAGE });
    // Nothing corrupted: not one of the half-written rows survived, the earlier rows are intact.
    expect(await db.facts.toArray()).toEqual(before);
    expect((await getSettings(db)).capturePaused).toBe(true);
    expect(await db.settings.get('captureHalt')).toMatchObject({ value: { reason: 'quota', message: QUOTA_MESSAGE } });
    const health = await db.health.get('sycm-home|trend');
    expect(health?.lastIssue?.message).toBe(QUOTA_MESSAGE);
    expect(health?.counts.quota).toBe(1);
    expect(await db.captures.orderBy('seq').last()).toMatchObject({ outcome: 'storage-full', message: QUOTA_MESSAGE, tabId: 9 });
  });

  it('while paused, the background stores nothing more (the flag the popup shows)', async () => {
    fillDiskDuringBulkPut();
    await handleCapture(db, table(), sender);
    const settings = await getSettings(db);
    const ack = await handleCapture(db, trend('2026-06-02'), sender, { paused: settings.capturePaused });
    expect(ack.outcome).toBe('paused');
    expect(await db.facts.count()).toBe(0);
  });

  it('a quota error wrapped by Dexie (inner / failures) is recognised too', async () => {
    const { isQuotaError } = await import('@/lib/db/writes');
    expect(isQuotaError({ name: 'AbortError', inner: new DOMException('x', 'QuotaExceededError') })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: [{ name: 'QuotaExceededError' }] })).toBe(true);
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
  });
});

describe('the same capture twice', () => {
  it('leaves every table but the capture log and the health counters unchanged', async () => {
    await handleCapture(db, trend('2026-06-01'), sender);
    await handleCapture(db, table(), sender);
    const a = await dump();
    await handleCapture(db, { ...table(), capturedAt: Date.UTC(2026, 5, 11) }, sender);
    await handleCapture(db, trend('2026-06-01'), sender);
    const b = await dump();
    for (const name of Object.keys(a)) if (name !== 'captures' && name !== 'health') expect(b[name], name).toEqual(a[name]);
    expect(b.captures?.length).toBe((a.captures?.length ?? 0) + 2);
  });
});
