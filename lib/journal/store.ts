/** 操作日志 storage: validated add / edit / delete, and the 复盘 of stored entries. */
import { entityDays, shopAsOf } from '../db/area-queries';
import type { OpsRadarDB } from '../db/database';
import type { ShopProfile } from '../rules/types';
import { type JournalEntry, JournalEntrySchema } from '../schema/journal';
import { type Evaluation, evaluateEntry } from './evaluate';

/** A journal problem the UI shows as is (Chinese first, then English). */
export class JournalError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'JournalError';
  }
}

export type JournalInput = Omit<JournalEntry, 'id' | 'createdAt' | 'updatedAt' | 'note'> & { id?: string; note?: string };

function newId(now: number): string {
  const rnd = globalThis.crypto?.randomUUID?.() ?? `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  return `j-${now.toString(36)}-${rnd.slice(0, 8)}`;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Validates an entry; throws JournalError naming the fields that are wrong. */
export function validateEntry(candidate: unknown): JournalEntry {
  const r = JournalEntrySchema.safeParse(candidate);
  if (!r.success) {
    const detail = describeIssues(r.error.issues);
    throw new JournalError(`操作记录无效：${detail}`, `Invalid journal entry: ${detail}`);
  }
  return r.data;
}

async function requireShop(db: OpsRadarDB, shopId: string): Promise<void> {
  if (typeof shopId !== 'string' || !shopId || !(await db.shops.get(shopId))) {
    throw new JournalError(`未知店铺「${String(shopId)}」：请先打开该店铺的生意参谋页面`, `Unknown shop "${String(shopId)}": open its 生意参谋 pages first`);
  }
}

export async function addEntry(db: OpsRadarDB, input: JournalInput, now = Date.now()): Promise<JournalEntry> {
  const entry = validateEntry({ note: '', ...input, id: input.id ?? newId(now), createdAt: now, updatedAt: now });
  await requireShop(db, entry.shopId);
  await db.journal.put(entry);
  return entry;
}

export async function updateEntry(
  db: OpsRadarDB,
  id: string,
  patch: Partial<Omit<JournalEntry, 'id' | 'shopId' | 'createdAt'>>,
  now = Date.now(),
): Promise<JournalEntry> {
  const cur = await db.journal.get(id);
  if (!cur) throw new JournalError(`找不到这条操作记录（${id}），可能已被删除`, `Journal entry ${id} not found (deleted?)`);
  const next = validateEntry({ ...cur, ...patch, id: cur.id, shopId: cur.shopId, createdAt: cur.createdAt, updatedAt: now });
  await db.journal.put(next);
  return next;
}

export async function deleteEntry(db: OpsRadarDB, id: string): Promise<void> {
  await db.journal.delete(id);
}

/** A shop's entries, newest action date first (ties: newest logged first). */
export async function listEntries(db: OpsRadarDB, shopId: string): Promise<JournalEntry[]> {
  const rows = await db.journal.where('shopId').equals(shopId).toArray();
  return rows.sort((a, b) => (a.date === b.date ? b.createdAt - a.createdAt : a.date < b.date ? 1 : -1));
}

/** 复盘 of entries against the stored facts; asOf defaults to the shop's latest closed day. */
export async function evaluateEntries(
  db: OpsRadarDB,
  entries: readonly JournalEntry[],
  opts: { asOf?: string | null; profile?: ShopProfile; journal?: readonly JournalEntry[] } = {},
): Promise<Map<string, Evaluation>> {
  const out = new Map<string, Evaluation>();
  const asOfByShop = new Map<string, string | null>();
  const series = new Map<string, Awaited<ReturnType<typeof entityDays>>>();
  for (const e of entries) {
    let asOf = opts.asOf;
    if (asOf === undefined) {
      if (!asOfByShop.has(e.shopId)) asOfByShop.set(e.shopId, await shopAsOf(db, e.shopId));
      asOf = asOfByShop.get(e.shopId) ?? null;
    }
    const key = `${e.shopId}|${e.entity.kind}|${e.entity.id}`;
    let get = series.get(key);
    if (!get) {
      get = await entityDays(db, e.shopId, e.entity.kind, e.entity.id, opts.profile);
      series.set(key, get);
    }
    out.set(e.id, evaluateEntry(e, get, { asOf, journal: opts.journal ?? entries }));
  }
  return out;
}
