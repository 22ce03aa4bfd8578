/**
 * `logAction` handler: a console page's annotation hover card (or any extension page) logs an
 * action in the 操作日志. The payload is untrusted: it is validated with the journal's zod schema,
 * the shop must be known, and ids / timestamps are always set here, never taken from the sender.
 */
import type { OpsRadarDB } from '@/lib/db/database';
import { addEntry, JournalError } from '@/lib/journal/store';
import { onMessage, type ProtocolMap } from '@/lib/messaging/protocol';

type LogActionReq = Parameters<ProtocolMap['logAction']>[0];

export async function handleLogAction(db: OpsRadarDB, req: LogActionReq, now = Date.now()): Promise<{ id: string }> {
  if (typeof req !== 'object' || req === null || typeof req.entry !== 'object' || req.entry === null) {
    throw new JournalError('操作记录为空或格式不对', 'The journal entry is missing or malformed');
  }
  const { id: _id, shopId: _shop, createdAt: _c, updatedAt: _u, ...fields } = req.entry as typeof req.entry & Record<string, unknown>;
  const entry = await addEntry(db, { ...(fields as typeof req.entry), shopId: req.shopId }, now);
  return { id: entry.id };
}

export function registerJournal(db: OpsRadarDB): void {
  onMessage('logAction', async ({ data }) => handleLogAction(db, data));
}
