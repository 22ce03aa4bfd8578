/**
 * Daily-series statistics for shop diagnosis (domain-rules §0.3–§0.5, §2.5, §3).
 * Pure and dependency-free so rules, the popup and tests can share one implementation.
 */
export * from './types';
export { finiteValues, sum, mean, sampleSd, quantile } from './stats';
export * from './normal';
export * from './dates';
export * from './baseline';
export * from './robust';
export * from './ewma';
export * from './trend';
export * from './holt-winters';
export * from './intermittent';
export * from './rates';
export * from './stock';
export * from './uplift';
export * from './decompose';
