/**
 * JSON backup of the whole database and its idempotent restore.
 *
 * Envelope: {format:'opsradar-backup', version:1, exportedAt, schemaVersion, shops, facts,
 * findings, journal, tasks, settings}. Written in chunks (the facts by primary-key pages).
 * Webhook settings (robot URLs, secrets, tokens) are never written. A restore validates every
 * record first (zod), then merges in one Dexie transaction: one record per fact id with the
 * newest capture winning per metric (mergeFact), shops merged, tasks / journal / findings by
 * newest updatedAt, settings only where this computer has none. Any error → nothing written.
 */
import type { IndexableType, Table } from 'dexie';
import { z } from 'zod';
import type { OpsRadarDB, SettingRow } from '../db/database';
import { mergeFact } from '../db/writes';
import { type Fact, FactSchema, factId } from '../schema/fact';
import { type Finding, FindingSchema } from '../schema/finding';
import { type JournalEntry, JournalEntrySchema } from '../schema/journal';
import { type Shop, ShopSchema } from '../schema/shop';
import { type Task, TaskSchema } from '../schema/task';
import type { ExportProgress } from './run-export';
import { ExportCancelled, TextOut } from './run-export';
import type { ByteSink } from './xlsx';

export const BACKUP_FORMAT = 'opsradar-backup';
export const BACKUP_VERSION = 1;

type Text = { zh: string; en: string };

const SECRET_FIELD = /^(secret|token|url|webhook.*|.*webhook)$/i;

/** Strip anything webhook-related and any secret / token field, at any depth. */
function scrub(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrub);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (/webhook/i.test(k) || /^(secret|token|accessToken|signSecret)$/i.test(k)) continue;
      out[k] = scrub(x);
    }
    return out;
  }
  return v;
}

/**
 * Settings rows as they may leave the computer: rows whose key names a webhook are dropped,
 * and inside the others every webhook field and every secret / token field.
 */
export function sanitizeSettings(rows: readonly SettingRow[]): SettingRow[] {
  return rows.filter((r) => !/webhook/i.test(r.key) && !SECRET_FIELD.test(r.key)).map((r) => ({ key: r.key, value: scrub(r.value) }));
}

export interface BackupCounts {
  shops: number;
  facts: number;
  findings: number;
  journal: number;
  tasks: number;
  settings: number;
}

/** Rows of a table in primary-key pages (keyset paging: no offset scans). */
async function* pages<T>(table: Table<T, IndexableType>, key: (r: T) => IndexableType, size: number): AsyncGenerator<T[]> {
  let last: IndexableType = '';
  for (let first = true; ; first = false) {
    const page = first ? await table.orderBy(':id').limit(size).toArray() : await table.where(':id').above(last).limit(size).toArray();
    if (!page.length) return;
    yield page;
    last = key(page[page.length - 1] as T);
    if (page.length < size) return;
  }
}

/**
 * Write the whole database as a backup to `sink`, chunk by chunk. `onProgress` counts facts.
 */
