import { pieceRateCheck } from '../shared/content-window';
import { CONTENT_LINK, OPEN_CONTENT } from '../shared/service-window';
import { defineRule } from '../types';

/** CNT-06: a piece with ≥ 500 查看人数 in 14 days whose 商品引导点击率 is under 0.7 × the shop median. */
export default defineRule({
  meta: {
    id: 'cnt-06-item-ctr',
    ref: 'CNT-06',
    area: 'CNT',
    title: { zh: '内容商品引导点击率低', en: 'Content sends few viewers to the item' },
    description: {
      zh: '查看 ≥ 500 的内容，商品引导点击率低于店内中位数的 0.7 倍时提示。',
      en: 'Pieces with ≥ 500 viewers whose item click-through is under 0.7 × the shop median.',
    },
    severity: 'P3',
    requires: ['content.contentItemClickUv', 'content.contentViewUv'],
    thresholds: {
      factor: { default: 0.7, min: 0.1, max: 1, label: { zh: '相对店内中位数', en: 'vs shop median' }, source: '[H]' },
      minViews: { default: 500, min: 50, max: 1000000, label: { zh: '最少查看人数（14 天）', en: 'Min viewers (14 days)' }, source: '[H]' },
    },
    link: CONTENT_LINK,
  },
  evaluate: (ctx, t) =>
    pieceRateCheck(ctx, {
      days: 14,
      num: (w) => w.clicks,
      den: (w) => w.views,
      minDen: t.minViews,
      factor: t.factor,
      minPieces: 3,
      what: { zh: '商品引导点击率', en: 'item click-through' },
      denLabel: { zh: '查看人数', en: 'viewers' },
      why: {
        zh: '内容有人看，但点商品的人少，内容的流量没有转到商品上。',
        en: 'People watch, but few click the item: the traffic does not reach the product.',
      },
      suggestion: {
        zh: '在内容中段和结尾明确给出购买理由，挂车或商品组件放在显眼位置，并确认挂的是正在主推的款。',
        en: 'Give a clear reason to buy mid-way and at the end, put the item card where it is seen, and link the item you are pushing.',
      },
      missing: OPEN_CONTENT,
    }),
});
