import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { twoProportionZ } from '../../series/rates';
import { isPromoDay, lookbackDays } from '../shared/promo-calendar';
import { FLOW_LINK, OPEN_FLOW, rate, valueOn } from '../shared/service-window';
import { defineRule } from '../types';

const PARTS = [
  { id: 'liveRoomUv', zh: '直播', en: 'live' },
  { id: 'shortVideoUv', zh: '短视频', en: 'short video' },
  { id: 'imageUv', zh: '图文', en: 'image-text' },
] as const;

/**
 * CNT-01 (evidence part): visitors from 直播 / 短视频 / 图文 as a share of shop visitors (流量总览),
 * last 7 days vs the 28 non-event days before; down ≥ 30 % and significant → P2.
 */
export default defineRule({
  meta: {
    id: 'cnt-01-content-traffic',
    ref: 'CNT-01',
    area: 'CNT',
    title: { zh: '内容渠道访客占比下滑', en: 'Content-channel visitor share falling' },
    description: {
      zh: '直播、短视频、图文带来的访客占全店访客的比例，近 7 天比前 4 周下降 30% 以上且显著时提示。',
      en: 'Share of shop visitors from live, short video and image-text content: flags a ≥ 30 % significant drop over 7 days vs the 4 weeks before.',
    },
    severity: 'P2',
    requires: ['uv'],
    thresholds: {
      dropRel: { default: 0.3, min: 0.05, max: 0.95, label: { zh: '占比相对下降', en: 'Relative share drop' }, source: '[H]' },
      alpha: { default: 0.05, min: 0.001, max: 0.2, label: { zh: '显著性水平', en: 'Significance level' }, source: '[S]' },
      minUv: {
        default: 100,
        min: 10,
        max: 100000,
        label: { zh: '7 天最少内容渠道访客（基线）', en: 'Min content visitors (baseline, 7 days)' },
        source: '[H]',
      },
    },
    link: FLOW_LINK,
  },
  evaluate(ctx, t) {
    const uv = ctx.shopSeries('uv');
    const parts = PARTS.map((p) => ({ ...p, s: ctx.shopSeries(p.id) })).filter((p) => p.s.length > 0);
    if (!parts.length)
      return [
        {
          status: 'not-applicable',
          detail: { zh: `没有直播 / 短视频 / 图文访客数据。${OPEN_FLOW.zh}`, en: `No live / video / image-text visitors. ${OPEN_FLOW.en}` },
          evidence: [],
        },
      ];
    const sum = (dates: string[]) => {
      let c = 0;
      let u = 0;
      let n = 0;
      for (const d of dates) {
        const a = valueOn(uv, d);
        const vals = parts.map((p) => valueOn(p.s, d));
        if (a === null || a <= 0 || vals.some((v) => v === null)) continue;
        c += vals.reduce((s: number, v) => s + (v ?? 0), 0);
        u += a;
        n++;
      }
      return { c, u, n };
    };
    if (isPromoDay(ctx.asOf))
      return [
        {
          status: 'insufficient',
          detail: { zh: `${ctx.asOf} 在大促期间，不和日常基线比较`, en: `${ctx.asOf} is in a sales event: not compared with the everyday baseline` },
          evidence: [],
        },
      ];
    const recent = Array.from({ length: 7 }, (_, i) => addDays(ctx.asOf, -i)).filter((d) => !isPromoDay(d));
    const start = addDays(ctx.asOf, -7);
    const span = lookbackDays(start, 28, 84);
    const base = Array.from({ length: span }, (_, i) => addDays(start, -i)).filter((d) => !isPromoDay(d));
    const cur = sum(recent);
    const prev = sum(base);
    if (cur.n < 5 || prev.n < 14 || prev.u <= 0 || cur.u <= 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `内容渠道访客数据不足（近 7 天 ${cur.n} 天、基线 ${prev.n} 天，需 5 / 14 天）。${OPEN_FLOW.zh}`,
            en: `Too little channel data (${cur.n} recent / ${prev.n} baseline days; 5 / 14 needed). ${OPEN_FLOW.en}`,
          },
          evidence: [],
        },
      ];
    }
    const sc = cur.c / cur.u;
    const sb = prev.c / prev.u;
    if (sb * cur.u < t.minUv)
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `内容渠道访客太少（基线占比 ${rate(sb)}），样本太小不下结论`,
            en: `Too few content visitors (baseline share ${rate(sb)}): too small a sample`,
          },
          evidence: [],
        },
      ];
    const test = twoProportionZ(cur.c, cur.u, prev.c, prev.u);
    const evidence: Evidence[] = [
      { label: { zh: '内容渠道访客占比（7 天）', en: 'Content visitor share (7 days)' }, value: sc, format: 'ratio' },
      { label: { zh: '基线占比（前 4 周）', en: 'Baseline share (4 weeks before)' }, value: sb, format: 'ratio' },
      { label: { zh: '较基线', en: 'vs baseline' }, value: sb > 0 ? sc / sb - 1 : null, format: 'pct-change' },
      ...parts.map((p) => ({
        label: { zh: `${p.zh}访客（7 天）`, en: `${p.en} visitors (7 days)` },
        value: recent.reduce((s, d) => s + (valueOn(p.s, d) ?? 0), 0),
        format: 'count' as const,
      })),
    ];
    const period = { from: recent[recent.length - 1] ?? ctx.asOf, to: ctx.asOf };
    const fired = sc <= sb * (1 - t.dropRel) && test.pValue !== null && test.pValue < t.alpha;
    if (!fired)
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `近 7 天内容渠道访客占 ${rate(sc)}，基线 ${rate(sb)}。`,
            en: `Content channels brought ${rate(sc)} of visitors over 7 days (baseline ${rate(sb)}).`,
          },
          evidence,
        },
      ];
    const lostUv = Math.round(sb * cur.u - cur.c);
    return [
      {
        status: 'fired',
        period,
        detail: {
          zh: `近 7 天直播 / 短视频 / 图文带来的访客占全店 ${rate(sc)}，前 4 周为 ${rate(sb)}（下降 ${((1 - sc / sb) * 100).toFixed(0)}%），约少了 ${lostUv} 位访客。内容是免费流量，停更或停播会持续衰减。`,
          en: `Live / short-video / image-text brought ${rate(sc)} of visitors over 7 days vs ${rate(sb)} in the 4 weeks before (−${((1 - sc / sb) * 100).toFixed(0)}%), about ${lostUv} fewer visitors. Content is free traffic and fades when posting or streaming stops.`,
        },
        suggestion: {
          zh: '打开 生意参谋 → 流量 → 流量总览 看是哪一类掉了：短视频 / 图文掉量查最近的发布是否中断（见 CNT-04），直播掉量查开播场次和时长；恢复固定的发布和开播排期。',
          en: 'Open 生意参谋 → 流量 → 流量总览 to see which type fell: for video / image-text check whether posting stopped (CNT-04); for live check the number and length of streams; restore a fixed schedule.',
        },
        evidence,
        baseline: { method: { zh: '前 28 个非大促日的占比', en: 'Share over the 28 non-event days before' }, value: sb },
      },
    ];
  },
});
