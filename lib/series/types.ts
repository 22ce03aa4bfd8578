/**
 * Shared shapes for daily-series statistics.
 *
 * A daily series is keyed by the 东八区 business date ('YYYY-MM-DD', domain-rules §0.2).
 * Missing days are either absent or `null`; they are NEVER read as 0 (§3.1), because a
 * scrape gap and a genuine zero-sales day mean very different things to the rules.
 */
export interface DailyPoint {
  /** Business date, 'YYYY-MM-DD'. */
  date: string;
  /** Observed value; null = not observed (gap, immature data, masked event day). */
  value: number | null;
}

export type DailySeries = readonly DailyPoint[];

/**
 * 'ok' = full evidence; 'tentative' = computed but below the preferred sample size
 * (rules should downgrade to 暂定, §3.3 / DA-09); 'insufficient' = nothing trustworthy
 * could be computed (rules output 数据不足, §0.5).
 */
export type Status = 'ok' | 'tentative' | 'insufficient';

/** Predicate used to keep event days (大促、断货日…) out of "normal" baselines (§3.1). */
export type DateFilter = (date: string) => boolean;
