/**
 * 生意参谋 服务 for the sandbox (console-sources §5.6, §6.1, §11.9, §11.10): the shop KPI block of
 * `tao.shop.qos.sellerkpi`, per-agent rows of `tao.shop.qos.subaccount` and the `/csp/api` lists,
 * all derived from the agents' day (agents.ts) and the shop day, so they agree with each other.
 */

import { type AgentDay, shopConsultUv } from './agents.ts';
import { allocateMoney, round } from './alloc.ts';
import type { ShopDay } from './metrics.ts';
import { intBetween, numericId, rand } from './prng.ts';

export interface ServiceKpi {
  readonly consultUserCnt: number;
  readonly customerServiceRecUserCnt: number;
  readonly wwConsultPayRate: number;
  readonly avgReplyInterval: number;
  readonly customerAllSateRate: number;
  readonly wwUserReplayRate: number;
  readonly customerServiceGmv: number;
  readonly customerServiceSaleCnt: number;
}

export function serviceKpi(seed: number, shopId: string, date: string, day: ShopDay, agents: readonly AgentDay[]): ServiceKpi {
  const consultUserCnt = shopConsultUv(day);
  const paid = agents.reduce((s, a) => s + a.payByrCnt, 0);
  const weighted = agents.reduce((s, a) => s + a.avgReplySec * a.consultUv, 0);
  const missed = Math.min(consultUserCnt, intBetween(0, 3, seed, shopId, date, 'svcMissed'));
  return {
    consultUserCnt,
    customerServiceRecUserCnt: consultUserCnt - missed,
    wwConsultPayRate: consultUserCnt > 0 ? round(paid / consultUserCnt, 4) : 0,
    avgReplyInterval: consultUserCnt > 0 ? round(weighted / consultUserCnt, 2) : 0,
    customerAllSateRate: round(0.95 + 0.045 * rand(seed, shopId, date, 'svcSat'), 4),
    wwUserReplayRate: consultUserCnt > 0 ? round((consultUserCnt - missed) / consultUserCnt, 4) : 1,
    customerServiceGmv: round(paid * day.payPct, 2),
    customerServiceSaleCnt: paid,
  };
}

/** Slow replies per agent: more for slower agents. */
export function slowReplies(seed: number, date: string, agents: readonly AgentDay[]): number[] {
  return agents.map((a) => Math.round(a.consultUv * 0.02 * (a.avgReplySec / 20)) + intBetween(0, 1, seed, a.nick, date, 'slow'));
}

export interface RefundCase {
  readonly caseId: string;
  readonly orderId: string;
  readonly itemTitle: string;
  readonly refundRealAmt: number;
  readonly ordPayTime: string;
  readonly caseEndTime: string;
  readonly caseSceneType: string;
}

/** Refunds completed on `date` (queryType=caseEnd): amounts sum exactly to the day's rfdSucAmt. */
export function refundCases(seed: number, shopId: string, date: string, day: ShopDay, titles: readonly string[]): RefundCase[] {
  const n = Math.max(1, Math.round(day.rfdSucAmt / Math.max(1, day.payPct)));
  const amounts = allocateMoney(
    day.rfdSucAmt,
    Array.from({ length: n }, (_, i) => 0.5 + rand(seed, shopId, date, 'rfdW', i)),
  );
  return amounts.map((amt, i) => {
    const h = String(intBetween(0, 23, seed, shopId, date, 'rfdH', i)).padStart(2, '0');
    return {
      caseId: `21${numericId(16, seed, shopId, date, 'case', i)}`,
      orderId: `30${numericId(16, seed, shopId, date, 'order', i)}`,
      itemTitle: titles[i % Math.max(1, titles.length)] ?? '商品',
      refundRealAmt: amt,
      ordPayTime: `${date} 0${i % 10}:00:00`,
      caseEndTime: `${date} ${h}:15:00`,
      caseSceneType: rand(seed, shopId, date, 'rfdT', i) < 0.6 ? '仅退款' : '退货退款',
    };
  });
}

/** Experience sub-scores of the day (4.5 … 5.0). */
export function expScores(seed: number, shopId: string, date: string): Record<'goods' | 'logistics' | 'after' | 'dispute' | 'consult', number> {
  const s = (k: string) => round(4.5 + 0.5 * rand(seed, shopId, date, 'exp', k), 2);
  return { goods: s('goods'), logistics: s('logistics'), after: s('after'), dispute: s('dispute'), consult: s('consult') };
}
