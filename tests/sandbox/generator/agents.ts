/** Customer-service agents (6 per shop) and their daily workload, splitting the shop's consultations. */
import { allocate, round } from './alloc.ts';
import type { ShopDay } from './metrics.ts';
import { effectsOn } from './planted.ts';
import { between, numericId, tri } from './prng.ts';
import type { Shop } from './shops.ts';

export interface Agent {
  readonly agentId: string;
  readonly shopId: string;
  /** Sub-account nick `<main nick>:<name>`. */
  readonly nick: string;
  readonly name: string;
  readonly weight: number;
  /** Multipliers vs the shop average. */
  readonly speed: number;
  readonly skill: number;
}

export interface AgentDay {
  readonly nick: string;
  /** 咨询人数 */
  readonly consultUv: number;
  /** 询单转化率 (decimal) */
  readonly inquiryConvRate: number;
  /** 询单→支付买家数 */
  readonly payByrCnt: number;
  /** 首次响应时长 (s) */
  readonly firstReplySec: number;
  /** 平均响应时长 (s) */
  readonly avgReplySec: number;
}

const NAMES: Record<Shop['key'], readonly string[]> = {
  A: ['小美', '小雅', '阿青', '小鹿', '木子', '小七'],
  B: ['大熊', '小野', '阿峰', '小林', '山山', '橙子'],
};

export function buildAgents(seed: number, shop: Shop): Agent[] {
  return NAMES[shop.key].map((name, i) => ({
    agentId: numericId(10, seed, shop.runAsShopId, 'agent', i),
    shopId: shop.runAsShopId,
    nick: `${shop.mainUserName}:${name}`,
    name,
    weight: round(between(0.7, 1.3, seed, shop.runAsShopId, 'agentW', i), 4),
    speed: round(between(0.75, 1.3, seed, shop.runAsShopId, 'agentSpeed', i), 4),
    skill: round(between(0.8, 1.2, seed, shop.runAsShopId, 'agentSkill', i), 4),
  }));
}

/** Consultations of the day: round(uv × consultRate), split across agents exactly. */
export function shopConsultUv(day: ShopDay): number {
  return Math.round(day.uv * day.consultRate);
}

export function computeAgentDays(seed: number, agents: readonly Agent[], date: string, day: ShopDay): AgentDay[] {
  const consults = allocate(
    shopConsultUv(day),
    agents.map((a) => a.weight * (1 + tri(0.2, seed, a.agentId, date, 'w'))),
  );
  return agents.map((a, i) => {
    const consultUv = consults[i] ?? 0;
    // Planted problems of one agent (planted.ts): conversion or reply times multiplied.
    const planted = effectsOn(a.shopId, date).filter((e) => e.agent?.nick === a.nick);
    const convF = planted.reduce((f, e) => f * (e.agent?.convFactor ?? 1), 1);
    const speedF = planted.reduce((f, e) => f * (e.agent?.speedFactor ?? 1), 1);
    const inquiryConvRate = Math.min(1, 0.46 * a.skill * convF * (1 + tri(0.15, seed, a.agentId, date, 'conv')));
    const avgReplySec = round(day.wwReplyManualAvgTimeLen * a.speed * speedF * (1 + tri(0.15, seed, a.agentId, date, 'reply')), 2);
    return {
      nick: a.nick,
      consultUv,
      inquiryConvRate: round(inquiryConvRate, 4),
      payByrCnt: Math.round(consultUv * inquiryConvRate),
      firstReplySec: round(avgReplySec * 0.6, 2),
      avgReplySec,
    };
  });
}
