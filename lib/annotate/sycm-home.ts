/**
 * 生意参谋 首页 KPI cards. The sandbox marks cards with `data-kpi="<code>"`; the real console's
 * cards are found by their metric label text (支付金额, 访客数 …), outside tables (the 核心指标
 * table repeats the labels).
 */
import { metricForSource, METRICS } from '../metrics';
import { type Anchor, HOST_TAG, textOf } from './anchor';

/** Home card labels → metric ids (the catalog's Chinese labels of the sycm 首页 metrics). */
const CARD_METRICS = ['payAmt', 'uv', 'payRate', 'payPct', 'payByrCnt', 'cartByrCnt', 'cltItmCnt', 'pv', 'payItmCnt', 'netPaymentAmount'];
const LABELS = new Map<string, string>(
  METRICS.filter((m) => CARD_METRICS.includes(m.id)).map((m) => [m.zh, m.id] as const),
);

export function homeAnchors(doc: Document): Anchor[] {
  const out: Anchor[] = [];
  const cards = doc.querySelectorAll('[data-kpi]');
  if (cards.length > 0) {
    for (const card of cards) {
      const code = card.getAttribute('data-kpi') ?? '';
      if (!code) continue;
      const id = metricForSource('sycm', code)?.id ?? code;
      // Next to the card's value: the label line is too narrow for a delta and a sparkline.
      out.push({ ref: { kind: 'shop', id }, at: card.querySelector('.value') ?? card.querySelector('.label') ?? card, row: card });
    }
    return out;
  }
  // Real console: leaf elements whose whole text is a card label, first one per metric.
  const seen = new Set<string>();
  for (const el of doc.querySelectorAll('span, div, p, h3, h4')) {
    if (el.childElementCount > 1 || el.closest(`table, ${HOST_TAG}`)) continue;
    const id = LABELS.get(textOf(el));
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({ ref: { kind: 'shop', id }, at: el, row: el.parentElement ?? el });
  }
  return out;
}
