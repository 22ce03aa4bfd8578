import { sendMessage } from '@/lib/messaging/protocol';

const pending = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;

/** After a profile or threshold edit: re-run the rules of the affected shops once the typing stops. */
export function rerunRules(shopIds: readonly string[]): void {
  for (const id of shopIds) pending.add(id);
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    const ids = [...pending];
    pending.clear();
    for (const shopId of ids) sendMessage('runRules', { shopId }).catch(() => undefined);
  }, 800);
}
