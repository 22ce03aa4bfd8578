import { pieceRateCheck } from '../shared/content-window';
import { CONTENT_LINK, OPEN_CONTENT } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CNT-03: a video with ≥ 200 plays in 7 days whose 完播率 is in the shop's bottom 25 % and
 * significantly under the median (Wilson); with fewer than 4 comparable videos, < 15 % (the
 * ≤ 30 s condition of the catalogue cannot be checked: durations are not captured).
 */
export default defineRule({
  meta: {
    id: 'cnt-03-completion-rate',
    ref: 'CNT-03',
    area: 'CNT',
    title: { zh: '视频完播率低（开头问题）', en: 'Low video completion (opening)' },
    description: {
      zh: '有效播放 ≥ 200 的视频，完播率处在店内后 25% 且显著低于中位数时提示；可比视频不足时用 15% 兜底。',
      en: 'Videos with ≥ 200 plays whose completion is in the shop’s bottom 25 % and significantly under the median; 15 % fallback with too few videos.',
    },
    severity: 'P3',
    requires: ['content.contentFinishRate', 'content.contentPlayUv'],
    thresholds: {
      minPlays: { default: 200, min: 20, max: 100000, label: { zh: '最少播放人数（7 天）', en: 'Min plays (7 days)' }, source: '[H]' },
      bottom: { default: 0.25, min: 0.05, max: 0.5, label: { zh: '后百分位', en: 'Bottom quantile' }, source: '[C]' },
      fallback: { default: 0.15, min: 0.01, max: 0.9, label: { zh: '兜底完播率', en: 'Fallback completion' }, source: '[H]' },
    },
    link: CONTENT_LINK,
  },
  evaluate: (ctx, t) =>
    pieceRateCheck(ctx, {
      days: 7,
      num: (w) => w.finished,
      den: (w) => w.plays,
      minDen: t.minPlays,
      factor: 1,
      bottomQuantile: t.bottom,
      fallback: t.fallback,
      minPieces: 4,
      what: { zh: '完播率', en: 'completion rate' },
      denLabel: { zh: '播放人数', en: 'plays' },
      why: { zh: '观众在前几秒就流失了，视频带不动后面的卖点和成交。', en: 'Viewers leave in the first seconds, so the selling points later never land.' },
      suggestion: {
        zh: '把最抓人的使用效果或痛点放进前 3 秒，总时长压到 15–25 秒；对照店内完播率最高的视频改开头。',
        en: 'Put the most striking result or pain point in the first 3 seconds and keep it to 15–25 s; rework the opening after the best-completing video.',
      },
      missing: OPEN_CONTENT,
    }),
});
