import { formatCount } from '../../format';
import { addDays } from '../../series/dates';
import { daysBetween, ev, lastEnded } from '../shared/act-events';
import { SKU_HINT, skuStocks } from '../shared/act-stock';
import { defineRule, type Verdict } from '../types';

/**
 * ACT-04: from 3 to 30 days after the last 大促, SKUs whose stock lasts > 90 days at the
 * pre-event baseline daily units (the event's burst is not the normal pace).
 */
export default defineRule({
  meta: {
    id: 'act-04-post-event-overstock',
    ref: 'ACT-04',
    area: 'ACT',
    title: { zh: '活动后库存积压', en: 'Overstock after the event' },
    description: {
      zh: '大促结束 3 天后，按活动前基线日均销量，某 SKU 的可售天数 > 90 天。',
      en: 'Three days after a sales event, SKUs whose stock lasts over 90 days at the pre-event daily units.',
    },
    severity: 'P2',
    requires: ['sku.currentStockCnt'],
    thresholds: {
      coverDays: { default: 90, min: 14, max: 365, label: { zh: '可售天数上限', en: 'Days of cover' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/cc/item_archives', label: { zh: '生意参谋 → 商品 → 商品360', en: '生意参谋 → 商品 → 商品360' } },
  },
  evaluate(ctx, t) {
    const e = lastEnded(ctx.asOf);
    if (!e || ctx.asOf < addDays(e.to, 3) || ctx.asOf > addDays(e.to, 30))
      return [{ status: 'ok', detail: { zh: '不在大促结束后 3–30 天的检查期内。', en: 'Not within 3–30 days after a sales event.' }, evidence: [] }];
    const rows = skuStocks(ctx, e.from).filter((r) => r.dailySource === 'sales' && r.stockDate >= addDays(e.to, 3));
    const period = { from: addDays(e.to, 3), to: ctx.asOf };
    if (rows.length === 0)
      return [
        {
          status: 'insufficient',
          period,
          detail: {
            zh: `没有活动后的 SKU 库存快照和活动前的 SKU 日销量。${SKU_HINT.zh}。`,
            en: `No post-event SKU stock snapshot with pre-event daily units. ${SKU_HINT.en}.`,
          },
          evidence: [],
        },
      ];
    const out: Verdict[] = [];
    for (const r of rows) {
      const d = r.daily as number;
      if (r.stock <= 0) continue;
      const cover = d > 0 ? r.stock / d : Number.POSITIVE_INFINITY;
      if (cover <= t.coverDays) continue;
      const coverText = Number.isFinite(cover) ? `${Math.round(cover)}` : '∞';
      out.push({
        status: 'fired',
        entity: { kind: 'sku', id: r.sku.id, ...(r.sku.name ? { name: r.sku.name } : {}) },
        period,
        detail: {
          zh: `${e.name.zh}结束后，SKU「${r.sku.name ?? r.sku.id}」还剩 ${formatCount(r.stock)} 件，按活动前日均 ${d.toFixed(1)} 件要卖 ${coverText} 天（上限 ${t.coverDays} 天，${daysBetween(e.to, r.stockDate)} 天前结束）。`,
          en: `After ${e.name.en}, SKU "${r.sku.name ?? r.sku.id}" has ${r.stock} units left: ${coverText} days at the pre-event ${d.toFixed(1)} a day (limit ${t.coverDays}).`,
        },
        suggestion: {
          zh: '安排返场 / 清仓，或在下一个活动中优先报名这些 SKU；暂停它们的补货。',
          en: 'Plan an encore or clearance, or enrol these SKUs first in the next event; pause their replenishment.',
        },
        evidence: [
          ev('剩余库存', 'Stock left', r.stock, 'count'),
          ev('活动前日均', 'Daily units before', d, 'plain'),
          ev('可售天数', 'Days of cover', Number.isFinite(cover) ? cover : null, 'days'),
        ],
      });
    }
    if (out.length) return out;
    return [
      { status: 'ok', period, detail: { zh: `${rows.length} 个 SKU 没有活动后积压。`, en: `No post-event overstock in ${rows.length} SKUs.` }, evidence: [] },
    ];
  },
});
