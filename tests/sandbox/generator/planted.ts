/** Planted problems: deliberate anomalies the extension's diagnosis should find. */
import type { World } from './world.ts';

export type ProblemArea = 'DA' | 'SEL' | 'ADS' | 'ACT' | 'CS' | 'CNT' | 'SC' | 'TEAM';

export interface PlantedProblem {
  readonly id: string;
  readonly shopId: string;
  readonly area: ProblemArea;
  readonly kind: string;
  readonly entity: { readonly kind: string; readonly id: string };
  /** Inclusive date window. */
  readonly from: string;
  readonly to: string;
  readonly metric: string;
  readonly description: string;
}

/** How a planted problem changes the generated data (internal to the generator). */
export interface PlantedEffect {
  readonly problem: PlantedProblem;
  /** Multiplier on shop visitors (conversion unchanged, so buyers / GMV / pv follow). */
  readonly uvFactor?: number;
  /** Traffic-source pageIds that absorb the whole loss (others keep their visitors). */
  readonly lostFromSources?: readonly string[];
}

export const PLANTED_EFFECTS: readonly PlantedEffect[] = [
  {
    problem: {
      id: 'A-traffic-drop-2026-11-16',
      shopId: '106033221',
      area: 'DA',
      kind: 'traffic-drop',
      entity: { kind: 'shop', id: '106033221' },
      from: '2026-11-16',
      to: '2026-11-22',
      metric: 'uv',
      description:
        '店铺访客数连续7天降至正常水平的约62%(2026-11-16至2026-11-22),支付转化率不变,支付买家数、支付金额、浏览量随之下降;流失集中在手淘搜索和手淘推荐。',
    },
    uvFactor: 0.62,
    lostFromSources: ['23.s1150', '23.s1152'],
  },
];

export function effectsOn(shopId: string, date: string): PlantedEffect[] {
  return PLANTED_EFFECTS.filter((e) => e.problem.shopId === shopId && date >= e.problem.from && date <= e.problem.to);
}

/** The planted problems of a world (same for every seed: they are data, not noise). */
export function plantedProblems(_world?: World): PlantedProblem[] {
  return PLANTED_EFFECTS.map((e) => ({ ...e.problem, entity: { ...e.problem.entity } }));
}
