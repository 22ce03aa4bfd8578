import { addDays } from '@/lib/capture/business-date';
import { buildContext } from '@/lib/rules/context';
import type { RuleContext } from '@/lib/rules/types';
import { type Fact, factId } from '@/lib/schema/fact';

export const AS_OF = '2026-11-20'; // a Friday
const WEEKLY = [1.1, 0.95, 0.92, 0.9, 0.93, 1.0, 1.2]; // Sun..Sat

/** A shop with `days` of weekday-seasonal history ending at AS_OF; `edit` tweaks any day. */
export function shopContext(
  opts: { days?: number; uv?: number; rate?: number; aov?: number; edit?: (date: string, v: Record<string, number>) => void; omit?: string[] } = {},
): RuleContext {
  const days = opts.days ?? 60;
  const facts: Fact[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = addDays(AS_OF, -i);
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    // Small deterministic wobble so MAD is not zero.
    const wobble = 1 + (((i * 7919) % 13) - 6) / 300;
    const uv = Math.round((opts.uv ?? 5000) * (WEEKLY[wd] ?? 1) * wobble);
    const buyers = Math.round(uv * (opts.rate ?? 0.03) * (1 + (((i * 104729) % 7) - 3) / 200));
    const v: Record<string, number> = { uv, payByrCnt: buyers, payPct: opts.aov ?? 120, payAmt: buyers * (opts.aov ?? 120), payRate: buyers / uv };
    opts.edit?.(date, v);
    v.payRate = v.payByrCnt! / v.uv!;
    v.payAmt = v.payByrCnt! * v.payPct!;
    for (const k of opts.omit ?? []) delete v[k];
    const f = {
      shopId: 's1',
      entityKind: 'shop' as const,
      entityId: 's1',
      grain: 'day' as const,
      date,
      dims: { device: '0' },
      values: v,
      source: { adapter: 't', route: 't' },
      capturedAt: 1,
      updatedAt: 1,
    };
    facts.push({ ...f, id: factId(f) });
  }
  const ctx = buildContext('s1', facts);
  if (!ctx) throw new Error('no context');
  return ctx;
}
