import Dexie, { type EntityTable } from 'dexie';
import type { Fact } from '../schema/fact';
import type { Finding } from '../schema/finding';
import type { JournalEntry } from '../schema/journal';
import type { Shop } from '../schema/shop';
import type { Task } from '../schema/task';
import { encodeFact, factCodec } from './fact-codec';

/** One line of the capture log (kept to the newest LOG_KEEP entries). */
export interface CaptureLogEntry {
  seq?: number;
  at: number;
  shopId: string | null;
  adapter: string | null;
  route: string | null;
  url: string;
  outcome: string;
  facts: number;
  message?: string;
  tabId?: number;
}

/** Capture-health counters per adapter route (`adapter|route`, or `_|unmatched`). */
export interface HealthRow {
  id: string;
  adapter: string;
  route: string;
  counts: Record<string, number>;
  lastOkAt?: number;
  lastIssue?: { at: number; path: string; message: string; sample?: string };
  /** Metrics this route delivered at least once (drift detection). */
  metricsSeen: string[];
  /** Consecutive successful captures in which a previously seen metric was missing. */
  missing?: Record<string, number>;
  /** Today's (Asia/Shanghai) counts, for "今日 3 次采集被跳过". */
  day?: { date: string; ok: number; skipped: number };
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export const LOG_KEEP = 500;

export class OpsRadarDB extends Dexie {
  facts!: EntityTable<Fact, 'id'>;
  captures!: EntityTable<CaptureLogEntry, 'seq'>;
  health!: EntityTable<HealthRow, 'id'>;
  shops!: EntityTable<Shop, 'id'>;
  findings!: EntityTable<Finding, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  journal!: EntityTable<JournalEntry, 'id'>;
  tasks!: EntityTable<Task, 'id'>;

  constructor(name = 'opsradar') {
    super(name);
    // Version 1. A change adds a new version with an upgrade, a migration fixture and a test.
    this.version(1).stores({
      facts: 'id, [shopId+entityKind+entityId+date], [shopId+date]',
      captures: '++seq, at, shopId',
      health: 'id',
      shops: 'id, mainUserName',
      findings: 'id, shopId, [shopId+area]',
      settings: 'key',
    });
    // Version 2: the action journal (操作日志) and team tasks. Only new tables: no upgrade of v1 rows.
    this.version(2).stores({
      journal: 'id, shopId, [shopId+date]',
      tasks: 'id, shopId, [shopId+status]',
    });
    // Version 3: facts stored in the compact form of fact-codec.ts (same keys and indexes; values
    // as scaled integers under one key list, grain/dims read back from the id, short field names).
    // The upgrade rewrites every v1/v2 fact row, in pages so a year of rows never sits in memory.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        const facts = tx.table('facts');
        let last: string | null = null;
        for (;;) {
          const page: Fact[] = await (last === null ? facts.orderBy(':id') : facts.where(':id').above(last)).limit(2000).toArray();
          if (!page.length) break;
          await facts.bulkPut(page.map((f) => encodeFact(f)));
          last = (page[page.length - 1] as Fact).id;
        }
      });
    // Every read of `facts` decodes, every write encodes (one place: fact-codec.ts).
    this.use(factCodec);
  }
}

let instance: OpsRadarDB | null = null;
export function getDb(): OpsRadarDB {
  instance ??= new OpsRadarDB();
  return instance;
}
