/**
 * Seven-day item statistics for the 选品 (SEL) rules: visitors, add-to-cart and conversion of
 * every item over a window, with conversion shrunk towards the shop rate (§3.4) so that
 * "2 visitors, 1 order" does not rank first.
 */
import { shrinkRate } from '../../series/rates';
import type { EntityRef, RuleContext } from '../types';
import { entityWindowSum } from './entity-window';

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

export function itemWeeks(ctx: RuleContext, to: string, days = 7): { rows: ItemWeek[]; shopRate: number } {
  const raw = ctx.entities('item').map((e) => {
    const uv = entityWindowSum(ctx, 'item', e.id, 'uv', to, days);
    const cart = entityWindowSum(ctx, 'item', e.id, 'cartByrCnt', to, days).sum;
    const buyers = entityWindowSum(ctx, 'item', e.id, 'payByrCnt', to, days).sum;
    return { e, uv: uv.sum, days: uv.days, cart, buyers };
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
