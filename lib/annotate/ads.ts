/**
 * 万相台无界 and 直通车 report rows. The sandbox rows carry `data-keyword-id` /
 * `data-campaign-id` (/ `data-crowd-id`); on the real consoles a row that links to its campaign
 * (`campaignId=` in an href) is anchored as that campaign.
 */
import { type Anchor, firstCell, isNumericId } from './anchor';

export function adAnchors(doc: Document): Anchor[] {
  const out: Anchor[] = [];
  const rows = new Set<Element>();
  for (const tr of doc.querySelectorAll('tr[data-keyword-id], tr[data-crowd-id], tr[data-campaign-id]')) {
    const kw = tr.getAttribute('data-keyword-id');
    const crowd = tr.getAttribute('data-crowd-id');
    const camp = tr.getAttribute('data-campaign-id');
    const ref = isNumericId(kw)
      ? ({ kind: 'keyword', id: kw } as const)
      : isNumericId(crowd)
        ? ({ kind: 'crowd', id: crowd } as const)
        : isNumericId(camp)
          ? ({ kind: 'campaign', id: camp } as const)
          : null;
    if (!ref) continue;
    rows.add(tr);
    out.push({ ref, at: firstCell(tr), row: tr });
  }
  for (const a of doc.querySelectorAll('a[href*="campaignId="]')) {
    const tr = a.closest('tr');
    if (!tr || rows.has(tr)) continue;
    const id = /[?&]campaignId=(\d{1,20})/.exec(a.getAttribute('href') ?? '')?.[1];
    if (!id) continue;
    rows.add(tr);
    out.push({ ref: { kind: 'campaign', id }, at: firstCell(tr), row: tr });
  }
  return out;
}
