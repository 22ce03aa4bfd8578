import { addDays } from '../../series/dates';
import { shopSnapshot } from '../shared/entity-window';
import { defineRule } from '../types';

const OPEN = {
  zh: '打开 千牛 → 工作台 首页（物流监控待办）以采集发货超时数据',
  en: 'Open the 千牛 workbench home (logistics to-dos) to capture late-shipment counts',
};

/**
 * SC-04: parcels already past the ship-by time (千牛 工作台 物流监控 “发货超时包裹”) → P1 —
 * compensation is due; parcels about to time out → P2. The 48-hour ship-by rule and the
 * compensation amounts are platform rules [P] to be checked on the rule centre.
 */
export default defineRule({
  meta: {
    id: 'sc-04-late-shipment',
    ref: 'SC-04',
    area: 'SC',
    title: { zh: '发货超时 / 即将超时', en: 'Late or nearly late shipments' },
    description: {
      zh: '千牛工作台的物流监控里有已超时未发的包裹（P1，面临延迟发货赔付）或即将超时的包裹（P2）。',
      en: 'The 千牛 workbench lists parcels past the ship-by time (P1, late-shipment compensation) or about to pass it (P2).',
    },
    severity: 'P1',
    requires: ['shop.todoTimeOutDelivery'],
    thresholds: {
      lateCount: { default: 1, min: 1, max: 1000, label: { zh: '超时包裹数（P1）', en: 'Late parcels (P1)' }, source: '[P]' },
      soonCount: { default: 1, min: 1, max: 1000, label: { zh: '即将超时包裹数（P2）', en: 'Parcels about to be late (P2)' }, source: '[H]' },
      maxStaleDays: { default: 1, min: 0, max: 7, label: { zh: '待办快照最长滞后（天）', en: 'Maximum to-do snapshot age (days)' }, source: '[C]' },
    },
    link: { url: 'https://myseller.taobao.com/home.htm', label: { zh: '千牛 → 工作台 → 物流监控', en: '千牛 → workbench → logistics' } },
  },
  evaluate(ctx, t) {
    const late = shopSnapshot(ctx, 'todoTimeOutDelivery');
    const soon = shopSnapshot(ctx, 'todoWillTimeOutDelivery');
    if (!late || late.date < addDays(ctx.asOf, -t.maxStaleDays)) {
      return [{ status: 'insufficient', detail: { zh: `没有近期的千牛待办数据。${OPEN.zh}`, en: `No recent 千牛 to-do data. ${OPEN.en}` }, evidence: [] }];
    }
    const lateN = late.value;
    const soonN = soon && soon.date === late.date ? soon.value : null;
    const evidence = [
      { label: { zh: '发货超时包裹', en: 'Late parcels' }, value: lateN, format: 'count' as const },
      { label: { zh: '发货即将超时', en: 'About to be late' }, value: soonN, format: 'count' as const },
    ];
    const period = { from: late.date, to: late.date };
    if (lateN >= t.lateCount) {
      return [
        {
          status: 'fired',
          severity: 'P1',
          period,
          detail: {
            zh: `${late.date} 千牛显示 ${lateN} 个包裹已超过发货时限${soonN ? `，另有 ${soonN} 个即将超时` : ''}。延迟发货要按规则赔付（淘宝常见口径：实付 5%，5–30 元；天猫：30%、最高 500 元，以规则中心为准），还会拉低体验分。`,
            en: `On ${late.date} 千牛 shows ${lateN} parcel(s) past the ship-by time${soonN ? ` and ${soonN} about to be` : ''}. Late shipment is compensated by rule (Taobao commonly 5 % of the paid amount, ¥5–30; Tmall 30 %, up to ¥500 — check the rule centre) and hurts the experience score.`,
          },
          suggestion: {
            zh: '先发超时的订单；发不出的主动联系买家说明并协商；排查缺货 SKU 和仓库产能。',
            en: 'Ship the late orders first; contact buyers whose orders cannot ship; check for out-of-stock SKUs and warehouse capacity.',
          },
          evidence,
        },
      ];
    }
    if (soonN !== null && soonN >= t.soonCount) {
      return [
        {
          status: 'fired',
          severity: 'P2',
          period,
          detail: {
            zh: `${late.date} 有 ${soonN} 个包裹即将超过发货时限（默认 48 小时），暂无已超时的。`,
            en: `On ${late.date} ${soonN} parcel(s) are close to the ship-by time (48 h by default); none late yet.`,
          },
          suggestion: { zh: '优先处理这些订单，避免超时赔付。', en: 'Ship these first to avoid compensation.' },
          evidence,
        },
      ];
    }
    return [
      { status: 'ok', period, detail: { zh: `${late.date} 没有超时或即将超时的包裹。`, en: `No late or nearly late parcels on ${late.date}.` }, evidence },
    ];
  },
});
