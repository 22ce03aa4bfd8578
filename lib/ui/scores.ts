import { AREAS, type Area, type Finding } from '../schema/finding';

export interface AreaScore {
  /** 0–100, or null when no rule of the area could judge (no data). */
  score: number | null;
  why: { zh: string; en: string };
}

const PENALTY = { P0: 40, P1: 20, P2: 10, P3: 3 } as const;

/**
 * A per-area health score for the tabs and the overview: 100 minus a penalty per fired finding
 * by severity; areas whose rules all lacked data have no score (not a perfect one).
 */
export function areaScores(findings: readonly Finding[]): Record<Area, AreaScore> {
  const out = {} as Record<Area, AreaScore>;
  for (const a of AREAS) {
    const mine = findings.filter((f) => f.area === a);
    const judged = mine.filter((f) => f.status === 'fired' || f.status === 'ok');
    if (judged.length === 0) {
      out[a] = { score: null, why: { zh: '数据不足，无法评分', en: 'Not enough data to score' } };
      continue;
    }
    const fired = mine.filter((f) => f.status === 'fired');
    const penalty = fired.reduce((s, f) => s + PENALTY[f.severity], 0);
    const score = Math.max(0, 100 - penalty);
    const top = fired.slice().sort((x, y) => x.severity.localeCompare(y.severity))[0];
    out[a] = {
      score,
      why: top
        ? { zh: `扣分最多：${top.title.zh}（${top.severity}）`, en: `Pulled down most by: ${top.title.en} (${top.severity})` }
        : { zh: `已检查 ${judged.length} 项，均正常`, en: `${judged.length} checks, all normal` },
    };
  }
  return out;
}
