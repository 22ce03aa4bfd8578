/**
 * Seven-day item statistics for the 选品 (SEL) rules: visitors, add-to-cart and conversion of
 * every item over a window, with conversion shrunk towards the shop rate (§3.4) so that
 * "2 visitors, 1 order" does not rank first.
 */

import { addDays } from '../../series/dates';
import { shrinkRate } from '../../series/rates';
import type { EntityRef, RuleContext } from '../types';

export interface ItemWeek {
  e: EntityRef;
  uv: number;
  cart: number;
  buyers: number;
  /** Days with visitors observed in the window. */
  days: number;
  cartRate: number;
  /** Shrunk conversion (prior = the pooled item rate, n₀ = 200 visitors). */
  payRate: number;
  rawPayRate: number;
}

const WEEK_METRICS = ['uv', 'cartByrCnt', 'payByrCnt'];

export function itemWeeks(ctx: RuleContext, to: string, days = 7): { rows: ItemWeek[]; shopRate: number } {
  // One pass per item for the three metrics, shared by the SEL rules that read the same week.
  const week = ctx.sums('item', WEEK_METRICS, addDays(to, -(days - 1)), to);
  const raw = ctx.entities('item').map((e) => {
    const [uv, cart, buyers] = week.get(e.id) ?? [];
    return { e, uv: uv?.sum ?? 0, days: uv?.days ?? 0, cart: cart?.sum ?? 0, buyers: buyers?.sum ?? 0 };
  });
  const totUv = raw.reduce((a, r) => a + r.uv, 0);
  const totB = raw.reduce((a, r) => a + r.buyers, 0);
  const shopRate = totUv > 0 ? totB / totUv : 0;
  const rows = raw
    .filter((r) => r.uv > 0)
    .map((r) => ({
      ...r,
      cartRate: Math.min(1, r.cart / r.uv),
      rawPayRate: Math.min(1, r.buyers / r.uv),
      payRate: shrinkRate(Math.min(r.buyers, r.uv), r.uv, shopRate) ?? r.buyers / r.uv,
    }));
  return { rows, shopRate };
}
