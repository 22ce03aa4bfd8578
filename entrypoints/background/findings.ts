import type { OpsRadarDB } from '@/lib/db/database';
import { onFactsWritten } from '@/lib/db/writes';
import { runRulesAfterCapture, runRulesFull, type ShopRules } from '@/lib/rules/run';
import type { Fact } from '@/lib/schema/fact';
import { notifyFindingsChanged } from './annotations';
import { notifyAfterRules } from './notify';
import { webhooksAfterRules } from './webhooks';

const timers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Per shop, the rule state of the last run (context + each rule's findings and reads), kept while
 * the worker lives, and the facts captures stored since: the next run re-evaluates only the rules
 * that read them (lib/rules/incremental.ts). Anything else that writes facts — a shop merge,
 * retention, a deletion — drops the state (`invalidateRules`), and a state that does not match the
 * database any more is rebuilt by a full run (lib/rules/run.ts runRulesAfterCapture).
 */
const states = new Map<string, ShopRules>();
const pending = new Map<string, Fact[]>();
/** One run at a time per shop: a run's state must not be replaced under it. */
const running = new Map<string, Promise<unknown>>();

onFactsWritten((facts) => {
  for (const f of facts) {
    let list = pending.get(f.shopId);
    if (!list) {
      list = [];
      pending.set(f.shopId, list);
    }
    list.push(f);
  }
});

/** Forget the cached rule state (all shops when no id): the next run is a full one. */
export function invalidateRules(shopId?: string): void {
  if (shopId === undefined) states.clear();
  else states.delete(shopId);
}

function serial<T>(shopId: string, job: () => Promise<T>): Promise<T> {
  const next = (running.get(shopId) ?? Promise.resolve()).then(job, job);
  running.set(shopId, next);
  void next.finally(() => {
    if (running.get(shopId) === next) running.delete(shopId);
  });
  return next;
}

/** Incremental when a state and the captured facts allow it, else full (and a new state). */
async function runRules(db: OpsRadarDB, shopId: string, opts: { full?: boolean } = {}): Promise<{ fired: number; incremental: boolean }> {
  return serial(shopId, async () => {
    const written = pending.get(shopId) ?? [];
    pending.delete(shopId);
    const cached = opts.full ? undefined : states.get(shopId);
    if (cached && written.length) {
      try {
        const r = await runRulesAfterCapture(db, cached, written);
        if (r) return { fired: r.fired, incremental: true };
      } catch (e) {
        console.warn('[opsradar] incremental rules failed, running all', e);
      }
    }
    states.delete(shopId);
    const r = await runRulesFull(db, shopId);
    if (r.rules) states.set(shopId, r.rules);
    return { fired: r.fired, incremental: false };
  });
}

/**
 * Debounced: a page load brings several responses; the rules run once after the burst. `full`
 * for changes that did not come through a capture (a shop merge).
 */
export function scheduleRules(db: OpsRadarDB, shopId: string, delayMs = 400, opts: { full?: boolean } = {}): void {
  if (opts.full) invalidateRules(shopId);
  const t = timers.get(shopId);
  if (t) clearTimeout(t);
  timers.set(
    shopId,
    setTimeout(() => {
      timers.delete(shopId);
      runRules(db, shopId)
        .then(() => {
          void notifyFindingsChanged(shopId);
          void webhooksAfterRules(db, shopId);
          return notifyAfterRules(db, shopId);
        })
        .catch((e) => console.warn('[opsradar] rules failed', e));
    }, delayMs),
  );
}

/** The user asked (or changed thresholds / the profile): a full run. */
export async function runRulesNow(db: OpsRadarDB, shopId: string): Promise<number> {
  const r = await runRules(db, shopId, { full: true });
  void notifyFindingsChanged(shopId);
  // The user asked for this run and sees its result: remember, do not announce.
  await notifyAfterRules(db, shopId, { silent: true }).catch(() => undefined);
  // The team is not looking at this screen: new P0s still go to the group robots.
  void webhooksAfterRules(db, shopId);
  return r.fired;
}

/** For tests: run now (what a scheduled run does) and say whether it was incremental. */
export function runScheduledNow(db: OpsRadarDB, shopId: string): Promise<{ fired: number; incremental: boolean }> {
  return runRules(db, shopId);
}
