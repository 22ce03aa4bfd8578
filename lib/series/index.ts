/**
 * Daily-series statistics for shop diagnosis (domain-rules §0.3–§0.5, §2.5, §3).
 * Pure and dependency-free so rules, the popup and tests can share one implementation.
 */

export * from './baseline';
export * from './dates';
export * from './decompose';
export * from './ewma';
export * from './holt-winters';
export * from './intermittent';
export * from './normal';
export * from './rates';
export * from './robust';
export { finiteValues, mean, quantile, sampleSd, sum } from './stats';
export * from './stock';
export * from './trend';
export * from './types';
export * from './uplift';
