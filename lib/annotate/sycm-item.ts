/**
 * 生意参谋 商品排行 rows, anchored by item id: the sandbox rows carry `data-item-id`; the real
 * console links each row to `item.taobao.com/item.htm?id=<itemId>` (or to 商品360 with
 * `itemId=`). Both are read; one anchor per row.
 */
import { type Anchor, firstCell, isNumericId } from './anchor';

const LINK = /(?:item\.taobao\.com\/item\.htm\?(?:[^#]*&)?id=|detail\.tmall\.com\/item\.htm\?(?:[^#]*&)?id=|[?&]itemId=)(\d{1,20})/;

export function itemIdFromHref(href: string | null): string | null {
  const m = href ? LINK.exec(href) : null;
  return m?.[1] ?? null;
}

export function itemAnchors(doc: Document): Anchor[] {
  const out: Anchor[] = [];
  const rows = new Set<Element>();
  for (const tr of doc.querySelectorAll('tr[data-item-id]')) {
    const id = tr.getAttribute('data-item-id');
    if (!isNumericId(id)) continue;
    rows.add(tr);
    out.push({ ref: { kind: 'item', id }, at: firstCell(tr), row: tr });
  }
  for (const a of doc.querySelectorAll('a[href*="item.htm"], a[href*="itemId="]')) {
    const tr = a.closest('tr');
    if (!tr || rows.has(tr)) continue;
    const id = itemIdFromHref(a.getAttribute('href'));
    if (!id) continue;
    rows.add(tr);
    out.push({ ref: { kind: 'item', id }, at: a.closest('td') ?? firstCell(tr), row: tr });
  }
  return out;
}
