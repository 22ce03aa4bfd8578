import type { OpsRadarDB } from '@/lib/db/database';
import { runRulesForShop } from '@/lib/rules/run';
import { notifyFindingsChanged } from './annotations';
import { notifyAfterRules } from './notify';
import { webhooksAfterRules } from './webhooks';

const timers = new Map<string, ReturnType<typeof setTimeout>>();

/** Debounced: a page load brings several responses; the rules run once after the burst. */
export function scheduleRules(db: OpsRadarDB, shopId: string, delayMs = 400): void {
  const t = timers.get(shopId);
  if (t) clearTimeout(t);
  timers.set(
    shopId,
    setTimeout(() => {
      timers.delete(shopId);
      runRulesForShop(db, shopId)
        .then(() => {
          void notifyFindingsChanged(shopId);
          void webhooksAfterRules(db, shopId);
          return notifyAfterRules(db, shopId);
        })
        .catch((e) => console.warn('[opsradar] rules failed', e));
    }, delayMs),
  );
}

export async function runRulesNow(db: OpsRadarDB, shopId: string): Promise<number> {
  const r = await runRulesForShop(db, shopId);
  void notifyFindingsChanged(shopId);
  // The user asked for this run and sees its result: remember, do not announce.
  await notifyAfterRules(db, shopId, { silent: true }).catch(() => undefined);
  // The team is not looking at this screen: new P0s still go to the group robots.
  void webhooksAfterRules(db, shopId);
  return r.fired;
}
