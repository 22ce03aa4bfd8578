import type { EntityKind } from '../../schema/fact';
import { addDays, daysBetween } from '../../series/dates';
import { OPEN_HOME, valueOn } from '../shared/service-window';
import { defineRule, type Text } from '../types';

const FAMILIES: { kind: EntityKind; metric: string[]; name: Text }[] = [
  { kind: 'agent', metric: ['consultUserCnt', 'avgReplyInterval'], name: { zh: '客服绩效', en: 'agent performance' } },
  { kind: 'content', metric: ['contentViewUv', 'contentPlayUv'], name: { zh: '内容作品', en: 'content pieces' } },
  { kind: 'source', metric: ['uv'], name: { zh: '流量来源', en: 'traffic sources' } },
  { kind: 'item', metric: ['uv', 'payAmt'], name: { zh: '商品', en: 'items' } },
  { kind: 'campaign', metric: ['adSpend'], name: { zh: '推广计划', en: 'campaigns' } },
];

/**
 * TEAM-02 (process): capture gaps as a team habit — days of the last 28 without the shop's core
 * KPIs (≥ 3 → P2, 1–2 → P3), and data families (客服, 内容, 来源, 商品, 推广) whose last capture is
 * `staleDays` or more behind the shop's latest day (P3). Stale data makes every other rule blind.
 */
export default defineRule({
  meta: {
    id: 'team-02-capture-gaps',
    ref: 'TEAM-02',
    area: 'TEAM',
    title: { zh: '数据采集有缺口', en: 'Gaps in data capture' },
    description: {
      zh: '近 28 天缺少核心数据的日子，以及停止更新的数据类别（客服、内容、来源、商品、推广）。',
      en: 'Days of the last 28 without core KPIs, and data families that stopped updating (service, content, sources, items, ads).',
    },
    severity: 'P3',
    requires: ['payAmt'],
    thresholds: {
      missingP2: { default: 3, min: 1, max: 28, label: { zh: '缺数天数告警线', en: 'Missing days alert' }, source: '[H]' },
      staleDays: { default: 3, min: 1, max: 30, label: { zh: '数据类别停更天数', en: 'Family stale after (days)' }, source: '[H]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 首页', en: '生意参谋 home' } },
  },
  evaluate(ctx, t) {
    const pay = ctx.shopSeries('payAmt');
    const first = pay.find((p) => p.value !== null)?.date ?? ctx.asOf;
    const earliest = addDays(ctx.asOf, -27);
    const from = [first, earliest].sort()[1] ?? earliest;
    const span = daysBetween(from, ctx.asOf) + 1;
    const missingDays = Array.from({ length: span }, (_, i) => addDays(from, i)).filter((d) => valueOn(pay, d) === null);
    const stale: { name: Text; last: string; behind: number }[] = [];
    for (const f of FAMILIES) {
      let last: string | null = null;
      for (const e of ctx.entities(f.kind)) {
        for (const m of f.metric) {
          // Only the rows from the latest date seen so far can move it.
          const s = ctx.range(f.kind, e.id, m, last ?? '', '\uffff');
          const d = s.length ? s[s.length - 1]?.date : undefined;
          if (d && (!last || d > last)) last = d;
        }
      }
      if (!last) continue;
      const behind = daysBetween(last, ctx.asOf);
      if (behind >= t.staleDays) stale.push({ name: f.name, last, behind });
    }
    const evidence = [
      { label: { zh: '近 28 天缺核心数据的天数', en: 'Days without core KPIs (28)' }, value: missingDays.length, format: 'count' as const },
      { label: { zh: '停更的数据类别', en: 'Stale data families' }, value: stale.length, format: 'count' as const },
    ];
    const period = { from, to: ctx.asOf };
    if (!missingDays.length && !stale.length)
      return [
        {
          status: 'ok',
          period,
          detail: {
            zh: `${from} 至 ${ctx.asOf} 每天都有核心数据，各类数据都在更新。`,
            en: `Core KPIs every day ${from}–${ctx.asOf}; every data family is current.`,
          },
          evidence,
        },
      ];
    const parts: Text[] = [];
    if (missingDays.length)
      parts.push({
        zh: `${missingDays.length} 天没有核心指标（${missingDays.slice(0, 5).join('、')}${missingDays.length > 5 ? '…' : ''}）`,
        en: `${missingDays.length} day(s) without core KPIs (${missingDays.slice(0, 5).join(', ')}${missingDays.length > 5 ? '…' : ''})`,
      });
    for (const s of stale)
      parts.push({ zh: `${s.name.zh}停在 ${s.last}（落后 ${s.behind} 天）`, en: `${s.name.en} stopped at ${s.last} (${s.behind} days behind)` });
    return [
      {
        status: 'fired',
        severity: missingDays.length >= t.missingP2 ? 'P2' : 'P3',
        period,
        detail: {
          zh: `${parts.map((p) => p.zh).join('；')}。缺的日子不会当作 0，但相关规则只能输出“数据不足”，问题会被漏掉。`,
          en: `${parts.map((p) => p.en).join('; ')}. Missing days are never read as zero, but the rules that need them can only say “not enough data”, so problems go unseen.`,
        },
        suggestion: {
          zh: `把“每天上午打开 生意参谋 首页、客服绩效、内容作品分析、店铺来源和推广报表”写进值班表，指定负责人；缺的日子可以按日期切换补采。${OPEN_HOME.zh}`,
          en: `Put “open the 生意参谋 home, 客服绩效, 作品分析, 店铺来源 and the ad reports every morning” on the rota with an owner; back-fill missing days by switching the date. ${OPEN_HOME.en}`,
        },
        evidence,
      },
    ];
  },
});
