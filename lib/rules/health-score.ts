/**
 * Per-area health score (0–100) from the findings of one shop, with what pulls it down.
 *
 * Each fired finding takes a fraction of what is left: P0 40 %, P1 20 %, P2 8 %, P3 2 %, so
 * the score falls with severity and with the number of fired findings, never below 0, and a
 * second P1 costs less than the first (score = 100 · Π(1 − wᵢ)). Findings that could not judge
 * (数据不足) do not move the score: they lower the confidence (= judged ÷ (judged + insufficient
 * + errors)); not-applicable findings count for neither.
 */
import type { Area, Severity } from '../schema/finding';
import type { Text } from './types';

export const SEVERITY_WEIGHT: Record<Severity, number> = { P0: 0.4, P1: 0.2, P2: 0.08, P3: 0.02 };

/** The part of a finding the score reads (Finding and FindingDraft fit). */
export interface ScoredFinding {
  ruleId: string;
  area: Area;
  status: 'fired' | 'ok' | 'insufficient' | 'not-applicable' | 'error';
  severity: Severity;
  entity: { kind: string; id: string; name?: string | undefined };
  title: Text;
}

export interface HealthDrag {
  ruleId: string;
  severity: Severity;
  entity: ScoredFinding['entity'];
  title: Text;
  /** Points this finding took off the score. */
  points: number;
}

export interface AreaHealth {
  area: Area;
  /** 0–100; null when nothing in the area could be judged. */
  score: number | null;
  /** judged ÷ (judged + insufficient + errors), 0–1; null when no finding was evaluated. */
  confidence: number | null;
  confidenceLevel: 'high' | 'medium' | 'low' | null;
  fired: number;
  judged: number;
  insufficient: number;
  /** What pulls the score down, largest first. */
  drags: HealthDrag[];
  /** Rules that could not judge (they lower confidence), for "数据缺口". */
  gaps: string[];
  summary: Text;
}

const SEV_ORDER: Record<Severity, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

export function healthOfArea(area: Area, findings: readonly ScoredFinding[]): AreaHealth {
  const mine = findings.filter((f) => f.area === area && f.status !== 'not-applicable');
  const fired = mine.filter((f) => f.status === 'fired').sort((a, b) => SEV_ORDER[a.severity] - SEV_ORDER[b.severity] || (a.ruleId < b.ruleId ? -1 : 1));
  const judged = mine.filter((f) => f.status === 'fired' || f.status === 'ok').length;
  const unjudged = mine.filter((f) => f.status === 'insufficient' || f.status === 'error');
  const total = judged + unjudged.length;
  const confidence = total ? judged / total : null;
  const confidenceLevel = confidence === null ? null : confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
  const gaps = [...new Set(unjudged.map((f) => f.ruleId))];
  if (judged === 0) {
    return {
      area,
      score: null,
      confidence,
      confidenceLevel,
      fired: 0,
      judged: 0,
      insufficient: unjudged.length,
      drags: [],
      gaps,
      summary: { zh: '数据不足，暂不评分', en: 'Not enough data to score' },
    };
  }
  let level = 100;
  const drags: HealthDrag[] = [];
  for (const f of fired) {
    const next = level * (1 - SEVERITY_WEIGHT[f.severity]);
    drags.push({ ruleId: f.ruleId, severity: f.severity, entity: f.entity, title: f.title, points: level - next });
    level = next;
  }
  const score = Math.round(level);
  const top = drags.slice(0, 3);
  const summary: Text = top.length
    ? {
        zh: `${score} 分；主要扣分：${top.map((d) => `${d.title.zh}（${d.severity}，−${Math.round(d.points)}）`).join('、')}${confidenceLevel === 'low' ? '；数据不全，可信度低' : ''}`,
        en: `${score}; pulled down by ${top.map((d) => `${d.title.en} (${d.severity}, −${Math.round(d.points)})`).join(', ')}${confidenceLevel === 'low' ? '; data incomplete, low confidence' : ''}`,
      }
    : {
        zh: `${score} 分；没有异常${confidenceLevel === 'low' ? '，但数据不全，可信度低' : ''}`,
        en: `${score}; nothing wrong${confidenceLevel === 'low' ? ', but data incomplete, low confidence' : ''}`,
      };
  return { area, score, confidence, confidenceLevel, fired: fired.length, judged, insufficient: unjudged.length, drags, gaps, summary };
}

/** Health of every area that has findings, in the order the areas first appear. */
export function areaHealth(findings: readonly ScoredFinding[]): AreaHealth[] {
  const areas = [...new Set(findings.map((f) => f.area))];
  return areas.map((a) => healthOfArea(a, findings));
}
