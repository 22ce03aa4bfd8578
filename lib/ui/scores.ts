import { areaHealth } from '../rules/health-score';
import type { Area, Finding } from '../schema/finding';

export interface AreaScore {
  /** 0–100, or null when no rule of the area could judge (no data). */
  score: number | null;
  /** What pulls it down (lib/rules/health-score), for the tooltip. */
  why: { zh: string; en: string };
}

/** The per-area health scores of lib/rules/health-score, keyed for the tabs and the overview. */
export function areaScores(findings: readonly Finding[]): Record<Area, AreaScore> {
  const out = {} as Record<Area, AreaScore>;
  for (const h of areaHealth(findings)) out[h.area] = { score: h.score === null ? null : Math.round(h.score), why: h.summary };
  return out;
}