export async function writeBackup(
  db: OpsRadarDB,
  sink: ByteSink,
  opts: { onProgress?: (p: ExportProgress) => void; signal?: AbortSignal; now?: number; chunkSize?: number } = {},
): Promise<BackupCounts> {
  const size = opts.chunkSize ?? 2000;
  const out = new TextOut(sink);
  const total = await db.facts.count();
  const counts: BackupCounts = { shops: 0, facts: 0, findings: 0, journal: 0, tasks: 0, settings: 0 };
  const head = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(opts.now ?? Date.now()).toISOString(),
    schemaVersion: db.verno,
  };
  out.push(JSON.stringify(head).slice(0, -1));
  const section = async <T>(
    name: keyof BackupCounts,
    table: Table<T, IndexableType>,
    key: (r: T) => IndexableType,
    map: (rows: T[]) => unknown[] = (r) => r,
  ) => {
    out.push(`,\n${JSON.stringify(name)}:[`);
    let n = 0;
    for await (const page of pages<T>(table, key, size)) {
      if (opts.signal?.aborted) throw new ExportCancelled();
      for (const r of map(page)) out.push(`${n++ ? ',' : ''}\n${JSON.stringify(r)}`);
      counts[name] = n;
      out.flush();
      if (name === 'facts') {
        opts.onProgress?.({ phase: 'read', read: n, total, rows: n });
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    out.push(']');
  };
  await section<Shop>('shops', db.shops as unknown as Table<Shop, IndexableType>, (r) => r.id);
  await section<Fact>('facts', db.facts as unknown as Table<Fact, IndexableType>, (r) => r.id);
  await section<Finding>('findings', db.findings as unknown as Table<Finding, IndexableType>, (r) => r.id);
  await section<JournalEntry>('journal', db.journal as unknown as Table<JournalEntry, IndexableType>, (r) => r.id);
  await section<Task>('tasks', db.tasks as unknown as Table<Task, IndexableType>, (r) => r.id);
  await section<SettingRow>(
    'settings',
    db.settings as unknown as Table<SettingRow, IndexableType>,
    (r) => r.key,
    (rows) => sanitizeSettings(rows),
  );
  out.push('}\n');
  out.flush();
  return counts;
}

const SettingRowSchema = z.object({ key: z.string().min(1), value: z.unknown() });

export interface Backup {
  exportedAt: string;
  schemaVersion: number;
  shops: Shop[];
  facts: Fact[];
  findings: Finding[];
  journal: JournalEntry[];
  tasks: Task[];
  settings: SettingRow[];
}

export type ParseResult = { ok: true; backup: Backup } | { ok: false; error: Text };

const SECTIONS = [
  ['shops', ShopSchema, { zh: '店铺', en: 'shop' }],
  ['facts', FactSchema, { zh: '数据记录', en: 'fact' }],
  ['findings', FindingSchema, { zh: '诊断', en: 'finding' }],
  ['journal', JournalEntrySchema, { zh: '操作日志', en: 'journal entry' }],
  ['tasks', TaskSchema, { zh: '任务', en: 'task' }],
  ['settings', SettingRowSchema, { zh: '设置', en: 'setting' }],
] as const;

const TYPE_ZH: Record<string, string> = { string: '文本', number: '数字', boolean: '布尔值', object: '对象', array: '列表', record: '对象' };

function issueZh(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return `应为${TYPE_ZH[i.expected] ?? i.expected}`;
    case 'invalid_value':
      return `取值无效（允许：${i.values.map(String).join('、').slice(0, 120)}）`;
    case 'invalid_format':
      return '格式不对';
    case 'too_small':
      return '太短或太小';
    case 'too_big':
      return '太长或太大';
    case 'unrecognized_keys':
      return `有未知字段 ${i.keys.join('、')}`;
    default:
      return '不符合格式';
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(整条)';
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v;
}

const MAX_SCHEMA = 100;

/**
 * Parse and validate a backup file's text. Every record is checked; the first problem is
 * reported with its section, position, id and field, in Chinese and English.
 */
export function parseBackup(text: string, dbVersion = MAX_SCHEMA): ParseResult {
  const fail = (zh: string, en: string): ParseResult => ({ ok: false, error: { zh, en } });
  if (!text.trim()) return fail('文件是空的。', 'The file is empty.');
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return fail(`不是有效的 JSON 文件（${msg}），可能已损坏或不完整。`, `Not a valid JSON file (${msg}); it may be damaged or incomplete.`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return fail('不是运营雷达的备份文件：内容不是一个对象。', 'Not an OpsRadar backup: the content is not an object.');
  const o = raw as Record<string, unknown>;
  if (o.format !== BACKUP_FORMAT)
    return fail(
      `不是运营雷达的备份文件（format 为 ${JSON.stringify(o.format ?? null)}，应为 "${BACKUP_FORMAT}"）。`,
      `Not an OpsRadar backup (format is ${JSON.stringify(o.format ?? null)}, expected "${BACKUP_FORMAT}").`,
    );
  if (o.version !== BACKUP_VERSION)
    return fail(
      `备份格式版本 ${JSON.stringify(o.version ?? null)} 不受支持（本扩展读取版本 ${BACKUP_VERSION}）。`,
      `Backup format version ${JSON.stringify(o.version ?? null)} is not supported (this extension reads version ${BACKUP_VERSION}).`,
    );
  if (typeof o.schemaVersion !== 'number' || !Number.isInteger(o.schemaVersion) || o.schemaVersion < 1)
    return fail('备份缺少有效的 schemaVersion。', 'The backup has no valid schemaVersion.');
  if (o.schemaVersion > dbVersion)
    return fail(
      `备份来自更新版本的运营雷达（数据库版本 ${o.schemaVersion}，本机 ${dbVersion}），请先升级扩展。`,
      `The backup comes from a newer OpsRadar (database version ${o.schemaVersion}, this one ${dbVersion}); update the extension first.`,
    );
  if (typeof o.exportedAt !== 'string') return fail('备份缺少导出时间 exportedAt。', 'The backup has no exportedAt.');
  const out: Record<string, unknown[]> = {};
  for (const [name, schema, label] of SECTIONS) {
    const list = o[name];
    if (!Array.isArray(list))
      return fail(`备份不完整：缺少 ${name} 列表（${label.zh}）。`, `Incomplete backup: the ${name} list (${label.en}s) is missing (found ${describe(list)}).`);
    const parsed: unknown[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const rec = list[i] as Record<string, unknown> | undefined;
      const r = schema.safeParse(rec);
      const id = rec && typeof rec === 'object' ? (rec.id ?? rec.key) : undefined;
      const who = `${name}[${i}]${id !== undefined ? `（id ${String(id).slice(0, 80)}）` : ''}`;
      const whoEn = `${name}[${i}]${id !== undefined ? ` (id ${String(id).slice(0, 80)})` : ''}`;
      if (!r.success) {
        const iss = r.error.issues[0] as z.core.$ZodIssue;
        return fail(
          `第 ${i + 1} 条${label.zh}有误：${who}${id !== undefined ? '' : ' '}字段 ${fieldPath(iss.path)} ${issueZh(iss)}。未写入任何数据。`,
          `${label.en} ${i + 1} is invalid: ${whoEn} field ${fieldPath(iss.path)}: ${iss.message}. Nothing was written.`,
        );
      }
      if (name === 'facts') {
        const f = r.data as Fact;
        if (f.id !== factId(f))
          return fail(
            `第 ${i + 1} 条数据记录有误：${who} 的 id 与其店铺/对象/周期/日期/维度不一致。未写入任何数据。`,
            `fact ${i + 1} is invalid: ${whoEn} has an id that does not match its shop / entity / grain / date / dims. Nothing was written.`,
          );
      }
      parsed[i] = r.data;
    }
    out[name] = parsed;
  }
  return {
    ok: true,
    backup: {
      exportedAt: o.exportedAt,
      schemaVersion: o.schemaVersion,
      shops: out.shops as Shop[],
      facts: out.facts as Fact[],
      findings: out.findings as Finding[],
      journal: out.journal as JournalEntry[],
      tasks: out.tasks as Task[],
      settings: sanitizeSettings(out.settings as SettingRow[]),
    },
  };
}

export interface MergeCount {
  added: number;
  updated: number;
  unchanged: number;
}

export interface RestoreSummary {
  shops: MergeCount;
  facts: MergeCount;
  findings: MergeCount;
  journal: MergeCount;
  tasks: MergeCount;
  settings: MergeCount;
  /** Shops whose facts changed: the rules are re-run for them. */
  affectedShops: string[];
}

const zero = (): MergeCount => ({ added: 0, updated: 0, unchanged: 0 });

function mergeShop(prev: Shop | undefined, inc: Shop): Shop | null {
  if (!prev) return inc;
  const newer = inc.lastSeenAt > prev.lastSeenAt;
  const merged: Shop = {
    ...(newer ? { ...prev, ...inc } : { ...inc, ...prev }),
    firstSeenAt: Math.min(prev.firstSeenAt, inc.firstSeenAt),
    lastSeenAt: Math.max(prev.lastSeenAt, inc.lastSeenAt),
  };
  return JSON.stringify(merged) === JSON.stringify(prev) ? null : merged;
}

/** Newest `updatedAt` wins; an equal or older copy changes nothing. */
async function mergeByUpdatedAt<T extends { id: string; updatedAt: number }>(table: Table<T, string>, rows: T[]): Promise<MergeCount> {
  const c = zero();
  const latest = new Map<string, T>();
  for (const r of rows) {
    const p = latest.get(r.id);
    if (!p || r.updatedAt > p.updatedAt) latest.set(r.id, r);
  }
  const list = [...latest.values()];
  const existing = await table.bulkGet(list.map((r) => r.id));
  const put: T[] = [];
  list.forEach((r, i) => {
    const e = existing[i];
    if (!e) {
      c.added++;
      put.push(r);
    } else if (r.updatedAt > e.updatedAt) {
      c.updated++;
      put.push(r);
    } else c.unchanged++;
  });
  if (put.length) await table.bulkPut(put);
  return c;
}

/**
 * Merge a validated backup into the database in one transaction (all or nothing). Restoring the
 * same file twice changes nothing the second time.
 */
export async function restoreBackup(db: OpsRadarDB, b: Backup, now = Date.now(), chunk = 2000): Promise<RestoreSummary> {
  return db.transaction('rw', [db.shops, db.facts, db.findings, db.journal, db.tasks, db.settings], async () => {
    const s: RestoreSummary = { shops: zero(), facts: zero(), findings: zero(), journal: zero(), tasks: zero(), settings: zero(), affectedShops: [] };
    const affected = new Set<string>();

    const shops = new Map<string, Shop>();
    for (const sh of b.shops) {
      const m = mergeShop(shops.get(sh.id), sh);
      if (m) shops.set(sh.id, m);
    }
    const prevShops = await db.shops.bulkGet([...shops.keys()]);
    const putShops: Shop[] = [];
    [...shops.values()].forEach((sh, i) => {
      const prev = prevShops[i];
      const m = mergeShop(prev, sh);
      if (!m) s.shops.unchanged++;
      else {
        if (prev) s.shops.updated++;
        else s.shops.added++;
        putShops.push(m);
      }
    });
    if (putShops.length) await db.shops.bulkPut(putShops);

    for (let i = 0; i < b.facts.length; i += chunk) {
      const part = b.facts.slice(i, i + chunk);
      const existing = await db.facts.bulkGet(part.map((f) => f.id));
      const pending = new Map<string, Fact>();
      const had = new Map<string, boolean>();
      part.forEach((f, j) => {
        if (!had.has(f.id)) had.set(f.id, existing[j] !== undefined);
        const m = mergeFact(pending.get(f.id) ?? existing[j], f, now);
        if (m) pending.set(f.id, m);
      });
      for (const [id, existed] of had) {
        if (!pending.has(id)) s.facts.unchanged++;
        else if (existed) s.facts.updated++;
        else s.facts.added++;
      }
      for (const f of pending.values()) affected.add(f.shopId);
      if (pending.size) await db.facts.bulkPut([...pending.values()]);
    }

    s.findings = await mergeByUpdatedAt<Finding>(db.findings as unknown as Table<Finding, string>, b.findings);
    s.journal = await mergeByUpdatedAt<JournalEntry>(db.journal as unknown as Table<JournalEntry, string>, b.journal);
    s.tasks = await mergeByUpdatedAt<Task>(db.tasks as unknown as Table<Task, string>, b.tasks);

    // Settings of this computer win: a backup only fills in what is not set here.
    const prevSettings = await db.settings.bulkGet(b.settings.map((r) => r.key));
    const addSettings = b.settings.filter((_, i) => !prevSettings[i]);
    s.settings.added = addSettings.length;
    s.settings.unchanged = b.settings.length - addSettings.length;
    if (addSettings.length) await db.settings.bulkPut(addSettings);

    s.affectedShops = [...affected].sort();
    return s;
  });
}
