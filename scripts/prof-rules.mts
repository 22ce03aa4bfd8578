/**
 * Profile the rules over a year of synthetic facts (the rules-year bench data), per phase and per rule.
 *   npx tsx scripts/prof-rules.mts            # timings per rule (ITEMS, KEYWORDS, DAYS; WORLD=<sandbox shop id> for the sandbox world)
 *   node --cpu-prof --import tsx scripts/prof-rules.mts   # plus a V8 CPU profile
 */
import { performance } from 'node:perf_hooks';
import { yearOfFacts } from '../tests/bench/cases/08-rules-year';
import { buildContext } from '../lib/rules/context';
import { evaluateRules } from '../lib/rules/engine';
import { evaluateWithPersistence } from '../lib/rules/noise';
import { RULES } from '../lib/rules/registry';
import { fullWorldFacts } from '../tests/rules/world-facts';

/** CPU time of this process (user + system), ms: steadier than wall time on a shared machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const items = Number(process.env.ITEMS ?? 1000);
const keywords = Number(process.env.KEYWORDS ?? 2000);
const days = Number(process.env.DAYS ?? 365);
let t = performance.now();
const world = process.env.WORLD;
const facts = world ? fullWorldFacts(world, '2025-10-01', process.env.AS_OF ?? '2026-11-22', '2026-11-23') : yearOfFacts(items, keywords, 20, days);
const shop = world ?? 's1';
console.log(`generated ${facts.length} facts in ${(performance.now() - t).toFixed(0)} ms`);
for (let run = 0; run < 2; run++) {
  t = performance.now();
  const ctx = buildContext(shop, facts);
  if (!ctx) throw new Error('no ctx');
  const tBuild = performance.now() - t;
  const per: [string, number][] = [];
  for (const r of RULES) {
    const t1 = cpuMs();
    evaluateRules([r], ctx);
    per.push([r.meta.id, cpuMs() - t1]);
  }
  const tRules = per.reduce((s, [, x]) => s + x, 0);
  t = performance.now();
  const ctx2 = buildContext(shop, facts);
  if (!ctx2) throw new Error('no ctx');
  const n = evaluateWithPersistence(RULES, ctx2).length;
  const tFull = performance.now() - t;
  console.log(
    `run ${run}: build ${tBuild.toFixed(0)} ms, rules (cold-ish, shared ctx) ${tRules.toFixed(0)} ms, full with persistence ${tFull.toFixed(0)} ms, ${n} results`,
  );
  per.sort((a, b) => b[1] - a[1]);
  console.log(
    per
      .slice(0, 15)
      .map(([id, x]) => `  ${id.padEnd(34)} ${x.toFixed(1)} ms`)
      .join('\n'),
  );
}
