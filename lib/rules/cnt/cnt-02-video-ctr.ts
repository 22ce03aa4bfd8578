import { pieceRateCheck } from '../shared/content-window';
import { CONTENT_LINK, OPEN_CONTENT } from '../shared/service-window';
import { defineRule } from '../types';

/** CNT-02: a piece with ≥ 1,000 曝光人数 whose 查看 ÷ 曝光 is under 0.7 × the shop median (cover problem). */
export default defineRule({
  meta: {
    id: 'cnt-02-video-ctr',
    ref: 'CNT-02',
    area: 'CNT',
    title: { zh: '内容曝光点击率低（封面问题）', en: 'Low content click-through (cover)' },
    description: {
      zh: '曝光 ≥ 1,000 的内容，曝光点击率低于店内中位数的 0.7 倍时提示换封面。',
      en: 'Pieces with ≥ 1,000 reach whose click-through is under 0.7 × the shop median: change the cover.',
    },
    severity: 'P3',
    requires: ['content.contentExposeUv', 'content.contentViewUv'],
    thresholds: {
      factor: { default: 0.7, min: 0.1, max: 1, label: { zh: '相对店内中位数', en: 'vs shop median' }, source: '[C]' },
      minExpose: { default: 1000, min: 100, max: 1000000, label: { zh: '最少曝光人数（14 天）', en: 'Min reach (14 days)' }, source: '[H]' },
    },
    link: CONTENT_LINK,
  },
  evaluate: (ctx, t) =>
    pieceRateCheck(ctx, {
      days: 14,
      num: (w) => w.views,
      den: (w) => w.expose,
      minDen: t.minExpose,
      factor: t.factor,
      minPieces: 3,
      what: { zh: '曝光点击率', en: 'click-through' },
      denLabel: { zh: '曝光人数', en: 'reach' },
      why: { zh: '看到的人多、点开的人少，多半是封面和标题不吸引人。', en: 'Many saw it, few opened it: usually the cover and title.' },
      suggestion: {
        zh: '更换封面：主体清晰、卖点文字不超过 8 个字、首帧就出现商品；参考店内点击率最好的内容。',
        en: 'Change the cover: a clear subject, at most 8 characters of selling point, the item in the first frame; copy what the best piece does.',
      },
      missing: OPEN_CONTENT,
    }),
});
