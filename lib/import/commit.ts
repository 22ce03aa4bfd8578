/**
 * Write a previewed import: the same per-metric merge as captures (lib/db/writes.ts `mergeFact`:
 * the newer capture wins per metric). Imported facts carry the file's own time (File.lastModified)
 * as capturedAt, so a live capture made after the file was downloaded still wins, and the download
 * wins over captures older than it. One Dexie transaction per file, with a line in the capture
 * log (outcome `imported`); the merge is recomputed inside the transaction, so a capture that
 * arrived between preview and confirmation is respected.
 */
import { type CaptureLogEntry, LOG_KEEP, type OpsRadarDB } from '../db/database';
import { mergeFact } from '../db/writes';
import type { Fact } from '../schema/fact';
import type { PlannedReport } from './plan';

export interface CommitOutcome {
  file: string;
  written: number;
  unchanged: number;
}

export async function commitReport(db: OpsRadarDB, plan: PlannedReport, now: number): Promise<CommitOutcome> {
  return db.transaction('rw', [db.facts, db.captures, db.shops], async () => {
    const shopId = plan.facts[0]?.shopId ?? null;
    if (!shopId || !(await db.shops.get(shopId))) throw new Error(`unknown shop ${shopId}`);
    const existing = await db.facts.bulkGet(plan.facts.map((f) => f.id));
    const pending = new Map<string, Fact>();
    plan.facts.forEach((f, i) => {
      const m = mergeFact(pending.get(f.id) ?? existing[i], f, now);
      if (m) pending.set(f.id, m);
    });
    const toPut = [...pending.values()];
    if (toPut.length) await db.facts.bulkPut(toPut);
    const entry: CaptureLogEntry = {
      at: now,
      shopId,
      adapter: `import:${plan.report.id}`,
      route: plan.file.slice(0, 200),
      url: `file:${plan.file}`.slice(0, 300),
      outcome: 'imported',
      facts: toPut.length,
      message: `${plan.report.console.zh} ${plan.report.label.zh}：${plan.rowsRead} 行，写入 ${toPut.length} 条`,
    };
    await db.captures.add(entry);
    const n = await db.captures.count();
    if (n > LOG_KEEP) {
      const old = await db.captures
        .orderBy('seq')
        .limit(n - LOG_KEEP)
        .primaryKeys();
      await db.captures.bulkDelete(old);
    }
    return { file: plan.file, written: toPut.length, unchanged: plan.facts.length - toPut.length };
  });
}
