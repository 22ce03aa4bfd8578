/**
 * 生意参谋 服务 客服 rows. Agent facts are keyed by the sub-account nick (`店铺:客服名`, the
 * console's accountNickWang), which the row's first cell shows; the sandbox also puts the agent
 * id in `data-agent-id` (sent as the alternative id).
 */
import { type Anchor, firstCell, textOf } from './anchor';

export function agentAnchors(doc: Document): Anchor[] {
  const out: Anchor[] = [];
  for (const tr of doc.querySelectorAll('tr[data-agent-id]')) {
    const cell = firstCell(tr);
    const nick = textOf(cell).slice(0, 120);
    const alt = tr.getAttribute('data-agent-id') ?? '';
    const id = nick || alt;
    if (!id) continue;
    out.push({ ref: { kind: 'agent', id, ...(alt && alt !== id ? { alt } : {}) }, at: cell, row: tr });
  }
  return out;
}
