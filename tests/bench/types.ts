/**
 * The shape of one benchmark row (architecture §7). A row is a file in `tests/bench/cases/`
 * named `NN-some-id.ts` whose default export is a `BenchCase`; `run.ts` picks every such file
 * up in name order, so adding a budget means adding one file (nothing else to register).
 */
export interface BenchOpts {
  /** `--quick`: smaller sizes and fewer repeats, for CI (whole suite ≲ 90 s). */
  readonly quick: boolean;
  /** Repository root. */
  readonly root: string;
  /** Built chrome-mv3 extension directory (WXT_OUT_DIR aware). */
  readonly extensionDir: string;
  /** Progress line on stderr (the table itself goes to stdout). */
  log(msg: string): void;
}

export interface CaseOutcome {
  /** Human figure as printed, e.g. "2.1 ms (median of 15; 1.9–2.6)". */
  figure: string;
  /**
   * true/false = within/over budget; null = reported only (no budget, or nothing to compare).
   * Noisy times still get a verdict here, but the verdict never changes the exit code.
   */
  pass: boolean | null;
  /** Overrides the case label when the run learned something (e.g. which adapter was used). */
  label?: string;
  /** Assumptions and approximations worth reading next to the figure. */
  note?: string;
  /** Raw numbers, written to test-results/bench.json. */
  details?: Record<string, unknown>;
}

export interface BenchCase {
  /** kebab-case, unique. */
  id: string;
  label: string;
  /** The budget as printed in the table (architecture §7 wording). */
  budget: string;
  /** Whether the figure is a time (noisy: median + spread, reported, never asserted). */
  noisy: boolean;
  run(opts: BenchOpts): Promise<CaseOutcome>;
}
